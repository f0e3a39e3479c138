#pragma once

#include "setup/Part.h"

namespace podbay::helper::storage {

// setup part "storage": `storage configure --path DIR` for helper.conf [storage] path = DIR.
setup::Part storagePart();

} // namespace podbay::helper::storage
