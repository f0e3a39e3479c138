#pragma once
// The CDI spec the helper writes when nvidia-ctk is not installed (Container Device
// Interface, https://github.com/cncf-tags/container-device-interface/blob/main/SPEC.md,
// version 0.5.0, which Podman >= 4.1 reads from /etc/cdi): kind nvidia.com/gpu, one device
// per GPU named by its index plus "all", and common containerEdits with the control
// device nodes, bind mounts of the driver libraries and tools, and an ldconfig hook.

#include "nvidia/DriverLibraries.h"
#include "nvidia/NvidiaHost.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace podbay::helper::nvidia {

inline constexpr std::string_view kCdiVersion = "0.5.0";
inline constexpr std::string_view kCdiKind = "nvidia.com/gpu";

// `binaries` are absolute paths; `extraMounts` further host files (the persistenced socket).
// Keys in the spec's own order (cdiVersion, kind, devices, containerEdits) for readers.
nlohmann::ordered_json makeCdiSpec(const NvidiaHost &host, const std::vector<CachedLibrary> &libraries,
                           const std::vector<std::string> &binaries, const std::vector<std::string> &extraMounts);

// What is wrong with a CDI JSON spec by the spec's rules (required fields, kind and device
// name syntax, absolute paths, known hook names, no unknown fields); empty when valid.
std::vector<std::string> validateCdiSpec(const nlohmann::json &spec);

} // namespace podbay::helper::nvidia
