#pragma once
// The settings of one `subids` run: built-in defaults, then /etc/login.defs (the allocate
// pool, as useradd), then /etc/podbay/helper.conf [subids], then command-line flags.

#include "CommandContext.h"
#include "Strategy.h"
#include "UserSource.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace podbay::helper::subids {

// What the command line said; unset means "not given".
struct SubidsOptions
{
    std::optional<Strategy> strategy;
    std::optional<std::filesystem::path> passwd;
    std::optional<std::uint64_t> minUid, count, multiplier, base, poolStart, poolEnd;
    bool dryRun = false;
    std::optional<std::string> user;
};

struct PoolSettings
{
    std::uint64_t count = 65536;
    std::uint64_t start = 100000;
    std::uint64_t end = 600100000;
};

struct SubidsSettings
{
    StrategyParams params;
    Eligibility eligibility;
    PoolSettings uidPool; // count and allocate pool for /etc/subuid
    PoolSettings gidPool; // and for /etc/subgid
    std::uint64_t maxRemovals = 100;
    std::chrono::milliseconds lockTimeout{std::chrono::seconds(5)};
    std::filesystem::path statePath;   // resolved under --root
    std::string getsubids = "getsubids";
    std::optional<std::filesystem::path> passwd; // users from this file instead of NSS
    std::vector<std::string> warnings;           // unknown config keys
};

// Throws HelperError(E_BAD_INPUT) naming file and line for bad values, E_USAGE for flags
// that contradict each other.
SubidsSettings resolveSettings(const CommandContext &ctx, const SubidsOptions &options);

// Bounds of the numeric settings, shared by the flag parser and the config reader.
namespace bounds {
inline constexpr std::uint64_t kMaxId = 4294967294ULL;
inline constexpr std::uint64_t kMaxCount = 4294967294ULL;
inline constexpr std::uint64_t kMaxMultiplier = 4294967296ULL;
} // namespace bounds

} // namespace podbay::helper::subids
