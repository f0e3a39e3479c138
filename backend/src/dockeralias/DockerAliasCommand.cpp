#include "DockerAliasCommand.h"

#include "HelperError.h"
#include "Output.h"
#include "dockeralias/DockerAlias.h"

#include <podbay/protocol/Protocol.h>

namespace podbay::helper {
namespace {
using namespace dockeralias;

constexpr std::string_view kUsage =
    "usage: podbay-helper [--root DIR] [--json] docker-alias enable|disable [--dry-run]\n"
    "       podbay-helper [--root DIR] [--json] docker-alias status\n"
    "enable:  write /etc/profile.d/podbay-docker.sh (alias docker=podman in login shells, only\n"
    "         when no real docker is on PATH at login) and /etc/containers/nodocker (silences\n"
    "         podman-docker's \"Emulate Docker CLI\" message)\n"
    "disable: remove those files if they are still exactly what podbay-helper wrote; a file an\n"
    "         admin changed stays, with a warning\n"
    "status:  the state of both files and whether a docker program is installed\n"
    "options:\n"
    "  --dry-run   enable/disable: print the diff, write nothing\n"
    "settings: /etc/podbay/helper.conf [docker] alias = yes|no (applied by `podbay-helper setup`)\n"
    "example:\n"
    "  podbay-helper docker-alias enable --dry-run\n"
    "  podbay-helper --json docker-alias status\n";

[[noreturn]] void usageError(const std::string &message)
{
    throw HelperError(protocol::error::kUsage, "docker-alias: " + message, "run: podbay-helper docker-alias --help");
}

int runChange(CommandContext &ctx, const std::string &verb, bool dryRun)
{
    const bool enable = verb == "enable";
    const AliasPlan plan = planAlias(ctx, enable);
    if (!dryRun)
        sysfile::applyAll(plan.files, "docker-alias " + verb);
    if (ctx.json) {
        nlohmann::json doc = plan.toJson();
        doc["command"] = "docker-alias " + verb;
        doc["dryRun"] = dryRun;
        printJson(ctx, doc);
        return 0;
    }
    if (!plan.changes())
        ctx.out << "nothing to do: the docker alias is already " << (enable ? "enabled" : "disabled") << "\n";
    for (const auto &file : plan.files) {
        if (!file.changes())
            continue;
        if (dryRun)
            ctx.out << file.diff();
        else
            ctx.out << (file.after ? "created " : "removed ") << file.displayPath.string() << "\n";
    }
    for (const std::string &warning : plan.warnings)
        ctx.err << "warning: " << warning << "\n";
    return 0;
}

} // namespace

int runDockerAlias(CommandContext &ctx, Args args)
{
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        (args.empty() ? ctx.err : ctx.out) << kUsage;
        return args.empty() ? 2 : 0;
    }
    const std::string &verb = args[0];
    if (verb != "enable" && verb != "disable" && verb != "status")
        usageError("unknown subcommand '" + verb + "' (enable, disable or status)");
    bool dryRun = false;
    for (const std::string &arg : args.subspan(1)) {
        if (arg == "--help" || arg == "-h") {
            ctx.out << kUsage;
            return 0;
        }
        if (arg == "--dry-run" && verb != "status")
            dryRun = true;
        else
            usageError("unknown option " + arg + " for docker-alias " + verb);
    }
    if (verb != "status")
        return runChange(ctx, verb, dryRun);
    const AliasStatus status = aliasStatus(ctx);
    if (ctx.json)
        printJson(ctx, status.toJson());
    else
        ctx.out << status.text();
    return 0;
}

} // namespace podbay::helper
