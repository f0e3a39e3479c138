#pragma once
// `subids check [--user NAME]`: is every range sound (RangeAnalysis), can newuidmap and
// newgidmap use them, and for one user: which ranges, how many ids, what is wrong.
// Reads /etc/subuid and /etc/subgid, or asks getsubids(1) when nsswitch.conf names
// another subid source.

#include "CommandContext.h"
#include "SubidsSettings.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace podbay::helper::subids {

struct CheckReport
{
    nlohmann::json document; // what --json prints
    std::string text;        // what is printed otherwise
    bool ok = true;
};

CheckReport runCheck(const CommandContext &ctx, const SubidsSettings &settings, const std::optional<std::string> &user);

} // namespace podbay::helper::subids
