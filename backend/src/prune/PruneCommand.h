#pragma once

#include "CommandContext.h"

namespace podbay::helper {

// `podbay-helper prune [--older-than 7d] [--user NAME | --all-users] [--dry-run]`.
int runPrune(CommandContext &ctx, Args args);

} // namespace podbay::helper
