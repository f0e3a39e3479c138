#pragma once

#include "CommandContext.h"

namespace podbay::helper {

// `podbay-helper docker-alias enable|disable|status [--dry-run]` (DockerAlias.h).
int runDockerAlias(CommandContext &ctx, Args args);

} // namespace podbay::helper
