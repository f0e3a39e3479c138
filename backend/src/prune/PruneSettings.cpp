#include "PruneSettings.h"

#include "CommandArgs.h"
#include "HelperError.h"
#include "config/HelperConf.h"
#include "config/LoginDefs.h"
#include "config/Numbers.h"

#include <podbay/protocol/Protocol.h>

namespace podbay::helper::prune {
namespace {

constexpr std::string_view kSection = "prune";
constexpr std::string_view kAgeHint = "use a number and a unit: 7d (days), 36h (hours) or 2w (weeks)";

[[noreturn]] void usageError(const std::string &message, const std::string &hint = "run: podbay-helper prune --help")
{
    throw HelperError(protocol::error::kUsage, "prune: " + message, hint);
}

} // namespace

std::optional<Age> parseAge(std::string_view text)
{
    if (text.size() < 2)
        return std::nullopt;
    const char unit = text.back();
    const std::int64_t scale = unit == 'd' ? 86400 : unit == 'h' ? 3600 : unit == 'w' ? 7 * 86400 : 0;
    if (scale == 0)
        return std::nullopt;
    const std::uint64_t maxDays = 36500;
    const auto number = config::parseUnsigned(text.substr(0, text.size() - 1), 1,
                                              maxDays * 86400 / static_cast<std::uint64_t>(scale));
    if (!number)
        return std::nullopt;
    return Age{std::string(text), static_cast<std::int64_t>(*number) * scale};
}

PruneOptions parsePruneOptions(std::span<const std::string> args)
{
    PruneOptions o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        const auto value = [&]() -> const std::string & { return optionValue(args, i, "prune"); };
        if (arg == "--older-than") {
            o.olderThan = value();
            if (!parseAge(*o.olderThan))
                usageError("--older-than '" + *o.olderThan + "' is not an age", std::string(kAgeHint));
        } else if (arg == "--user") {
            o.user = value();
        } else if (arg == "--all-users") {
            o.allUsers = true;
        } else if (arg == "--dry-run") {
            o.dryRun = true;
        } else {
            usageError("unknown option " + arg);
        }
    }
    if (o.user && o.allUsers)
        usageError("--user and --all-users exclude each other");
    return o;
}

PruneSettings resolvePruneSettings(const CommandContext &ctx, const PruneOptions &options)
{
    PruneSettings s;
    const config::HelperConf conf = config::loadHelperConf(ctx);
    s.warnings = conf.warnings;
    if (options.olderThan) {
        s.olderThan = *parseAge(*options.olderThan);
    } else if (const auto text = conf.ini.string(kSection, "older_than")) {
        const auto age = parseAge(*text);
        if (!age)
            throw HelperError(protocol::error::kBadInput, conf.ini.source() + ": [prune] older_than '" + *text + "' is not an age",
                              std::string(kAgeHint));
        s.olderThan = *age;
    }
    // login.defs(5) UID_MIN: where useradd starts ordinary accounts.
    const auto loginDefs = config::LoginDefs::load(ctx.systemPath("/etc/login.defs"));
    s.minUid = conf.ini.integer(kSection, "min_uid", 1, 4294967294ULL)
                   .value_or(loginDefs.integer("UID_MIN", 1, 4294967294ULL).value_or(1000));
    return s;
}

} // namespace podbay::helper::prune
