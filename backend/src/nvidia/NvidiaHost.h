#pragma once
// What the NVIDIA kernel driver shows of the GPUs (NVIDIA's README, "Procfs interface"):
// /proc/driver/nvidia/version (the loaded module's version), one directory per GPU under
// /proc/driver/nvidia/gpus/<PCI bus id>/ whose `information` file gives model, UUID and
// device minor, and the device nodes /dev/nvidia<minor>, /dev/nvidiactl, /dev/nvidia-uvm
// (CUDA's unified memory), /dev/nvidia-uvm-tools and /dev/nvidia-modeset. nvidia-smi, when
// installed, confirms that user space talks to the driver. All paths under --root.

#include "CommandContext.h"
#include "process/HostTool.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::nvidia {

struct Gpu
{
    std::string busId; // "0000:07:00.0"; empty when known only from /dev
    std::string model;
    std::string uuid;  // "GPU-..."
    std::optional<unsigned> minor;
    std::string deviceNode;  // "/dev/nvidia0"
    bool nodeExists = false;
};

struct SmiGpu
{
    std::string index, busId, name, uuid, driverVersion, memory;
};

struct NvidiaHost
{
    std::optional<std::string> driverVersion; // from /proc/driver/nvidia/version
    std::vector<Gpu> gpus;                     // in PCI bus order (nvidia-smi's index order)
    std::vector<std::string> controlNodes;     // the non-GPU nodes that exist
    process::HostToolOutput smi;               // nvidia-smi --query-gpu=...
    std::vector<SmiGpu> smiGpus;

    bool hasGpus() const { return !gpus.empty(); }
};

NvidiaHost probeNvidia(const CommandContext &ctx);

// "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 ..." (also the
// "Open Kernel Module for x86_64" wording) -> "535.104.05".
std::optional<std::string> parseNvrmVersion(std::string_view text);

// One /proc/driver/nvidia/gpus/*/information file ("Model: \t NVIDIA A100 ...").
Gpu parseGpuInformation(std::string_view text, std::string busId);

// `nvidia-smi --query-gpu=index,pci.bus_id,name,uuid,driver_version,memory.total
// --format=csv,noheader` output.
std::vector<SmiGpu> parseSmiCsv(std::string_view text);

} // namespace podbay::helper::nvidia
