#pragma once

#include "setup/Part.h"

namespace podbay::helper::registry {

// setup part "registry": `registry setup` for helper.conf [registry] storage = DIR (with
// [registry] listen, user, uid); a node without [registry] storage hosts no registry.
setup::Part registryPart();

} // namespace podbay::helper::registry
