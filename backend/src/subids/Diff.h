#pragma once
// A unified diff (as `diff -u`) of what a FilePlan changes, made from the plan's own edit
// list rather than by comparing texts, so it costs O(lines) even for 100,000 users.

#include "Planner.h"

#include <string>

namespace podbay::helper::subids {

// Empty when the plan changes nothing. Three lines of context, like diff -u.
std::string unifiedDiff(const FilePlan &plan);

} // namespace podbay::helper::subids
