#pragma once

#include "CommandContext.h"

namespace podbay::helper {

// `podbay-helper serve [--privileged]`: JSON-RPC 2.0 on stdin/stdout, one process
// per SSH channel (docs/protocol.md).
int runServe(CommandContext &ctx, Args args);

} // namespace podbay::helper
