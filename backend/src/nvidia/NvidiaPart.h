#pragma once

#include "setup/Part.h"

namespace podbay::helper::nvidia {

// setup part "nvidia": `nvidia setup` (the CDI spec and the recorded driver version) on a
// node with NVIDIA GPUs; plans nothing without GPUs. [nvidia] setup = no turns it off.
setup::Part nvidiaPart();

} // namespace podbay::helper::nvidia
