#include "SetupCommand.h"

#include "HelperError.h"
#include "Output.h"
#include "config/HelperConf.h"
#include "setup/Parts.h"

#include <podbay/protocol/Protocol.h>

#include <optional>

namespace podbay::helper {
namespace {
using namespace setup;

constexpr std::string_view kSetupUsage =
    "usage: podbay-helper [--root DIR] [--config FILE] [--json] setup [--dry-run]\n"
    "Applies everything /etc/podbay/helper.conf configures, in one idempotent run:\n"
    "  subids        [subids] (any key)        /etc/subuid, /etc/subgid (as `subids sync`)\n"
    "  storage       [storage] path = DIR      rootless Podman storage (as `storage configure`)\n"
    "  docker-alias  [docker] alias = yes|no   /etc/profile.d/podbay-docker.sh (as `docker-alias`)\n"
    "  ldap          [ldap] shuffle = yes      per-host server order in sssd.conf (as `ldap shuffle`)\n"
    "  registry      [registry] storage = DIR  the site registry service (as `registry setup`)\n"
    "  nvidia        [nvidia] setup = yes      CDI spec for the node's GPUs (as `nvidia setup`; on by default)\n"
    "  prune-timer   [prune] timer = yes       daily `podbay-helper prune --all-users` (systemd timer)\n"
    "A second run changes nothing and says so. Parts helper.conf does not mention are skipped.\n"
    "options:\n"
    "  --dry-run   print what each part would change (diffs), write nothing\n"
    "example:\n"
    "  podbay-helper setup --dry-run\n"
    "  podbay-helper --json setup\n";

constexpr std::string_view kStatusUsage =
    "usage: podbay-helper [--root DIR] [--config FILE] [--json] status\n"
    "Shows, for each part `setup` applies, whether the node matches /etc/podbay/helper.conf\n"
    "(in sync) or what setup would change (drift). Exit status 1 when anything drifted.\n"
    "example:\n"
    "  podbay-helper --json status\n";

struct PartResult
{
    const Part *part = nullptr;
    std::string configured;
    std::optional<PartPlan> plan;
    std::optional<HelperError> error;
    bool applied = false;
};

void planPart(const CommandContext &ctx, const config::IniFile &conf, PartResult &result)
{
    try {
        result.plan = result.part->plan(ctx, conf);
        result.error.reset();
    } catch (const HelperError &e) {
        result.plan.reset();
        result.error = e;
    }
}

std::vector<PartResult> planAll(const CommandContext &ctx, const config::IniFile &conf)
{
    std::vector<PartResult> results;
    for (const Part &part : allParts()) {
        PartResult result;
        result.part = &part;
        try {
            result.configured = part.configured(conf);
        } catch (const HelperError &e) {
            result.configured = "(invalid setting)";
            result.error = e;
        }
        if (!result.configured.empty() && !result.error)
            planPart(ctx, conf, result);
        results.push_back(std::move(result));
    }
    return results;
}

// "not-configured", "error", "blocked", "in-sync", or `changedWord` ("changed", "drift", "would-change").
std::string stateOf(const PartResult &r, std::string_view changedWord)
{
    if (r.configured.empty())
        return "not-configured";
    if (r.error)
        return "error";
    if (!r.plan->blocked.empty())
        return "blocked";
    if (r.applied || r.plan->changes())
        return std::string(changedWord);
    return "in-sync";
}

nlohmann::json partJson(const PartResult &r, const std::string &state)
{
    nlohmann::json j{{"name", r.part->name}, {"state", state}, {"configured", !r.configured.empty()}};
    if (!r.configured.empty())
        j["describe"] = r.configured;
    if (r.error)
        j["error"] = errorToJson(*r.error);
    if (r.plan) {
        nlohmann::json actions = nlohmann::json::array(), files = nlohmann::json::array();
        for (const Action &a : r.plan->actions)
            actions.push_back(a.description);
        for (const auto &f : r.plan->files)
            if (f.changes())
                files.push_back(f.toJson());
        j["actions"] = actions;
        j["files"] = files;
        j["notes"] = r.plan->notes;
        if (!r.plan->blocked.empty())
            j["blocked"] = r.plan->blocked;
    }
    return j;
}

void printPartText(std::ostream &out, const PartResult &r, const std::string &state, bool withDiff)
{
    out << r.part->name << ": " << state;
    if (!r.configured.empty())
        out << " (" << r.configured << ")";
    out << "\n";
    if (r.error) {
        out << "  error: " << r.error->what() << "\n";
        if (!r.error->hint().empty())
            out << "  hint: " << r.error->hint() << "\n";
    }
    if (!r.plan)
        return;
    if (!r.plan->blocked.empty())
        out << "  blocked: " << r.plan->blocked << "\n";
    if (r.applied || r.plan->changes()) {
        for (const Action &a : r.plan->actions)
            out << "  " << a.description << "\n";
        for (const auto &f : r.plan->files)
            if (f.changes())
                out << "  " << f.action() << " " << f.displayPath.string() << "\n";
    }
    if (withDiff)
        for (const auto &f : r.plan->files)
            out << f.diff();
    for (const std::string &note : r.plan->notes)
        out << "  note: " << note << "\n";
}

bool failed(const PartResult &r)
{
    return r.error || (r.plan && !r.plan->blocked.empty());
}

int report(CommandContext &ctx, std::string_view command, const std::vector<PartResult> &results, bool dryRun,
           const std::vector<std::string> &warnings, const std::filesystem::path &config)
{
    const bool status = command == "status";
    const std::string_view changedWord = status ? "drift" : dryRun ? "would-change" : "changed";
    bool anyChange = false, anyFailure = false, anyConfigured = false;
    nlohmann::json parts = nlohmann::json::array();
    for (const PartResult &r : results) {
        const std::string state = stateOf(r, changedWord);
        anyChange = anyChange || state == changedWord;
        anyFailure = anyFailure || failed(r);
        anyConfigured = anyConfigured || !r.configured.empty();
        parts.push_back(partJson(r, state));
    }
    if (ctx.json) {
        printJson(ctx, {{"command", command},
                        {"dryRun", dryRun},
                        {"config", config.string()},
                        {"parts", parts},
                        {"changed", anyChange},
                        {"ok", !anyFailure && !(status && anyChange)},
                        {"warnings", warnings}});
    } else {
        for (const std::string &w : warnings)
            ctx.out << "warning: " << w << "\n";
        for (const PartResult &r : results)
            printPartText(ctx.out, r, stateOf(r, changedWord), dryRun);
        if (!anyConfigured)
            ctx.out << "nothing is configured in " << config.string() << " (see docs/helper-conf.md)\n";
        else if (!anyChange && !anyFailure)
            ctx.out << (status ? "in sync: every configured part matches " + config.string() + "\n"
                               : std::string("nothing to do: every configured part is in sync\n"));
    }
    return anyFailure || (status && anyChange) ? 1 : 0;
}

bool wantsHelp(Args args)
{
    for (const std::string &arg : args)
        if (arg == "--help" || arg == "-h")
            return true;
    return false;
}

} // namespace

int runSetup(CommandContext &ctx, Args args)
{
    if (wantsHelp(args)) {
        ctx.out << kSetupUsage;
        return 0;
    }
    bool dryRun = false;
    for (const std::string &arg : args) {
        if (arg != "--dry-run")
            throw HelperError(protocol::error::kUsage, "setup: unknown argument " + arg, "run: podbay-helper setup --help");
        dryRun = true;
    }
    const std::filesystem::path path = config::helperConfPath(ctx);
    const config::HelperConf helperConf = config::loadHelperConf(ctx);
    const config::IniFile &conf = helperConf.ini;
    std::vector<PartResult> results = planAll(ctx, conf);
    if (!dryRun) {
        for (PartResult &r : results) {
            if (!r.plan || !r.plan->changes() || !r.plan->blocked.empty())
                continue;
            try {
                applyPlan(*r.plan, "setup");
                r.applied = true;
            } catch (const HelperError &e) {
                r.error = e;
                continue;
            }
            // Plan again: what was applied must now be in sync, else the part is not idempotent.
            PartResult after = r;
            planPart(ctx, conf, after);
            if (after.error)
                r.error = after.error;
            else if (after.plan->changes())
                r.error = HelperError(protocol::error::kInternal, "still differs after setup",
                                      "this is a bug in podbay-helper; please report it");
        }
    }
    return report(ctx, "setup", results, dryRun, helperConf.warnings, path);
}

int runStatus(CommandContext &ctx, Args args)
{
    if (wantsHelp(args)) {
        ctx.out << kStatusUsage;
        return 0;
    }
    if (!args.empty())
        throw HelperError(protocol::error::kUsage, "status: unknown argument " + args[0], "run: podbay-helper status --help");
    const config::HelperConf helperConf = config::loadHelperConf(ctx);
    return report(ctx, "status", planAll(ctx, helperConf.ini), false, helperConf.warnings, config::helperConfPath(ctx));
}

} // namespace podbay::helper
