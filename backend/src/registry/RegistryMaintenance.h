#pragma once
// `registry status`, `registry gc` and `registry run`: everything that works on a registry
// that `registry setup` made (its config.yml names the storage and the address).

#include "CommandContext.h"
#include "registry/RegistryProbe.h"
#include "registry/RegistrySettings.h"
#include "sysfile/DiskUsage.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace podbay::helper::registry {

struct RegistryStatus
{
    bool configured = false; // a config.yml exists
    Reachability reach;
    std::optional<std::size_t> repositories;
    std::vector<std::string> repositoryNames;
    std::string catalogError;
    sysfile::DiskUsage storage;
    std::vector<std::string> drift;
    std::vector<std::string> warnings;
    nlohmann::json toJson(const RegistrySettings &settings) const;
};

RegistryStatus registryStatus(const CommandContext &ctx, const RegistrySettings &settings);

struct GcResult
{
    std::vector<std::string> argv;
    sysfile::DiskUsage before;
    sysfile::DiskUsage after;
    std::string summary; // distribution's last output line ("N blobs marked, ...")
    std::uint64_t freed() const { return before.bytes > after.bytes ? before.bytes - after.bytes : 0; }
};

// garbage-collect --delete-untagged (plus --dry-run). Refuses (E_BUSY) while the registry
// answers and is not read-only: distribution's garbage collector is stop-the-world, a push
// during the mark phase can lose blobs (distribution docs, "Garbage collection").
GcResult registryGc(const CommandContext &ctx, const RegistrySettings &settings, bool dryRun);

// Replaces the helper with the distribution binary (`serve CONFIG`), dropping root to the
// service account first. Returns only by throwing HelperError.
[[noreturn]] void registryRun(const CommandContext &ctx, const RegistrySettings &settings);

} // namespace podbay::helper::registry
