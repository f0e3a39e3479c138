#pragma once

#include "CommandContext.h"

namespace podbay::helper {

// `podbay-helper nvidia status|setup [--dry-run]`: NVIDIA GPUs for Podman (CDI) and Apptainer.
int runNvidia(CommandContext &ctx, Args args);

} // namespace podbay::helper
