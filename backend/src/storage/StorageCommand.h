#pragma once

#include "CommandContext.h"

namespace podbay::helper {

// `podbay-helper storage configure --path DIR [--dry-run] | check [--user NAME]`:
// rootless Podman storage on a local disk (containers-storage.conf(5)).
int runStorage(CommandContext &ctx, Args args);

} // namespace podbay::helper
