#pragma once

#include "setup/Part.h"

namespace podbay::helper::setup {

// setup part "subids": `subids sync` with the [subids] settings of helper.conf, when that
// section sets at least one key. Applied through subids::runSync (shadow's locks, the
// record of managed entries), not through the generic file apply.
Part subidsPart();

} // namespace podbay::helper::setup
