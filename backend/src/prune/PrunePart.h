#pragma once

#include "setup/Part.h"

namespace podbay::helper::prune {

// setup part "prune-timer": the daily podbay-prune.timer, when helper.conf says
// [prune] timer = yes (opt-in: it deletes users' old images).
setup::Part pruneTimerPart();

} // namespace podbay::helper::prune
