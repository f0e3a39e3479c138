#pragma once

#include "setup/Part.h"

namespace podbay::helper::dockeralias {

// setup part "docker-alias": helper.conf [docker] alias = yes enables, alias = no disables.
setup::Part dockerAliasPart();

} // namespace podbay::helper::dockeralias
