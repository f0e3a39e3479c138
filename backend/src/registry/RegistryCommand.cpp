#include "RegistryCommand.h"

#include "CommandArgs.h"
#include "HelperError.h"
#include "MethodCommand.h"
#include "Output.h"
#include "registry/RegistryMaintenance.h"
#include "rpc/Methods.h"
#include "registry/RegistrySetup.h"
#include "storage/Filesystem.h"
#include "workflow/ShellWords.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>

namespace podbay::helper {
namespace {
using namespace registry;

constexpr std::string_view kUsage =
    "usage: podbay-helper [--root DIR] [--config FILE] [--json] registry setup --storage DIR [--listen ADDR:PORT] [--dry-run]\n"
    "       podbay-helper [--root DIR] [--config FILE] [--json] registry status\n"
    "       podbay-helper [--root DIR] [--config FILE] [--json] registry gc [--dry-run]\n"
    "       podbay-helper [--root DIR] [--config FILE] registry run\n"
    "\n"
    "  setup    service account ([registry] user, default ocireg), distribution config\n"
    "           (/etc/podbay/registry/config.yml), systemd unit (or a Quadlet .container where\n"
    "           Podman >= 4.4), and /etc/containers/registries.conf.d/podbay.conf (insecure only\n"
    "           on loopback)\n"
    "  status   reachable (GET /v2/), repository count, storage used, drift from setup\n"
    "  gc       garbage-collect --delete-untagged with the registry stopped (or read-only);\n"
    "           reports the bytes freed\n"
    "  run      the registry in the foreground (what the unit's ExecStart runs)\n"
    "  list, delete   your images in the site registry: the user methods registry.list and\n"
    "           registry.delete (docs/protocol.md)\n"
    "\n"
    "options:\n"
    "  --storage DIR       setup: where images are stored (absolute path, local disk)\n"
    "  --listen ADDR:PORT  setup: listen address (default 127.0.0.1:5000; [::1]:5000 for IPv6)\n"
    "  --dry-run           setup: print the diff, change nothing; gc: report what would be deleted\n"
    "settings: /etc/podbay/helper.conf [registry] (user, uid, storage, listen, config, binary, image),\n"
    "documented in docs/helper-conf.md\n"
    "\n"
    "examples:\n"
    "  podbay-helper registry setup --storage /srv/registry --dry-run\n"
    "  podbay-helper registry setup --storage /srv/registry --listen 127.0.0.1:5000\n"
    "  podbay-helper --json registry status\n"
    "  systemctl stop podbay-registry && podbay-helper registry gc && systemctl start podbay-registry\n";

[[noreturn]] void usageError(const std::string &message)
{
    throw HelperError(protocol::error::kUsage, "registry: " + message, "run: podbay-helper registry --help");
}

RegistryOptions parseOptions(const std::string &verb, Args args)
{
    RegistryOptions o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        const auto value = [&]() -> const std::string & { return optionValue(args, i, "registry"); };
        if (arg == "--storage" && verb == "setup")
            o.storage = value();
        else if (arg == "--listen" && verb == "setup")
            o.listen = value();
        else if (arg == "--dry-run" && (verb == "setup" || verb == "gc"))
            o.dryRun = true;
        else
            usageError("unknown option " + arg + " for registry " + verb);
    }
    if (verb == "setup" && !o.storage)
        usageError("setup needs --storage DIR");
    return o;
}

void printWarnings(const CommandContext &ctx, const std::vector<std::string> &warnings)
{
    for (const std::string &warning : warnings)
        ctx.err << (warning.starts_with("WARNING") ? "" : "warning: ") << warning << '\n';
}

int runSetup(CommandContext &ctx, const RegistryOptions &options)
{
    const RegistrySettings settings = resolveRegistrySettings(ctx, options);
    const RegistryPlan plan = planRegistrySetup(ctx, settings);
    const bool changes = plan.changes();
    if (!options.dryRun && changes)
        applyRegistrySetup(ctx, plan);

    if (ctx.json) {
        nlohmann::json document = plan.toJson();
        document["command"] = "registry setup";
        document["dryRun"] = options.dryRun;
        document["changed"] = !options.dryRun && changes;
        printJson(ctx, document);
        return 0;
    }
    std::ostream &out = ctx.out;
    out << "registry setup: " << (plan.quadlet ? "Quadlet unit for " + settings.image : std::string("systemd service"))
        << " (Podman " << (plan.podman ? plan.podman->text() : std::string("not found"))
        << (plan.quadlet ? ")" : ", no Quadlet before 4.4)") << ", listen " << settings.listen.text()
        << (settings.listen.loopback() ? " (loopback)" : " (network)") << ", storage " << settings.storage << '\n';
    const std::string will = options.dryRun ? "would be " : "";
    out << "  account " << plan.account.name << ": "
        << (plan.account.exists ? "exists (uid " + std::to_string(*plan.account.uid) + ")" : will + "created") << '\n';
    if (!plan.account.exists && options.dryRun) {
        out << "    would run: " << workflow::shellJoin(plan.useradd) << '\n';
    }
    out << "  storage " << settings.storage << ": "
        << (plan.storageExists ? std::string("exists") : will + "created (" + plan.account.name + ", mode 0750)") << '\n';
    for (const sysfile::FileChange &file : plan.files)
        out << "  " << file.displayPath.string() << ": " << file.action()
            << (file.changes() && !options.dryRun ? " (written)" : "") << '\n';
    if (options.dryRun) {
        out << sysfile::diffAll(plan.files);
        out << "dry run: nothing was written\n";
    } else if (!changes) {
        out << "nothing to change: the registry is set up as configured\n";
    }
    printWarnings(ctx, plan.warnings);
    return 0;
}

int runStatus(CommandContext &ctx)
{
    const RegistrySettings settings = resolveRegistrySettings(ctx, {});
    const RegistryStatus status = registryStatus(ctx, settings);
    if (ctx.json) {
        printJson(ctx, status.toJson(settings));
        return status.reach.reachable ? 0 : 1;
    }
    std::ostream &out = ctx.out;
    out << "registry " << settings.listen.text() << ": "
        << (status.reach.reachable ? "reachable" + (status.reach.apiVersion.empty() ? "" : " (" + status.reach.apiVersion + ")")
                                   : "NOT reachable: " + status.reach.error)
        << '\n';
    if (status.repositories)
        out << "repositories: " << *status.repositories << '\n';
    else if (!status.catalogError.empty())
        out << "repositories: unknown (" << status.catalogError << ")\n";
    if (!settings.storage.empty())
        out << "storage: " << settings.storage << ", "
            << (status.storage.exists ? storage::humanBytes(status.storage.bytes) + " used" : std::string("missing")) << '\n';
    out << "config: " << settings.config.string() << (status.configured ? "" : " (missing)") << '\n';
    if (status.drift.empty()) {
        out << "drift: none\n";
    } else {
        out << "drift (podbay-helper registry setup would change):\n";
        for (const std::string &line : status.drift)
            out << "  - " << line << '\n';
    }
    printWarnings(ctx, status.warnings);
    return status.reach.reachable ? 0 : 1;
}

int runGc(CommandContext &ctx, const RegistryOptions &options)
{
    const RegistrySettings settings = resolveRegistrySettings(ctx, {});
    const GcResult result = registryGc(ctx, settings, options.dryRun);
    if (ctx.json) {
        printJson(ctx, {{"command", "registry gc"},
                        {"dryRun", options.dryRun},
                        {"storage", settings.storage},
                        {"beforeBytes", result.before.bytes},
                        {"afterBytes", result.after.bytes},
                        {"freedBytes", result.freed()},
                        {"summary", result.summary}});
        return 0;
    }
    ctx.out << "registry gc" << (options.dryRun ? " (dry run)" : "") << ": " << result.summary << '\n'
            << "storage " << settings.storage << ": " << storage::humanBytes(result.before.bytes) << " before, "
            << storage::humanBytes(result.after.bytes) << " after, " << storage::humanBytes(result.freed()) << " freed\n";
    return 0;
}

} // namespace

int runRegistry(CommandContext &ctx, Args args)
{
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        (args.empty() ? ctx.err : ctx.out) << kUsage;
        return args.empty() ? 2 : 0;
    }
    const std::string verb = args[0];
    // `registry list|delete` are the user methods registry.list/registry.delete (a user's
    // images in the site registry, docs/protocol.md); the admin verbs are handled here.
    if (verb != "setup" && verb != "status" && verb != "gc" && verb != "run") {
        const std::string method = "registry." + verb;
        if (std::ranges::find(rpc::allMethods(), std::string_view(method), &rpc::Method::name) != rpc::allMethods().end())
            return runMethodCommand(ctx, "registry", args);
        usageError("unknown subcommand '" + verb + "' (setup, status, gc, run; list and delete for a user's images)");
    }
    const RegistryOptions options = parseOptions(verb, args.subspan(1));
    if (verb == "setup")
        return runSetup(ctx, options);
    if (verb == "status")
        return runStatus(ctx);
    if (verb == "gc")
        return runGc(ctx, options);
    registryRun(ctx, resolveRegistrySettings(ctx, {}));
}

} // namespace podbay::helper
