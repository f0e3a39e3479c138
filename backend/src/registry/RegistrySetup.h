#pragma once
// `registry setup`: the service account, the storage directory, the distribution config,
// the unit (systemd service running `podbay-helper registry run`, or a Quadlet .container
// for registry:2 where Podman >= 4.4), and the registries.conf.d drop-in. Planning never
// writes, so `setup` (all parts) and `registry status` reuse the plan for drift.

#include "CommandContext.h"
#include "process/PodmanVersion.h"
#include "registry/RegistrySettings.h"
#include "registry/ServiceAccount.h"
#include "sysfile/FileChange.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace podbay::helper::registry {

struct RegistryPlan
{
    RegistrySettings settings;
    std::optional<process::Version> podman;
    bool quadlet = false;
    ServiceAccount account;
    std::vector<std::string> useradd; // argv; empty when the account exists
    bool storageExists = false;
    std::vector<sysfile::FileChange> files;
    std::vector<std::string> warnings;

    bool changes() const;
    // One line per difference between the system and what setup would make it
    // ("service account ocireg does not exist", "/etc/...: modify"); empty when none.
    std::vector<std::string> drift() const;
    nlohmann::json toJson() const;
};

// Throws HelperError(E_USAGE) when no storage directory is known (no --storage, no
// [registry] storage, no config.yml), E_BAD_INPUT when the storage path is not a directory.
RegistryPlan planRegistrySetup(const CommandContext &ctx, const RegistrySettings &settings);

// Creates the account, then the storage directory (0750, owned by the account), then
// writes the files (planned again once the account has its uid: the Quadlet unit names it).
// Returns the plan that was applied. Throws HelperError(E_IO).
RegistryPlan applyRegistrySetup(const CommandContext &ctx, const RegistryPlan &plan);

// The loud warning for a registry that is reachable from the network without TLS.
std::optional<std::string> plainHttpWarning(const RegistrySettings &settings);

} // namespace podbay::helper::registry
