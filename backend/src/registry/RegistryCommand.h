#pragma once

#include "CommandContext.h"

namespace podbay::helper {

// `podbay-helper registry setup|status|gc|run`: the site registry (CNCF distribution).
int runRegistry(CommandContext &ctx, Args args);

} // namespace podbay::helper
