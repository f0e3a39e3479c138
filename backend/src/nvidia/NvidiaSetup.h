#pragma once
// `nvidia setup`: the CDI spec for the node's GPUs (from `nvidia-ctk cdi generate` when the
// NVIDIA Container Toolkit is installed, else written by the helper, CdiSpec.h), and the
// driver version it was made for, recorded in the helper's state so that a driver update
// shows as drift. Without GPUs it plans nothing.

#include "CommandContext.h"
#include "nvidia/NvidiaHost.h"
#include "nvidia/ToolkitPackages.h"
#include "sysfile/FileChange.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace podbay::helper::nvidia {

inline constexpr std::string_view kJsonSpecPath = "/etc/cdi/nvidia.json"; // written by the helper
inline constexpr std::string_view kYamlSpecPath = "/etc/cdi/nvidia.yaml"; // from nvidia-ctk
inline constexpr std::string_view kDriverStatePath = "/var/lib/podbay/nvidia-driver";

struct NvidiaPlan
{
    NvidiaHost host;
    bool fromCtk = false;                     // the spec comes from nvidia-ctk
    std::optional<std::string> recordedDriver; // what the last setup recorded
    std::vector<sysfile::FileChange> files;   // the spec (and the other format's removal), then the state
    ToolkitPackages packages;
    std::vector<std::string> notes;

    std::string specPath() const { return std::string(fromCtk ? kYamlSpecPath : kJsonSpecPath); }
    bool changes() const;
    // "driver 550.54.14, the CDI spec was made for 535.104.05", "/etc/cdi/nvidia.json: create".
    std::vector<std::string> drift() const;
    nlohmann::json toJson() const;
};

// Throws HelperError(E_NOT_FOUND) for GPUs without a loaded driver or device nodes,
// E_IO when nvidia-ctk fails.
NvidiaPlan planNvidiaSetup(const CommandContext &ctx);

void applyNvidiaSetup(const NvidiaPlan &plan);

} // namespace podbay::helper::nvidia
