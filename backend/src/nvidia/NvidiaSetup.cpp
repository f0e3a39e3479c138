#include "NvidiaSetup.h"

#include "HelperError.h"
#include "nvidia/CdiSpec.h"
#include "nvidia/DriverLibraries.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>
#include <filesystem>

namespace podbay::helper::nvidia {
namespace {

constexpr std::string_view kPersistencedSocket = "/run/nvidia-persistenced/socket";

std::string firstLine(const std::string &text)
{
    const std::string line = text.substr(0, text.find('\n'));
    return line.empty() ? "(no output)" : line;
}

} // namespace

bool NvidiaPlan::changes() const
{
    return !drift().empty();
}

std::vector<std::string> NvidiaPlan::drift() const
{
    std::vector<std::string> lines;
    if (!host.hasGpus())
        return lines;
    if (recordedDriver && host.driverVersion && *recordedDriver != *host.driverVersion)
        lines.push_back("driver " + *host.driverVersion + ", the CDI spec was made for " + *recordedDriver);
    for (const sysfile::FileChange &file : files)
        if (file.changes())
            lines.push_back(file.displayPath.string() + ": " + file.action());
    return lines;
}

nlohmann::json NvidiaPlan::toJson() const
{
    nlohmann::json gpus = nlohmann::json::array();
    for (std::size_t i = 0; i < host.gpus.size(); ++i) {
        const Gpu &gpu = host.gpus[i];
        gpus.push_back({{"index", i},
                        {"busId", gpu.busId},
                        {"model", gpu.model},
                        {"uuid", gpu.uuid},
                        {"deviceNode", gpu.deviceNode},
                        {"nodeExists", gpu.nodeExists}});
    }
    nlohmann::json fileList = nlohmann::json::array();
    for (const sysfile::FileChange &file : files)
        fileList.push_back(file.toJson());
    return {{"gpus", gpus},
            {"driverVersion", host.driverVersion ? nlohmann::json(*host.driverVersion) : nlohmann::json()},
            {"recordedDriverVersion", recordedDriver ? nlohmann::json(*recordedDriver) : nlohmann::json()},
            {"controlNodes", host.controlNodes},
            {"spec", host.hasGpus() ? nlohmann::json(specPath()) : nlohmann::json()},
            {"generator", fromCtk ? "nvidia-ctk" : "podbay-helper"},
            {"files", fileList},
            {"drift", drift()},
            {"packages", packages.toJson()},
            {"notes", notes}};
}

NvidiaPlan planNvidiaSetup(const CommandContext &ctx)
{
    NvidiaPlan plan;
    plan.host = probeNvidia(ctx);
    const process::HostToolOutput ctkVersion = process::hostTool(ctx, "nvidia-ctk-version.txt", {"nvidia-ctk", "--version"});
    plan.packages = toolkitPackages(ctx, ctkVersion.succeeded);
    if (const auto recorded = sysfile::readFileIfExists(ctx.systemPath(kDriverStatePath)))
        plan.recordedDriver = recorded->substr(0, recorded->find('\n'));
    if (!plan.host.hasGpus()) {
        plan.notes.push_back("no NVIDIA GPU found (no /proc/driver/nvidia/gpus/*, no /dev/nvidiaN): nothing to do");
        return plan;
    }
    if (!plan.host.driverVersion)
        throw HelperError(protocol::error::kNotFound, "NVIDIA GPUs are present but no driver is loaded (no /proc/driver/nvidia/version)",
                          "install and load the NVIDIA driver (modprobe nvidia), then run nvidia setup again");
    if (std::ranges::none_of(plan.host.gpus, &Gpu::nodeExists))
        throw HelperError(protocol::error::kNotFound, "the NVIDIA driver is loaded but no /dev/nvidiaN device node exists",
                          "create the nodes (nvidia-modprobe, or run nvidia-smi once as root), then run nvidia setup again");

    std::string spec;
    if (ctkVersion.succeeded) {
        // nvidia-ctk writes the spec to stdout when --output is not given (YAML by default).
        const process::HostToolOutput generated =
            process::hostTool(ctx, "nvidia-ctk-cdi-generate.yaml", {"nvidia-ctk", "cdi", "generate"}, std::chrono::minutes(2));
        if (!generated.succeeded)
            throw HelperError(protocol::error::kIo, "nvidia-ctk cdi generate failed: " + firstLine(generated.err),
                              "run `nvidia-ctk cdi generate` by hand to see why");
        plan.fromCtk = true;
        spec = generated.out;
        plan.notes.push_back("CDI spec from " + firstLine(ctkVersion.out));
    } else {
        const auto libraries = driverLibraries(ldconfigCache(ctx));
        if (libraries.empty())
            plan.notes.push_back("no NVIDIA driver libraries in the ldconfig cache: containers will see the GPUs but "
                                 "cannot run CUDA programs (install the driver's user-space libraries)");
        std::vector<std::string> extra;
        if (std::error_code ec; std::filesystem::exists(ctx.systemPath(kPersistencedSocket), ec))
            extra.emplace_back(kPersistencedSocket);
        spec = makeCdiSpec(plan.host, libraries, driverBinaries(ctx), extra).dump(2) + "\n";
        plan.notes.push_back("nvidia-ctk is not installed: the helper writes the CDI spec itself from the device "
                             "nodes and the libraries in the ldconfig cache");
    }
    plan.files.push_back(sysfile::plannedFile(ctx, plan.specPath(), std::move(spec)));
    // One spec per kind: the other format's file, when an earlier setup wrote it, would
    // declare the same devices twice (CDI refuses conflicting devices).
    if (plan.recordedDriver) {
        sysfile::FileChange other = sysfile::readForChange(ctx, plan.fromCtk ? kJsonSpecPath : kYamlSpecPath);
        if (other.before) {
            other.after.reset();
            plan.files.push_back(std::move(other));
        }
    }
    plan.files.push_back(sysfile::plannedFile(ctx, kDriverStatePath, *plan.host.driverVersion + "\n"));
    return plan;
}

void applyNvidiaSetup(const NvidiaPlan &plan)
{
    sysfile::applyAll(plan.files, "nvidia setup");
}

} // namespace podbay::helper::nvidia
