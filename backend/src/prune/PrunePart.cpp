#include "PrunePart.h"

#include "prune/PruneTimer.h"

namespace podbay::helper::prune {

setup::Part pruneTimerPart()
{
    return {
        "prune-timer",
        [](const config::IniFile &conf) {
            return conf.boolean("prune", "timer").value_or(false)
                       ? "daily prune of containers and images older than " + conf.string("prune", "older_than").value_or("7d")
                       : std::string();
        },
        [](const CommandContext &ctx, const config::IniFile &) {
            const PruneTimerPlan timer = planPruneTimer(ctx);
            setup::PartPlan plan;
            plan.files = timer.files;
            if (!timer.enabled)
                plan.actions.push_back({"enable podbay-prune.timer (" + std::string(kPruneTimerWantsPath) + ")", [] {}});
            if (!timer.drift().empty())
                plan.notes.push_back("after setup: systemctl daemon-reload (systemd reads new units only then)");
            plan.apply = [ctx, timer] { applyPruneTimer(ctx, timer); };
            return plan;
        },
    };
}

} // namespace podbay::helper::prune
