#include "SubidsPart.h"

#include "HelperError.h"
#include "config/HelperConfKeys.h"
#include "subids/Nsswitch.h"
#include "subids/Sync.h"
#include "sysfile/AtomicFile.h"
#include "sysfile/Audit.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>
#include <memory>

namespace podbay::helper::setup {
namespace {
using namespace subids;

// The accounts and the index into them, kept alive together for the deferred apply.
struct Directory
{
    explicit Directory(Accounts a) : accounts(std::move(a)), owners(accounts.list.accounts) {}
    Accounts accounts;
    OwnerIndex owners;
};

sysfile::FileChange fileChange(std::string_view display, const FilePlan &file, const std::filesystem::path &path)
{
    sysfile::FileChange change;
    change.displayPath = display;
    change.path = path;
    change.before = sysfile::readFileIfExists(path);
    change.after = file.fileChanged() ? std::optional(file.newFile().serialise()) : change.before;
    return change;
}

} // namespace

Part subidsPart()
{
    return {
        "subids",
        [](const config::IniFile &conf) {
            const bool any = std::ranges::any_of(config::kHelperConfKeys, [&](const config::KnownKey &k) {
                return k.section == "subids" && conf.has(k.section, k.key);
            });
            return any ? std::string("subordinate uid/gid ranges in /etc/subuid and /etc/subgid") : std::string();
        },
        [](const CommandContext &ctx, const config::IniFile &) {
            PartPlan plan;
            const SubidSource source = readSubidSource(ctx.systemPath("/etc/nsswitch.conf"));
            if (!source.isFiles()) {
                plan.notes.push_back("subordinate ids come from '" + source.name
                                     + "' (nsswitch.conf subid:), not from /etc/subuid; nothing to write");
                return plan;
            }
            const SubidsSettings settings = resolveSettings(ctx, {});
            auto directory = std::make_shared<Directory>(loadAccounts(settings));
            const SyncOutcome outcome = planOnly(ctx, settings, directory->accounts, directory->owners);
            const Workspace &ws = *outcome.workspace;
            plan.files.push_back(fileChange("/etc/subuid", outcome.plan.subuid, ws.subuidPath));
            plan.files.push_back(fileChange("/etc/subgid", outcome.plan.subgid, ws.subgidPath));
            if (outcome.plan.changesState() && !outcome.plan.changesFiles())
                plan.actions.push_back({"record the managed entries in " + settings.statePath.string(), [] {}});
            for (const Refusal &r : outcome.plan.refused)
                plan.notes.push_back(r.file + ": no range for " + r.user + ": " + r.reason);
            plan.notes.insert(plan.notes.end(), settings.warnings.begin(), settings.warnings.end());
            plan.blocked = outcome.stop;
            const std::string uidAction = plan.files[0].action(), gidAction = plan.files[1].action();
            plan.apply = [ctx, settings, directory, uidAction, gidAction] {
                const SyncOutcome done = runSync(ctx, settings, directory->accounts, directory->owners, false);
                if (!done.stop.empty())
                    throw HelperError(protocol::error::kForbidden, "subids: " + done.stop);
                if (done.subuidWritten)
                    sysfile::audit("setup", uidAction + " /etc/subuid");
                if (done.subgidWritten)
                    sysfile::audit("setup", gidAction + " /etc/subgid");
            };
            return plan;
        },
    };
}

} // namespace podbay::helper::setup
