#pragma once
// `nvidia status`: GPUs and driver, the CDI spec (present, valid, made for this driver),
// whether Podman can use it, and whether Apptainer's --nv will find the driver libraries.

#include "CommandContext.h"
#include "nvidia/DriverLibraries.h"
#include "nvidia/NvidiaSetup.h"
#include "process/PodmanVersion.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace podbay::helper::nvidia {

struct ApptainerCheck
{
    std::string nvliblist;            // the nvliblist.conf read, empty: built-in essentials
    std::vector<std::string> found;   // library names with a cache entry
    std::vector<std::string> missing;
    bool ready = false;               // libcuda and libnvidia-ml are there
};

// Apptainer's --nv binds the libraries named in nvliblist.conf that the ldconfig cache
// knows (apptainer.conf(5) / "GPU Support" in the Apptainer admin guide).
ApptainerCheck checkApptainer(const CommandContext &ctx, const std::vector<CachedLibrary> &cache);

struct NvidiaStatus
{
    NvidiaPlan plan;
    std::string specPath;           // the spec found (json or yaml), empty when none
    std::vector<std::string> specProblems;
    bool specMatchesDriver = false; // made for the loaded driver and as setup would write it
    std::optional<process::Version> podman;
    bool podmanCanUse = false;
    ApptainerCheck apptainer;

    nlohmann::json toJson() const;
};

NvidiaStatus nvidiaStatus(const CommandContext &ctx);

} // namespace podbay::helper::nvidia
