#pragma once

#include "CommandContext.h"

namespace podbay::helper {

// `podbay-helper subids plan|sync|check [options]`: subordinate UID/GID ranges for
// rootless containers (/etc/subuid, /etc/subgid). See docs/helper-conf.md.
int runSubids(CommandContext &ctx, Args args);

} // namespace podbay::helper
