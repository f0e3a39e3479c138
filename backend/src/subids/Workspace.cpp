#include "Workspace.h"

#include "sysfile/AtomicFile.h"

#include <algorithm>
#include <functional>
#include <grp.h>
#include <unordered_set>

namespace podbay::helper::subids {
namespace {

void sortUnique(std::vector<std::uint64_t> &ids)
{
    // Passwd files and NSS usually list accounts by UID, so UIDs come sorted and GIDs
    // nearly so (users of a shared primary group are the exceptions): keep the ids that
    // continue the ascending run in place, sort only the others and merge them in, instead
    // of sorting all (bench/subids: a tenth of 100,000 GIDs out of order).
    if (!std::ranges::is_sorted(ids)) {
        std::vector<std::uint64_t> others;
        std::size_t kept = 0;
        // An id stays in the run when it is not below the run's last one nor above the
        // next id (so one large id, like nobody's 65534 early in the list, does not end the run).
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const std::uint64_t id = ids[i];
            if ((kept == 0 || id >= ids[kept - 1]) && (i + 1 == ids.size() || id <= ids[i + 1]))
                ids[kept++] = id;
            else
                others.push_back(id);
        }
        ids.resize(kept);
        std::ranges::sort(others);
        const auto middle = static_cast<std::ptrdiff_t>(ids.size());
        ids.insert(ids.end(), others.begin(), others.end());
        std::inplace_merge(ids.begin(), ids.begin() + middle, ids.end());
    }
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

SubidFile readSubidFile(const std::filesystem::path &path)
{
    return SubidFile::parse(sysfile::readFileIfExists(path).value_or(std::string()), path.string());
}

std::optional<std::pair<std::size_t, std::size_t>> fingerprint(const std::filesystem::path &path)
{
    const auto text = sysfile::readFileIfExists(path);
    if (!text)
        return std::nullopt;
    return std::pair{text->size(), std::hash<std::string_view>{}(*text)};
}

} // namespace

Accounts loadAccounts(const SubidsSettings &settings)
{
    Accounts accounts;
    accounts.list = settings.passwd ? readPasswdFile(*settings.passwd) : enumerateNss();
    accounts.uids.reserve(accounts.list.accounts.size());
    accounts.gids.reserve(accounts.list.accounts.size());
    for (const Account &account : accounts.list.accounts) {
        accounts.uids.push_back(account.uid);
        accounts.gids.push_back(account.gid);
    }
    if (!settings.passwd) {
        ::setgrent();
        while (const group *gr = ::getgrent())
            accounts.gids.push_back(gr->gr_gid);
        ::endgrent();
    }
    sortUnique(accounts.uids);
    sortUnique(accounts.gids);
    return accounts;
}

Workspace Workspace::load(const CommandContext &ctx, const SubidsSettings &settings)
{
    Workspace ws;
    ws.subuidPath = ctx.systemPath("/etc/subuid");
    ws.subgidPath = ctx.systemPath("/etc/subgid");
    ws.statePath = settings.statePath;
    ws.subuid = readSubidFile(ws.subuidPath);
    ws.subgid = readSubidFile(ws.subgidPath);
    if (auto text = sysfile::readFileIfExists(ws.statePath)) {
        ws.stateFingerprint = std::pair{text->size(), std::hash<std::string_view>{}(*text)};
        ws.state = parseManagedState(std::move(*text), ws.statePath, &ws.subuid, &ws.subgid);
    }
    return ws;
}

bool Workspace::unchangedOnDisk() const
{
    for (const auto &[path, file] : {std::pair{&subuidPath, &subuid}, std::pair{&subgidPath, &subgid}})
        if (sysfile::readFileIfExists(*path).value_or(std::string())
            != (file->storage() ? std::string_view(*file->storage()) : std::string_view()))
            return false;
    return fingerprint(statePath) == stateFingerprint;
}

std::vector<const Account *> eligibleAccounts(const Accounts &accounts, const Eligibility &rules)
{
    std::vector<const Account *> eligible;
    eligible.reserve(accounts.list.accounts.size());
    for (const Account &account : accounts.list.accounts)
        if (!ineligibility(account, rules))
            eligible.push_back(&account);
    const auto byUid = [](const Account *a) { return a->uid; };
    if (!std::ranges::is_sorted(eligible, {}, byUid)) // passwd files and NSS usually list by UID
        std::ranges::stable_sort(eligible, {}, byUid);
    return eligible;
}

Plan makePlan(const SubidsSettings &settings, const Accounts &accounts, const OwnerIndex &owners,
              const Workspace &ws)
{
    PlanInput input{&owners, eligibleAccounts(accounts, settings.eligibility), settings.params};
    Plan plan;
    plan.eligible = input.eligible.size();
    const auto fileInput = [&](const std::filesystem::path &path, const SubidFile &file, const ManagedSet &managed,
                               const PoolSettings &pool, const std::vector<std::uint64_t> &ids) {
        return FileInput{path.string(), &file, &managed, pool.count, pool.start, pool.end, ids};
    };
    std::vector<Refusal> uidRefusals, gidRefusals;
    plan.subuid = planFile(input, fileInput(ws.subuidPath, ws.subuid, ws.state.subuid, settings.uidPool, accounts.uids),
                           uidRefusals);
    plan.subgid = planFile(input, fileInput(ws.subgidPath, ws.subgid, ws.state.subgid, settings.gidPool, accounts.gids),
                           gidRefusals);
    // multiply and block refuse the same users for both files: report them once.
    std::unordered_set<std::string> seen;
    for (std::vector<Refusal> *list : {&uidRefusals, &gidRefusals})
        for (Refusal &r : *list)
            if (seen.insert(r.user + '\n' + r.reason).second)
                plan.refused.push_back(std::move(r));
    return plan;
}

} // namespace podbay::helper::subids
