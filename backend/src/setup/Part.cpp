#include "Part.h"

#include "sysfile/Audit.h"

namespace podbay::helper::setup {

bool PartPlan::changes() const
{
    if (!actions.empty())
        return true;
    for (const auto &file : files)
        if (file.changes())
            return true;
    return false;
}

void applyPlan(const PartPlan &plan, std::string_view command)
{
    if (!plan.changes())
        return;
    if (plan.apply) {
        plan.apply();
        return;
    }
    for (const Action &action : plan.actions) {
        action.run();
        sysfile::audit(command, action.description);
    }
    sysfile::applyAll(plan.files, command);
}

} // namespace podbay::helper::setup
