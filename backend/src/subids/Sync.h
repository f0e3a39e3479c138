#pragma once
// `subids sync`: plan without any lock; if nothing changes, stop there (no write, no lock,
// mtime untouched). Otherwise take shadow's locks on /etc/subuid then /etc/subgid (the
// order usermod uses), re-read the files under them and plan again if any changed since
// the first read (Workspace::unchangedOnDisk), then write: first the state listing old and
// new managed lines, then the files, then the final state, so that a crash between two
// writes never turns the helper's lines into foreign ones.

#include "CommandContext.h"
#include "Planner.h"
#include "SubidsSettings.h"
#include "Workspace.h"

#include <memory>

namespace podbay::helper::subids {

struct SyncOutcome
{
    // The workspace the plan refers to (the plan points into its files).
    std::unique_ptr<Workspace> workspace;
    Plan plan;
    bool subuidWritten = false;
    bool subgidWritten = false;
    bool stateWritten = false;
    std::string stop; // why nothing was written although the plan changes something
};

SyncOutcome runSync(const CommandContext &ctx, const SubidsSettings &settings, const Accounts &accounts,
                    const OwnerIndex &owners, bool dryRun);

// Plan only (for `plan` and `sync --dry-run`).
SyncOutcome planOnly(const CommandContext &ctx, const SubidsSettings &settings, const Accounts &accounts,
                     const OwnerIndex &owners);

} // namespace podbay::helper::subids
