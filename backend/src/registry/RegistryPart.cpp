#include "RegistryPart.h"

#include "registry/RegistrySetup.h"
#include "workflow/ShellWords.h"

namespace podbay::helper::registry {

setup::Part registryPart()
{
    return {
        "registry",
        [](const config::IniFile &conf) {
            const auto storage = conf.string("registry", "storage");
            return storage ? "site registry on " + conf.string("registry", "listen").value_or("127.0.0.1:5000")
                                 + ", storage " + *storage
                           : std::string();
        },
        [](const CommandContext &ctx, const config::IniFile &) {
            const RegistryPlan registry = planRegistrySetup(ctx, resolveRegistrySettings(ctx, {}));
            setup::PartPlan plan;
            // Described as actions for the plan's display; applied in one go, since the
            // Quadlet unit can only name the account's uid once useradd has made it.
            if (!registry.account.exists) {
                plan.actions.push_back({"create service account " + registry.account.name + " ("
                                            + workflow::shellJoin(registry.useradd) + ")",
                                        [] {}});
            }
            if (!registry.storageExists)
                plan.actions.push_back({"create " + registry.settings.storage + " (owned by " + registry.account.name
                                            + ", mode 0750)",
                                        [] {}});
            plan.files = registry.files;
            plan.notes = registry.warnings;
            plan.apply = [ctx, registry] { applyRegistrySetup(ctx, registry); };
            return plan;
        },
    };
}

} // namespace podbay::helper::registry
