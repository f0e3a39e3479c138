#include "StorageCommand.h"

#include "HelperError.h"
#include "Output.h"
#include "storage/StorageCheck.h"
#include "storage/StorageConfigure.h"

#include <podbay/protocol/Protocol.h>

namespace podbay::helper {
namespace {
using namespace storage;

constexpr std::string_view kUsage =
    "usage: podbay-helper [--root DIR] [--json] storage configure --path DIR [--dry-run]\n"
    "       podbay-helper [--root DIR] [--json] storage check [--user NAME]\n"
    "configure: set rootless_storage_path = \"DIR/$USER/share/containers/storage\" in the [storage]\n"
    "           table of /etc/containers/storage.conf (created from /usr/share/containers/storage.conf\n"
    "           when absent; no other byte of the file changes) and create DIR with mode 1777.\n"
    "           DIR must be on a local disk: NFS, Lustre, GPFS, BeeGFS, CephFS, CIFS, 9p, sshfs ... are refused.\n"
    "check:     where a user's rootless Podman keeps images (site setting, the user's own\n"
    "           ~/.config/containers/storage.conf), the filesystem type and free space there.\n"
    "options:\n"
    "  --path DIR    configure: the directory for every user's storage (absolute, local disk)\n"
    "  --dry-run     configure: print the diff and the directory change, write nothing\n"
    "  --user NAME   check: this user (default: the user who ran sudo, else yourself)\n"
    "settings: /etc/podbay/helper.conf [storage] path = DIR (applied by `podbay-helper setup`)\n"
    "example:\n"
    "  podbay-helper storage configure --path /scratch/containers --dry-run\n"
    "  podbay-helper --json storage check --user alice\n";

[[noreturn]] void usageError(const std::string &message)
{
    throw HelperError(protocol::error::kUsage, "storage: " + message, "run: podbay-helper storage --help");
}

int runConfigure(CommandContext &ctx, Args args)
{
    std::optional<std::string> path;
    bool dryRun = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--path") {
            if (i + 1 >= args.size())
                usageError("option --path needs a value");
            path = args[++i];
        } else if (args[i] == "--dry-run") {
            dryRun = true;
        } else {
            usageError("unknown option " + args[i] + " for storage configure");
        }
    }
    if (!path)
        usageError("configure needs --path DIR");

    const StoragePlan plan = planStorage(ctx, *path, "--path");
    if (!dryRun)
        applyStorage(plan, "storage configure");

    if (ctx.json) {
        nlohmann::json doc = plan.toJson();
        doc["command"] = "storage configure";
        doc["dryRun"] = dryRun;
        printJson(ctx, doc);
        return 0;
    }
    if (!plan.changes()) {
        ctx.out << "nothing to do: rootless_storage_path is \"" << plan.rootlessPath << "\" and "
                << plan.directory.describe() << "\n";
    } else if (dryRun) {
        if (plan.directory.changes())
            ctx.out << "would " << plan.directory.describe() << "\n";
        ctx.out << plan.conf.diff();
    } else {
        if (plan.directory.changes())
            ctx.out << plan.directory.describe() << ": done\n";
        if (plan.conf.changes())
            ctx.out << plan.conf.action() << " " << plan.conf.displayPath.string() << ": rootless_storage_path = \""
                    << plan.rootlessPath << "\" (" << plan.how << ")\n";
    }
    ctx.out << "filesystem: " << fsTypeName(plan.filesystem) << ", " << humanBytes(plan.filesystem.freeBytes)
            << " free\n";
    for (const std::string &note : plan.notes)
        ctx.out << "note: " << note << "\n";
    return 0;
}

int runCheck(CommandContext &ctx, Args args)
{
    std::optional<std::string> user;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--user") {
            if (i + 1 >= args.size() || args[i + 1].empty())
                usageError("option --user needs a name");
            user = args[++i];
        } else {
            usageError("unknown option " + args[i] + " for storage check");
        }
    }
    const StorageCheckReport report = checkStorage(ctx, user);
    if (ctx.json)
        printJson(ctx, report.document);
    else
        ctx.out << report.text;
    return report.ok ? 0 : 1;
}

} // namespace

int runStorage(CommandContext &ctx, Args args)
{
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        (args.empty() ? ctx.err : ctx.out) << kUsage;
        return args.empty() ? 2 : 0;
    }
    for (const std::string &arg : args.subspan(1))
        if (arg == "--help" || arg == "-h") {
            ctx.out << kUsage;
            return 0;
        }
    if (args[0] == "configure")
        return runConfigure(ctx, args.subspan(1));
    if (args[0] == "check")
        return runCheck(ctx, args.subspan(1));
    usageError("unknown subcommand '" + args[0] + "' (configure or check)");
}

} // namespace podbay::helper
