#include "LdapCommand.h"

#include "HelperError.h"
#include "Output.h"
#include "ldap/LdapShuffle.h"

#include <podbay/protocol/Protocol.h>

namespace podbay::helper {
namespace {
using namespace ldap;

constexpr std::string_view kUsage =
    "usage: podbay-helper [--root DIR] [--json] ldap shuffle [--file PATH] [--hostname NAME] [--force] [--dry-run]\n"
    "shuffle: give this host its own order of the comma-separated ldap_uri, ad_server and ipa_server\n"
    "         values in every [domain/...] section of sssd.conf, derived from the host name (the same\n"
    "         on every run); nothing else in the file changes, mode 0600 and owner stay. Runs only\n"
    "         when the file changed in the last 24 hours (after a configuration-management push).\n"
    "options:\n"
    "  --file PATH       the sssd.conf to change (absolute; default /etc/sssd/sssd.conf)\n"
    "  --hostname NAME   compute the order for NAME instead of this host's name\n"
    "  --force           shuffle even when the file is older than 24 hours\n"
    "  --dry-run         print the diff, write nothing\n"
    "settings: /etc/podbay/helper.conf [ldap] shuffle = yes, file = PATH (applied by `podbay-helper setup`)\n"
    "example:\n"
    "  podbay-helper ldap shuffle --dry-run\n"
    "  podbay-helper --json ldap shuffle --hostname login02 --force --dry-run\n";

[[noreturn]] void usageError(const std::string &message)
{
    throw HelperError(protocol::error::kUsage, "ldap: " + message, "run: podbay-helper ldap --help");
}

} // namespace

int runLdap(CommandContext &ctx, Args args)
{
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        (args.empty() ? ctx.err : ctx.out) << kUsage;
        return args.empty() ? 2 : 0;
    }
    if (args[0] != "shuffle")
        usageError("unknown subcommand '" + args[0] + "' (shuffle)");
    ShuffleOptions options;
    bool dryRun = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string &arg = args[i];
        const auto value = [&]() -> const std::string & {
            if (i + 1 >= args.size() || args[i + 1].empty())
                usageError("option " + arg + " needs a value");
            return args[++i];
        };
        if (arg == "--help" || arg == "-h") {
            ctx.out << kUsage;
            return 0;
        } else if (arg == "--file") {
            options.file = value();
        } else if (arg == "--hostname") {
            options.hostname = value();
        } else if (arg == "--force") {
            options.force = true;
        } else if (arg == "--dry-run") {
            dryRun = true;
        } else {
            usageError("unknown option " + arg + " for ldap shuffle");
        }
    }
    const ShufflePlan plan = planShuffle(ctx, options);
    if (!dryRun)
        sysfile::applyAll({plan.change}, "ldap shuffle");

    if (ctx.json) {
        nlohmann::json doc = plan.toJson();
        doc["command"] = "ldap shuffle";
        doc["dryRun"] = dryRun;
        printJson(ctx, doc);
        return 0;
    }
    for (const std::string &note : plan.notes)
        ctx.out << note << "\n";
    if (plan.skipped)
        return 0;
    if (!plan.change.changes()) {
        ctx.out << "nothing to do: " << plan.change.displayPath.string() << " already has the order for "
                << plan.hostname << "\n";
        return 0;
    }
    if (dryRun) {
        ctx.out << plan.change.diff();
        return 0;
    }
    for (const ServerList &list : plan.lists)
        if (list.changed())
            ctx.out << "[" << list.section << "] " << list.key << ": reordered for " << plan.hostname << "\n";
    ctx.out << "modified " << plan.change.displayPath.string() << " (restart sssd to use the new order)\n";
    return 0;
}

} // namespace podbay::helper
