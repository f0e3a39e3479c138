#pragma once
// `ldap shuffle`: the per-host server order of sssd.conf (SssdServers.h) applied to the
// file, with the site script's rule that it only runs when the file changed in the last
// 24 hours (so a configuration-management push is shuffled once, and an untouched file is
// never rewritten). The file keeps its mode (0600: sssd refuses to start otherwise) and owner.

#include "CommandContext.h"
#include "ldap/SssdServers.h"
#include "sysfile/FileChange.h"

#include <nlohmann/json.hpp>

#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

namespace podbay::helper::ldap {

inline constexpr std::string_view kSssdConf = "/etc/sssd/sssd.conf";

struct ShuffleOptions
{
    std::filesystem::path file{kSssdConf}; // absolute, resolved under --root
    std::string hostname;                  // empty: gethostname(2)
    bool force = false;                    // ignore the 24-hour rule
    std::time_t now = 0;                   // 0: time(2)
};

struct ShufflePlan
{
    sysfile::FileChange change;
    std::string hostname;
    std::time_t modified = 0;
    bool recent = false;   // changed within the last 24 hours
    bool skipped = false;  // not recent and not forced: nothing was planned
    std::vector<ServerList> lists;
    std::vector<std::string> notes;

    nlohmann::json toJson() const;
};

// Throws HelperError: E_USAGE for a relative --file, E_NOT_FOUND when the file is absent,
// E_IO when it cannot be read.
ShufflePlan planShuffle(const CommandContext &ctx, const ShuffleOptions &options);

std::string localHostname();

} // namespace podbay::helper::ldap
