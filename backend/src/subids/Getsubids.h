#pragma once
// Reading a user's ranges through getsubids(1) (shadow's libsubid), for sites whose
// nsswitch.conf `subid:` line names a directory service instead of /etc/subuid.
// Output lines look like "0: alice 100000 65536".

#include "SubidFile.h"

#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::subids {

// Parses getsubids output; throws HelperError(E_BAD_INPUT) on a line of another shape.
std::vector<SubidEntry> parseGetsubidsOutput(std::string_view output);

// Runs `TOOL [-g] USER`. A user without ranges gives an empty list (getsubids exits 1 and
// says "Error fetching ranges"); a tool that cannot run throws HelperError(E_IO).
std::vector<SubidEntry> queryGetsubids(const std::string &tool, const std::string &user, bool groups);

} // namespace podbay::helper::subids
