#pragma once
// One user's prune: list with podman as that user, select (PruneSelection.h), remove
// containers then images one by one with plain `podman rm` / `podman rmi` (never --force:
// a container started since the listing makes podman refuse, and nothing running is
// touched), and measure the bytes freed as the change in disk usage of the user's
// graphRoot (du -x, sysfile/DiskUsage.h).

#include "prune/PruneSelection.h"
#include "prune/PruneUsers.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace podbay::helper::prune {

struct UserPrune
{
    PodmanUser user;
    Selection selection;
    std::vector<std::string> removedContainers; // ids
    std::vector<std::string> removedImages;     // ids
    std::vector<std::string> errors;
    std::string graphRoot;
    std::optional<std::uint64_t> freedBytes; // measured; not in a dry run

    nlohmann::json toJson(bool dryRun) const;
};

UserPrune pruneUser(const PodmanUser &user, std::int64_t cutoff, bool dryRun);

} // namespace podbay::helper::prune
