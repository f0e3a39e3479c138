#include "PlanReport.h"

#include "Diff.h"

namespace podbay::helper::subids {
namespace {

// Text output lists this many lines per category; --json lists all.
constexpr std::size_t kTextLimit = 20;

template <typename Changes>
nlohmann::json changesToJson(const Changes &changes)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto &c : changes) { // a Change, or a value made on the fly (AddedChanges)
        nlohmann::json item = {{"user", c.user}, {"uid", c.uid}};
        if (!c.before.empty())
            item["before"] = c.before;
        if (!c.after.empty())
            item["after"] = c.after;
        if (!c.note.empty())
            item["reason"] = c.note;
        list.push_back(std::move(item));
    }
    return list;
}

nlohmann::json fileToJson(const FilePlan &file, bool withDiff, bool written)
{
    nlohmann::json doc = {
        {"path", file.path},
        {"changed", file.fileChanged()},
        {"written", written},
        {"added", changesToJson(file.added())},
        {"modified", changesToJson(file.modified)},
        {"removed", changesToJson(file.removed)},
        {"adopted", changesToJson(file.adopted)},
        {"kept_foreign", file.keptForeign},
    };
    if (withDiff)
        doc["diff"] = unifiedDiff(file);
    return doc;
}

template <typename Items, typename Print>
void printLimited(std::ostream &out, const Items &items, Print print)
{
    for (std::size_t i = 0; i < items.size() && i < kTextLimit; ++i)
        print(items[i]);
    if (items.size() > kTextLimit)
        out << "  ... and " << items.size() - kTextLimit << " more (--json lists all)\n";
}

void printFileText(std::ostream &out, const FilePlan &file, bool past, bool written)
{
    out << file.path << ": ";
    if (!file.fileChanged()) {
        out << (past ? "unchanged" : "nothing to change");
    } else {
        out << file.appended.size() << (past ? " added, " : " to add, ") << file.modified.size()
            << (past ? " changed, " : " to change, ") << file.removed.size() << (past ? " removed" : " to remove");
        if (past)
            out << (written ? " (written)" : " (not written)");
    }
    if (!file.adopted.empty())
        out << ", " << file.adopted.size() << " adopted";
    if (!file.keptForeign.empty())
        out << ", " << file.keptForeign.size() << " users keep a range podbay does not manage";
    out << '\n';
    printLimited(out, file.added(), [&](const Change &c) { out << "  + " << c.after << '\n'; });
    printLimited(out, file.modified, [&](const Change &c) { out << "  ~ " << c.before << " -> " << c.after << '\n'; });
    printLimited(out, file.removed,
                 [&](const Change &c) { out << "  - " << c.before << " (" << c.note << ")\n"; });
}

} // namespace

nlohmann::json findingsToJson(const std::vector<Analysis> &analyses)
{
    nlohmann::json findings = nlohmann::json::array();
    nlohmann::json totals = nlohmann::json::object();
    for (const Analysis &a : analyses) {
        for (const Finding &f : a.findings)
            findings.push_back({{"severity", f.severity}, {"code", f.code}, {"file", f.file}, {"message", f.message},
                                {"owners", f.owners}});
        for (const auto &[code, n] : a.totals)
            totals[code] = totals.value(code, std::size_t(0)) + n;
    }
    return {{"findings", findings}, {"totals", totals}};
}

void printFindingsText(std::ostream &out, const std::vector<Analysis> &analyses)
{
    for (const Analysis &a : analyses) {
        for (const Finding &f : a.findings)
            out << "  " << f.severity << ": " << f.file << ": " << f.message << '\n';
        for (const auto &[code, n] : a.totals)
            if (n > a.findings.size() && n > 20)
                out << "  (" << n << " findings of kind " << code << " in total)\n";
    }
}

nlohmann::json planToJson(const Plan &plan, const PlanContext &ctx)
{
    nlohmann::json refused = nlohmann::json::array();
    for (const Refusal &r : plan.refused)
        refused.push_back({{"user", r.user}, {"uid", r.uid}, {"file", r.file}, {"reason", r.reason}});
    nlohmann::json doc = {
        {"command", ctx.command},
        {"strategy", ctx.strategy},
        {"source", ctx.source},
        {"eligible_users", plan.eligible},
        {"dry_run", ctx.dryRun},
        {"files",
         {fileToJson(plan.subuid, ctx.withDiff, ctx.subuidWritten), fileToJson(plan.subgid, ctx.withDiff, ctx.subgidWritten)}},
        {"state", {{"path", ctx.statePath}, {"changed", plan.changesState()}, {"written", ctx.stateWritten}}},
        {"refused", refused},
        {"warnings", findingsToJson(ctx.analyses)},
        {"config_warnings", ctx.configWarnings},
    };
    if (!ctx.stop.empty())
        doc["stopped"] = ctx.stop;
    return doc;
}

void printPlanText(std::ostream &out, const Plan &plan, const PlanContext &ctx)
{
    for (const std::string &w : ctx.configWarnings)
        out << "warning: " << w << '\n';
    out << "strategy " << ctx.strategy << ", " << plan.eligible << " eligible users (source " << ctx.source << ")\n";
    if (ctx.withDiff) {
        for (const FilePlan *file : {&plan.subuid, &plan.subgid})
            out << unifiedDiff(*file);
    }
    const bool past = ctx.command == "sync" && !ctx.dryRun && ctx.stop.empty();
    printFileText(out, plan.subuid, past, ctx.subuidWritten);
    printFileText(out, plan.subgid, past, ctx.subgidWritten);
    if (!plan.refused.empty()) {
        out << "refused (" << plan.refused.size() << " users get no range):\n";
        printLimited(out, plan.refused, [&](const Refusal &r) {
            out << "  " << r.user << " (uid " << r.uid << "): " << r.reason << '\n';
        });
        out << "hint: --strategy allocate gives every user a free block inside the pool, whatever the UID\n";
    }
    bool anyWarning = false;
    for (const Analysis &a : ctx.analyses)
        anyWarning = anyWarning || !a.findings.empty();
    if (anyWarning) {
        const bool written = ctx.subuidWritten || ctx.subgidWritten;
        out << "problems in the " << (written ? "written" : past ? "current" : "planned") << " files:\n";
        printFindingsText(out, ctx.analyses);
    }
    if (!ctx.stop.empty())
        out << "not written: " << ctx.stop << '\n';
    else if (ctx.dryRun)
        out << "dry run: nothing was written\n";
}

} // namespace podbay::helper::subids
