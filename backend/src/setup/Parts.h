#pragma once
// Every part `podbay-helper setup` applies and `status` checks, in the order they run.

#include "setup/Part.h"

#include <vector>

namespace podbay::helper::setup {

const std::vector<Part> &allParts();

} // namespace podbay::helper::setup
