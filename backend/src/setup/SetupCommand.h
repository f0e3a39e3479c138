#pragma once

#include "CommandContext.h"

namespace podbay::helper {

// `podbay-helper setup [--dry-run]`: applies every part helper.conf configures (Parts.h)
// in one idempotent run; a second run changes nothing and says so.
int runSetup(CommandContext &ctx, Args args);

// `podbay-helper status`: the drift of each part (what setup would change); exit 1 on drift.
int runStatus(CommandContext &ctx, Args args);

} // namespace podbay::helper
