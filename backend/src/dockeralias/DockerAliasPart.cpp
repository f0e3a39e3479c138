#include "DockerAliasPart.h"

#include "dockeralias/DockerAlias.h"

namespace podbay::helper::dockeralias {

setup::Part dockerAliasPart()
{
    return {
        "docker-alias",
        [](const config::IniFile &conf) {
            const auto alias = conf.boolean("docker", "alias");
            return !alias ? std::string() : *alias ? std::string("docker alias enabled") : std::string("docker alias disabled");
        },
        [](const CommandContext &ctx, const config::IniFile &conf) {
            AliasPlan alias = planAlias(ctx, conf.boolean("docker", "alias").value_or(false));
            setup::PartPlan plan;
            plan.files = std::move(alias.files);
            plan.notes = std::move(alias.warnings);
            return plan;
        },
    };
}

} // namespace podbay::helper::dockeralias
