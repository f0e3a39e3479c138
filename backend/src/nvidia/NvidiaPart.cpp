#include "NvidiaPart.h"

#include "nvidia/NvidiaSetup.h"

namespace podbay::helper::nvidia {

setup::Part nvidiaPart()
{
    return {
        "nvidia",
        [](const config::IniFile &conf) {
            return conf.boolean("nvidia", "setup").value_or(true) ? std::string("NVIDIA CDI spec (when the node has GPUs)")
                                                                   : std::string();
        },
        [](const CommandContext &ctx, const config::IniFile &) {
            const NvidiaPlan nvidia = planNvidiaSetup(ctx);
            setup::PartPlan plan;
            plan.files = nvidia.files;
            plan.notes = nvidia.notes;
            for (const std::string &line : nvidia.drift())
                if (line.starts_with("driver "))
                    plan.notes.push_back(line);
            if (nvidia.host.hasGpus() && !nvidia.packages.installed)
                plan.notes.push_back("nvidia-container-toolkit is not installed (podbay-helper nvidia setup prints how)");
            return plan;
        },
    };
}

} // namespace podbay::helper::nvidia
