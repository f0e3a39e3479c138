#include "PruneCommand.h"

#include "HelperError.h"
#include "Output.h"
#include "prune/PruneRun.h"
#include "prune/PruneSettings.h"
#include "storage/Filesystem.h"

#include <podbay/protocol/Protocol.h>

#include <ctime>

namespace podbay::helper {
namespace {
using namespace prune;

constexpr std::string_view kUsage =
    "usage: podbay-helper [--root DIR] [--json] prune [--older-than AGE] [--user NAME | --all-users] [--dry-run]\n"
    "\n"
    "Removes containers and images older than AGE from rootless Podman storage, as each user\n"
    "(runuser -u USER -- podman ...), and reports the bytes freed per user. Never touches a\n"
    "running container or an image a remaining container uses.\n"
    "\n"
    "options:\n"
    "  --older-than AGE  7d (days), 36h (hours) or 2w (weeks); default [prune] older_than, else 7d\n"
    "  --user NAME       that user's storage (needs root unless it is you)\n"
    "  --all-users       every account from [prune] min_uid (default login.defs UID_MIN) that has\n"
    "                    rootless storage (needs root; what podbay-prune.timer runs daily)\n"
    "  --dry-run         list what would be removed, remove nothing\n"
    "without --user/--all-users: your own storage.\n"
    "\n"
    "examples:\n"
    "  podbay-helper prune --dry-run\n"
    "  podbay-helper prune --older-than 14d --user alice --dry-run\n"
    "  podbay-helper --json prune --all-users\n";

std::string day(std::int64_t epoch)
{
    const std::time_t t = static_cast<std::time_t>(epoch);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
    return text;
}

void printUser(std::ostream &out, const UserPrune &r, bool dryRun)
{
    const Selection &s = r.selection;
    out << r.user.name << ": ";
    if (dryRun)
        out << "would remove " << s.containers.size() << " containers, " << s.images.size() << " images (about "
            << storage::humanBytes(s.estimatedBytes) << ")\n";
    else
        out << "removed " << r.removedContainers.size() << " containers, " << r.removedImages.size() << " images, "
            << storage::humanBytes(r.freedBytes.value_or(0)) << " freed\n";
    for (const Container &c : s.containers)
        out << "  - container " << (c.name.empty() ? c.id.substr(0, 12) : c.name) << " (" << c.state << ", last used "
            << day(c.lastUsed) << ")\n";
    for (const Image &i : s.images)
        out << "  - image " << i.label() << " (created " << day(i.created) << ", " << storage::humanBytes(i.size) << ")\n";
    for (const Kept &k : s.keptContainers)
        out << "  kept container " << k.what << ": " << k.reason << '\n';
    for (const Kept &k : s.keptImages)
        out << "  kept image " << k.what << ": " << k.reason << '\n';
    for (const std::string &error : r.errors)
        out << "  error: " << error << '\n';
}

} // namespace

int runPrune(CommandContext &ctx, Args args)
{
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
        ctx.out << kUsage;
        return 0;
    }
    const PruneOptions options = parsePruneOptions(args);
    const PruneSettings settings = resolvePruneSettings(ctx, options);
    const std::vector<PodmanUser> targets = pruneTargets(ctx, options, settings);
    const std::int64_t cutoff = static_cast<std::int64_t>(std::time(nullptr)) - settings.olderThan.seconds;

    std::vector<UserPrune> results;
    std::uint64_t freed = 0;
    bool failed = false;
    for (const PodmanUser &user : targets) {
        results.push_back(pruneUser(user, cutoff, options.dryRun));
        freed += results.back().freedBytes.value_or(0);
        failed = failed || !results.back().errors.empty();
    }

    if (ctx.json) {
        nlohmann::json users = nlohmann::json::array();
        for (const UserPrune &r : results)
            users.push_back(r.toJson(options.dryRun));
        printJson(ctx, {{"command", "prune"},
                        {"dryRun", options.dryRun},
                        {"olderThan", settings.olderThan.text},
                        {"cutoff", cutoff},
                        {"users", users},
                        {"freedBytes", freed},
                        {"warnings", settings.warnings}});
    } else {
        ctx.out << "prune: containers and images older than " << settings.olderThan.text << " (before " << day(cutoff)
                << ")" << (options.dryRun ? ", dry run" : "") << '\n';
        if (results.empty())
            ctx.out << "no user has rootless storage\n";
        for (const UserPrune &r : results)
            printUser(ctx.out, r, options.dryRun);
        if (!options.dryRun && results.size() > 1)
            ctx.out << "total: " << storage::humanBytes(freed) << " freed\n";
        for (const std::string &warning : settings.warnings)
            ctx.err << "warning: " << warning << '\n';
    }
    return failed ? 1 : 0;
}

} // namespace podbay::helper
