#include "PruneTimer.h"

#include "HelperError.h"
#include "sysfile/Audit.h"
#include "sysfile/UnitTemplate.h"

#include <podbay/protocol/Protocol.h>

namespace podbay::helper::prune {
namespace fs = std::filesystem;

std::vector<std::string> PruneTimerPlan::drift() const
{
    std::vector<std::string> lines;
    for (const sysfile::FileChange &file : files)
        if (file.changes())
            lines.push_back(file.displayPath.string() + ": " + file.action());
    if (!enabled)
        lines.push_back("podbay-prune.timer is not enabled (no " + std::string(kPruneTimerWantsPath) + ")");
    return lines;
}

PruneTimerPlan planPruneTimer(const CommandContext &ctx)
{
    PruneTimerPlan plan;
    const std::string helper(sysfile::helperExecutable());
    for (const auto &[path, name] : {std::pair{kPruneServicePath, "podbay-prune.service"}, std::pair{kPruneTimerPath, "podbay-prune.timer"}}) {
        plan.files.push_back(
            sysfile::plannedFile(ctx, path, sysfile::fillTemplate(sysfile::unitTemplate(name), {{"HELPER", helper}})));
    }
    std::error_code ec;
    plan.enabled = fs::read_symlink(ctx.systemPath(kPruneTimerWantsPath), ec) == fs::path("../podbay-prune.timer");
    return plan;
}

void applyPruneTimer(const CommandContext &ctx, const PruneTimerPlan &plan)
{
    sysfile::applyAll(plan.files, "prune timer");
    if (plan.enabled)
        return;
    const fs::path link = ctx.systemPath(kPruneTimerWantsPath);
    std::error_code ec;
    fs::create_directories(link.parent_path(), ec);
    fs::remove(link, ec); // a wrong or dangling link from before
    fs::create_symlink("../podbay-prune.timer", link, ec);
    if (ec)
        throw HelperError(protocol::error::kIo, "cannot create " + link.string() + ": " + ec.message());
    sysfile::audit("prune timer", "enabled podbay-prune.timer");
}

} // namespace podbay::helper::prune
