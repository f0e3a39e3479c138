#pragma once
// The package plan for nvidia-container-toolkit on this node's distribution, from
// os-release(5) ID / ID_LIKE, following NVIDIA's installation guide for the toolkit
// (repository at nvidia.github.io/libnvidia-container). Printed for the admin, never run:
// adding a vendor repository is a site decision.

#include "CommandContext.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace podbay::helper::nvidia {

struct ToolkitPackages
{
    std::string distribution; // PRETTY_NAME, or ID
    std::string manager;      // "apt", "dnf", "zypper" or "" when unknown
    std::vector<std::string> commands;
    bool installed = false;   // nvidia-ctk is there already

    nlohmann::json toJson() const;
};

// ROOT/etc/os-release, falling back to ROOT/usr/lib/os-release (os-release(5)).
ToolkitPackages toolkitPackages(const CommandContext &ctx, bool installed);

} // namespace podbay::helper::nvidia
