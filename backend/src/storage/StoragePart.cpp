#include "StoragePart.h"

#include "storage/StorageConfigure.h"

namespace podbay::helper::storage {

setup::Part storagePart()
{
    return {
        "storage",
        [](const config::IniFile &conf) {
            const auto path = conf.string("storage", "path");
            return path ? "rootless Podman storage under " + *path : std::string();
        },
        [](const CommandContext &ctx, const config::IniFile &conf) {
            const StoragePlan storage = planStorage(ctx, conf.string("storage", "path").value_or(""),
                                                    conf.source() + " [storage] path");
            setup::PartPlan plan;
            if (storage.directory.changes())
                plan.actions.push_back({storage.directory.describe(),
                                        [directory = storage.directory] { applyDirectory(directory); }});
            plan.files.push_back(storage.conf);
            plan.notes = storage.notes;
            return plan;
        },
    };
}

} // namespace podbay::helper::storage
