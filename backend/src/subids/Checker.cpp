#include "Checker.h"

#include "Getsubids.h"
#include "HelperError.h"
#include "IdMapTools.h"
#include "Nsswitch.h"
#include "PlanReport.h"
#include "RangeAnalysis.h"
#include "Workspace.h"
#include "rpc/NodeFacts.h"
#include "sysfile/AtomicFile.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>
#include <sstream>

namespace podbay::helper::subids {
namespace fs = std::filesystem;
namespace {

constexpr int kCapSetgid = 6; // capabilities(7)
constexpr int kCapSetuid = 7;
// Container images commonly own files up to id 65535; fewer ids make such images fail.
constexpr std::uint64_t kRecommendedIds = 65536;

// One file's ranges, from the file itself or from getsubids.
struct RangeSet
{
    std::string label; // /etc/subuid, or "getsubids" / "getsubids -g"
    SubidFile file;    // from the file
    std::vector<SubidEntry> queried; // from getsubids
    std::vector<EntryRef> refs;
};

void fromFile(RangeSet &set, const fs::path &path)
{
    set.label = path.string();
    set.file = SubidFile::parse(sysfile::readFileIfExists(path).value_or(std::string()), path.string());
    set.refs = entriesOf(set.file);
}

void fromGetsubids(RangeSet &set, const SubidsSettings &settings, const std::vector<const Account *> &users, bool groups)
{
    set.label = settings.getsubids + (groups ? " -g" : "");
    for (const Account *account : users)
        for (SubidEntry &e : queryGetsubids(settings.getsubids, account->name, groups))
            set.queried.push_back(std::move(e));
    for (const SubidEntry &e : set.queried)
        set.refs.push_back(refTo(e));
}

fs::path toolPath(const CommandContext &ctx, std::string_view name)
{
    if (ctx.root == "/")
        return rpc::findInPath(name).value_or(fs::path());
    return ctx.systemPath(fs::path("/usr/bin") / name);
}

bool ownedBy(const EntryRef &e, const Account &account)
{
    return e.owner == account.name || e.owner == std::to_string(account.uid);
}

struct UserRanges
{
    std::vector<EntryRef> mine;
    std::uint64_t size = 0;
    Analysis analysis;
};

// The user's ranges in one set, what is wrong with them, and which other owners' ranges
// they share ids with.
UserRanges userRanges(const RangeSet &set, const Account &account, const OwnerIndex &owners,
                      const std::vector<std::uint64_t> &ids, std::string_view idWord)
{
    UserRanges r;
    for (const EntryRef &ref : set.refs)
        if (ownedBy(ref, account)) {
            r.mine.push_back(ref);
            r.size += ref.count;
        }
    r.analysis = analyzeRanges({set.label, r.mine, &owners, ids, idWord, 1000, false});
    for (const EntryRef &mine : r.mine) {
        for (const EntryRef &other : set.refs) {
            const EntryRef &o = other;
            if (ownedBy(o, account) || o.count == 0 || mine.count == 0)
                continue;
            if (o.start < mine.end() && mine.start < o.end()) {
                r.analysis.findings.push_back({"warning", "overlap", set.label,
                                               describeEntry(mine) + " overlaps " + describeEntry(other)
                                                   + " of another owner",
                                               {std::string(mine.owner), std::string(o.owner)}});
                ++r.analysis.totals["overlap"];
            }
        }
    }
    if (r.mine.empty()) {
        r.analysis.findings.push_back({"error", "no-range", set.label, account.name + " has no range: rootless "
                                                                      "Podman cannot start a user namespace",
                                       {account.name}});
        ++r.analysis.errors;
    } else if (r.size < kRecommendedIds) {
        r.analysis.findings.push_back({"warning", "small-range", set.label,
                                       account.name + " has " + std::to_string(r.size)
                                           + " ids; images with files owned by higher ids will fail to unpack",
                                       {account.name}});
    }
    return r;
}

nlohmann::json userRangesJson(const UserRanges &r)
{
    nlohmann::json ranges = nlohmann::json::array();
    for (const EntryRef &ref : r.mine)
        ranges.push_back({{"owner", ref.owner}, {"start", ref.start}, {"count", ref.count},
                          {"last", ref.count ? ref.end() - 1 : ref.start}, {"line", ref.line}});
    return {{"ranges", ranges}, {"size", r.size}};
}

void userRangesText(std::ostream &out, std::string_view label, const UserRanges &r)
{
    out << "  " << label << ":";
    if (r.mine.empty())
        out << " none";
    for (const EntryRef &ref : r.mine)
        out << ' ' << ref.start << '-' << (ref.count ? ref.end() - 1 : ref.start);
    out << " (" << r.size << " ids)\n";
}

std::optional<Account> findAccount(Accounts &accounts, const SubidsSettings &settings, const std::string &name)
{
    const auto &list = accounts.list.accounts;
    if (const auto it = std::ranges::find(list, name, &Account::name); it != list.end())
        return *it;
    if (!settings.passwd) {
        // NSS may not enumerate (sssd enumerate = false) but still answer getpwnam.
        if (auto account = lookupNss(name)) {
            accounts.list.accounts.push_back(*account);
            return account;
        }
    }
    return std::nullopt;
}

} // namespace

CheckReport runCheck(const CommandContext &ctx, const SubidsSettings &settings, const std::optional<std::string> &user)
{
    const SubidSource source = readSubidSource(ctx.systemPath("/etc/nsswitch.conf"));
    Accounts accounts = loadAccounts(settings);
    std::optional<Account> target;
    if (user) {
        target = findAccount(accounts, settings, *user);
        if (!target)
            throw HelperError(protocol::error::kNotFound, "no user named '" + *user + "'",
                              settings.passwd ? "check the name; users come from " + settings.passwd->string()
                                              : "check the name with: getent passwd " + *user);
    }
    const OwnerIndex owners(accounts.list);

    RangeSet uids, gids;
    if (source.isFiles()) {
        fromFile(uids, ctx.systemPath("/etc/subuid"));
        fromFile(gids, ctx.systemPath("/etc/subgid"));
    } else {
        std::vector<const Account *> users;
        if (target)
            users.push_back(&*std::ranges::find(accounts.list.accounts, target->name, &Account::name));
        else
            users = eligibleAccounts(accounts, settings.eligibility);
        fromGetsubids(uids, settings, users, false);
        fromGetsubids(gids, settings, users, true);
    }

    std::vector<Analysis> analyses{
        analyzeRanges({uids.label, uids.refs, &owners, accounts.uids, "UID", 20, source.isFiles()}),
        analyzeRanges({gids.label, gids.refs, &owners, accounts.gids, "GID", 20, source.isFiles()}),
    };
    const IdMapTool newuidmap = inspectIdMapTool("newuidmap", toolPath(ctx, "newuidmap"), kCapSetuid);
    const IdMapTool newgidmap = inspectIdMapTool("newgidmap", toolPath(ctx, "newgidmap"), kCapSetgid);

    CheckReport report;
    std::ostringstream text;
    text << "subid source: " << source.name
         << (source.isFiles() ? " (/etc/subuid, /etc/subgid)" : " (nsswitch.conf line " + std::to_string(source.line)
                                                                   + "; ranges read with getsubids)")
         << '\n';
    for (const std::string &w : settings.warnings)
        text << "warning: " << w << '\n';
    std::size_t errors = 0;
    nlohmann::json files = nlohmann::json::array();
    for (std::size_t i = 0; i < 2; ++i) {
        const RangeSet &set = i == 0 ? uids : gids;
        errors += analyses[i].errors;
        std::size_t warnings = 0;
        for (const auto &[code, n] : analyses[i].totals)
            warnings += n;
        warnings -= analyses[i].errors;
        files.push_back({{"path", set.label}, {"entries", set.refs.size()}, {"errors", analyses[i].errors},
                         {"warnings", warnings}});
        text << set.label << ": " << set.refs.size() << " ranges, " << analyses[i].errors << " errors, " << warnings
             << " warnings\n";
    }
    nlohmann::json tools = nlohmann::json::array();
    for (const IdMapTool *tool : {&newuidmap, &newgidmap}) {
        tools.push_back(tool->toJson());
        text << tool->name << ": ";
        if (tool->path.empty())
            text << "not found (install the uidmap package)\n";
        else
            text << tool->path.string() << ", "
                 << (tool->setuidRoot ? "setuid root" : tool->hasCapability ? "file capability" : "NOT privileged")
                 << (tool->ok() ? "" : ": rootless Podman cannot map ids (chmod u+s or setcap it)") << '\n';
        errors += tool->ok() ? 0 : 1;
    }
    if (std::ranges::any_of(analyses, [](const Analysis &a) { return !a.findings.empty(); })) {
        text << "problems:\n";
        printFindingsText(text, analyses);
    }

    report.document = {{"command", "check"},
                       {"source", {{"name", source.name}, {"line", source.line}}},
                       {"files", files},
                       {"tools", tools},
                       {"problems", findingsToJson(analyses)}};
    if (target) {
        const UserRanges ur = userRanges(uids, *target, owners, accounts.uids, "UID");
        const UserRanges gr = userRanges(gids, *target, owners, accounts.gids, "GID");
        const bool usable = ur.analysis.errors == 0 && gr.analysis.errors == 0 && newuidmap.ok() && newgidmap.ok();
        report.document["user"] = {{"name", target->name},
                                   {"uid", target->uid},
                                   {"gid", target->gid},
                                   {"subuid", userRangesJson(ur)},
                                   {"subgid", userRangesJson(gr)},
                                   {"problems", findingsToJson({ur.analysis, gr.analysis})},
                                   {"usable", usable}};
        text << "user " << target->name << " (uid " << target->uid << "):\n";
        userRangesText(text, "subuid", ur);
        userRangesText(text, "subgid", gr);
        printFindingsText(text, {ur.analysis, gr.analysis});
        text << "  " << (usable ? "usable for rootless containers" : "NOT usable for rootless containers") << '\n';
        errors += usable ? 0 : 1;
    }
    report.ok = errors == 0;
    report.document["ok"] = report.ok;
    text << (report.ok ? "result: ok\n" : "result: problems found\n");
    report.text = text.str();
    return report;
}

} // namespace podbay::helper::subids
