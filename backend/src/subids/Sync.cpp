#include "Sync.h"

#include "ManagedState.h"
#include "sysfile/AtomicFile.h"
#include "sysfile/ShadowLock.h"

#include <algorithm>
#include <span>

namespace podbay::helper::subids {
namespace {

std::string tooManyRemovals(const Plan &plan, const SubidsSettings &settings)
{
    const std::size_t n = plan.staleRemovals();
    if (n <= settings.maxRemovals)
        return {};
    return "it would remove " + std::to_string(n) + " managed entries of accounts that are gone or not eligible, "
         + "more than max_removals = " + std::to_string(settings.maxRemovals)
         + "; if the directory service is answering and those accounts are really gone, raise [subids] max_removals "
           "in /etc/podbay/helper.conf for one run";
}

void writeState(const SubidsSettings &settings, const ManagedLists &subuid, const ManagedLists &subgid)
{
    std::filesystem::create_directories(settings.statePath.parent_path());
    sysfile::WriteOptions options;
    options.keepBackup = false; // the state is rewritten from the files' lines, no history needed
    sysfile::writeFileAtomically(settings.statePath, serialiseManagedState(subuid, subgid), options);
}

} // namespace

SyncOutcome planOnly(const CommandContext &ctx, const SubidsSettings &settings, const Accounts &accounts,
                     const OwnerIndex &owners)
{
    SyncOutcome outcome;
    outcome.workspace = std::make_unique<Workspace>(Workspace::load(ctx, settings));
    outcome.plan = makePlan(settings, accounts, owners, *outcome.workspace);
    outcome.stop = tooManyRemovals(outcome.plan, settings);
    return outcome;
}

SyncOutcome runSync(const CommandContext &ctx, const SubidsSettings &settings, const Accounts &accounts,
                    const OwnerIndex &owners, bool dryRun)
{
    SyncOutcome outcome = planOnly(ctx, settings, accounts, owners);
    if (dryRun || !outcome.stop.empty() || (!outcome.plan.changesFiles() && !outcome.plan.changesState()))
        return outcome;

    sysfile::LockOptions lockOptions;
    lockOptions.timeout = settings.lockTimeout;
    const auto uidLock = sysfile::ShadowLock::acquire(outcome.workspace->subuidPath, lockOptions);
    const auto gidLock = sysfile::ShadowLock::acquire(outcome.workspace->subgidPath, lockOptions);
    for (const auto &path : {outcome.workspace->subuidPath, outcome.workspace->subgidPath, settings.statePath})
        sysfile::removeStaleTempFiles(path);

    // Someone (usermod) may have changed the files between the first read and the lock:
    // then plan again from what is there now (the first plan is dropped first, so that
    // two plans never take memory at once).
    if (!outcome.workspace->unchangedOnDisk()) {
        outcome = SyncOutcome{};
        outcome = planOnly(ctx, settings, accounts, owners);
        if (!outcome.stop.empty() || (!outcome.plan.changesFiles() && !outcome.plan.changesState()))
            return outcome;
    }
    const Plan &plan = outcome.plan;
    const Workspace &ws = *outcome.workspace;

    if (plan.changesFiles()) {
        // First the state listing the lines managed before or after, so that a crash between
        // the writes below never turns a line of the helper's into a foreign one.
        if (!plan.subuid.droppedManaged.empty() || !plan.subgid.droppedManaged.empty())
            writeState(settings, {plan.subuid.managedAfter, plan.subuid.droppedManaged},
                       {plan.subgid.managedAfter, plan.subgid.droppedManaged});
    }
    // FILE- backup (from the text read under the lock, which unchangedOnDisk() or the
    // second plan made sure is the file's), 0644 for a new file, as shadow.
    const auto writeOptions = [](const SubidFile &old) {
        sysfile::WriteOptions options;
        if (old.storage())
            options.currentContent = *old.storage();
        return options;
    };
    if (plan.subuid.fileChanged()) {
        sysfile::writeFileAtomically(ws.subuidPath, plan.subuid.serialise(), writeOptions(ws.subuid));
        outcome.subuidWritten = true;
    }
    if (plan.subgid.fileChanged()) {
        sysfile::writeFileAtomically(ws.subgidPath, plan.subgid.serialise(), writeOptions(ws.subgid));
        outcome.subgidWritten = true;
    }
    writeState(settings, {plan.subuid.managedAfter}, {plan.subgid.managedAfter});
    outcome.stateWritten = true;
    return outcome;
}

} // namespace podbay::helper::subids
