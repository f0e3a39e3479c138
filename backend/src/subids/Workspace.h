#pragma once
// Everything one `subids` run reads, loaded once: the accounts, both files, the record of
// managed entries, and the ids real accounts use. `plan` and `sync` build a Plan from it;
// `sync` loads it a second time under the lock before writing.

#include "CommandContext.h"
#include "ManagedState.h"
#include "Planner.h"
#include "RangeAnalysis.h"
#include "SubidsSettings.h"
#include "UserSource.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <utility>

namespace podbay::helper::subids {

struct Accounts
{
    AccountList list;
    std::vector<std::uint64_t> uids; // sorted, unique: ids real accounts use
    std::vector<std::uint64_t> gids;
};

// From settings.passwd, or NSS (getpwent, and getgrent for GIDs).
Accounts loadAccounts(const SubidsSettings &settings);

struct Workspace
{
    std::filesystem::path subuidPath;
    std::filesystem::path subgidPath;
    std::filesystem::path statePath;
    SubidFile subuid;
    SubidFile subgid;
    ManagedState state;
    // The state file as read (it exists, its size and std::hash of its bytes).
    std::optional<std::pair<std::size_t, std::size_t>> stateFingerprint;

    // Reads both files and the state (missing files are empty). Malformed content throws
    // HelperError(E_BAD_INPUT) naming file and line.
    static Workspace load(const CommandContext &ctx, const SubidsSettings &settings);

    // Whether the three files still hold what load() read: /etc/subuid and /etc/subgid
    // compared byte for byte with the text their SubidFile keeps, the state file (only ever
    // written by the helper, under the same locks) by size and hash. Lets sync skip
    // planning a second time under the locks.
    bool unchangedOnDisk() const;
};

// The eligible accounts, sorted by UID, with the reasons others were skipped counted.
std::vector<const Account *> eligibleAccounts(const Accounts &accounts, const Eligibility &rules);

Plan makePlan(const SubidsSettings &settings, const Accounts &accounts, const OwnerIndex &owners,
              const Workspace &workspace);

} // namespace podbay::helper::subids
