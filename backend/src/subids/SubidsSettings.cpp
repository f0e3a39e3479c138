#include "SubidsSettings.h"

#include "HelperError.h"
#include "config/HelperConfKeys.h"
#include "config/IniFile.h"
#include "config/LoginDefs.h"

#include <podbay/protocol/Protocol.h>

namespace podbay::helper::subids {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kSection = "subids";
constexpr std::array<std::string_view, 3> kStrategies{"multiply", "block", "allocate"};

// login.defs(5) defaults, which useradd also falls back to.
PoolSettings poolFromLoginDefs(const config::LoginDefs &defs, std::string_view prefix)
{
    const std::string p(prefix);
    PoolSettings pool;
    pool.start = defs.integer(p + "_MIN", 1, bounds::kMaxId).value_or(pool.start);
    pool.end = defs.integer(p + "_MAX", 1, bounds::kMaxId).value_or(pool.end);
    pool.count = defs.integer(p + "_COUNT", 0, bounds::kMaxCount).value_or(pool.count);
    return pool;
}

fs::path configPath(const CommandContext &ctx)
{
    if (ctx.configPath.empty())
        return ctx.systemPath("/etc/podbay/helper.conf");
    if (!fs::exists(ctx.configPath))
        throw HelperError(protocol::error::kNotFound, "config file " + ctx.configPath.string() + " does not exist",
                          "omit --config to use /etc/podbay/helper.conf");
    return ctx.configPath;
}

void usage(const std::string &message)
{
    throw HelperError(protocol::error::kUsage, message, "run: podbay-helper subids --help");
}

} // namespace

SubidsSettings resolveSettings(const CommandContext &ctx, const SubidsOptions &options)
{
    SubidsSettings s;
    const config::IniFile conf = config::IniFile::load(configPath(ctx));
    s.warnings = conf.unknownKeyWarnings(config::kHelperConfKeys);
    const config::LoginDefs defs = config::LoginDefs::load(ctx.systemPath("/etc/login.defs"));

    // Strategy and its numbers.
    if (const auto name = conf.choice(kSection, "strategy", kStrategies))
        s.params.kind = *strategyFromName(*name);
    s.params.kind = options.strategy.value_or(s.params.kind);
    s.params.minUid = options.minUid.value_or(conf.integer(kSection, "min_uid", 0, bounds::kMaxId).value_or(1000));
    s.params.multiplier = options.multiplier.value_or(
        conf.integer(kSection, "multiplier", 1, bounds::kMaxMultiplier).value_or(10000));
    s.params.base = options.base.value_or(conf.integer(kSection, "base", 1, bounds::kMaxId).value_or(100000));

    // Count and pool: login.defs only matters for allocate (as for useradd); the other
    // strategies use 65536 unless told otherwise.
    if (s.params.kind == Strategy::Allocate) {
        s.uidPool = poolFromLoginDefs(defs, "SUB_UID");
        s.gidPool = poolFromLoginDefs(defs, "SUB_GID");
    }
    for (PoolSettings *pool : {&s.uidPool, &s.gidPool}) {
        if (const auto count = options.count ? options.count : conf.integer(kSection, "count", 1, bounds::kMaxCount))
            pool->count = *count;
        if (const auto start = options.poolStart ? options.poolStart : conf.integer(kSection, "pool_start", 1, bounds::kMaxId))
            pool->start = *start;
        if (const auto end = options.poolEnd ? options.poolEnd : conf.integer(kSection, "pool_end", 1, bounds::kMaxId))
            pool->end = *end;
        if (pool->count == 0)
            throw HelperError(protocol::error::kBadInput, "the subordinate id count is 0 (login.defs SUB_*ID_COUNT)",
                              "set [subids] count in /etc/podbay/helper.conf or pass --count");
        if (pool->start > pool->end)
            throw HelperError(protocol::error::kBadInput,
                              "the allocate pool is empty: start " + std::to_string(pool->start) + " is above end "
                                  + std::to_string(pool->end),
                              "check --pool-start/--pool-end, [subids] pool_start/pool_end and login.defs SUB_UID_MIN/MAX");
    }
    s.params.count = s.uidPool.count;

    // Who gets a range.
    s.eligibility.minUid = s.params.minUid;
    s.eligibility.maxUid = conf.integer(kSection, "max_uid", 0, bounds::kMaxId).value_or(bounds::kMaxId);
    if (s.eligibility.maxUid < s.eligibility.minUid)
        throw HelperError(protocol::error::kBadInput,
                          "max_uid " + std::to_string(s.eligibility.maxUid) + " is below min_uid "
                              + std::to_string(s.eligibility.minUid),
                          "fix [subids] max_uid or --min-uid");
    s.eligibility.skipShells = conf.list(kSection, "skip_shells")
                                   .value_or(std::vector<std::string>{"/usr/sbin/nologin", "/sbin/nologin", "/bin/false",
                                                                      "/usr/bin/false", "/bin/sync", "/sbin/shutdown",
                                                                      "/sbin/halt"});
    s.eligibility.skipUsers = conf.list(kSection, "skip_users").value_or(std::vector<std::string>{"nobody", "nfsnobody"});

    // Safety and plumbing.
    s.maxRemovals = conf.integer(kSection, "max_removals", 0, bounds::kMaxId).value_or(100);
    s.lockTimeout = std::chrono::seconds(conf.integer(kSection, "lock_timeout", 0, 3600).value_or(5));
    const std::string state = conf.string(kSection, "state_file").value_or("/var/lib/podbay/subids.json");
    if (state.empty() || state.front() != '/')
        throw HelperError(protocol::error::kBadInput, "[subids] state_file must be an absolute path, got '" + state + "'",
                          "example: state_file = /var/lib/podbay/subids.json");
    s.statePath = ctx.systemPath(state);
    s.getsubids = conf.string(kSection, "getsubids").value_or("getsubids");
    if (s.getsubids.empty())
        throw HelperError(protocol::error::kBadInput, "[subids] getsubids is empty", "example: getsubids = /usr/bin/getsubids");

    if (options.passwd)
        s.passwd = *options.passwd;
    else if (ctx.root != "/")
        s.passwd = ctx.systemPath("/etc/passwd"); // a fixture tree: its passwd, not this host's NSS

    if (s.params.kind != Strategy::Multiply && options.multiplier)
        usage("--multiplier only applies to --strategy multiply");
    if (s.params.kind != Strategy::Block && options.base)
        usage("--base only applies to --strategy block");
    if (s.params.kind != Strategy::Allocate && (options.poolStart || options.poolEnd))
        usage("--pool-start and --pool-end only apply to --strategy allocate");
    return s;
}

} // namespace podbay::helper::subids
