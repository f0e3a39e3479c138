#include "NvidiaCommand.h"

#include "HelperError.h"
#include "Output.h"
#include "nvidia/NvidiaSetup.h"
#include "nvidia/NvidiaStatus.h"

#include <podbay/protocol/Protocol.h>

namespace podbay::helper {
namespace {
using namespace nvidia;

constexpr std::string_view kUsage =
    "usage: podbay-helper [--root DIR] [--json] nvidia status\n"
    "       podbay-helper [--root DIR] [--json] nvidia setup [--dry-run]\n"
    "\n"
    "  status   GPUs and driver version (/proc/driver/nvidia, /dev/nvidia*, nvidia-smi), the CDI\n"
    "           spec (present, valid, made for this driver), whether Podman can use it and\n"
    "           whether Apptainer's --nv finds the driver libraries\n"
    "  setup    writes the CDI spec (nvidia-ctk cdi generate when installed, else the helper's own\n"
    "           /etc/cdi/nvidia.json), records the driver version (/var/lib/podbay/nvidia-driver)\n"
    "           so a driver update shows as drift, and prints the package plan for\n"
    "           nvidia-container-toolkit. Without GPUs it changes nothing.\n"
    "\n"
    "options:\n"
    "  --dry-run   setup: print the diff, write nothing\n"
    "\n"
    "examples:\n"
    "  podbay-helper nvidia status\n"
    "  podbay-helper nvidia setup --dry-run\n"
    "  podbay-helper --json nvidia setup\n";

[[noreturn]] void usageError(const std::string &message)
{
    throw HelperError(protocol::error::kUsage, "nvidia: " + message, "run: podbay-helper nvidia --help");
}

void printGpus(std::ostream &out, const NvidiaPlan &plan)
{
    const NvidiaHost &host = plan.host;
    out << host.gpus.size() << (host.gpus.size() == 1 ? " GPU" : " GPUs") << ", driver "
        << host.driverVersion.value_or("not loaded") << '\n';
    for (std::size_t i = 0; i < host.gpus.size(); ++i) {
        const Gpu &gpu = host.gpus[i];
        out << "  GPU " << i << ": " << (gpu.model.empty() ? "unknown model" : gpu.model);
        if (!gpu.busId.empty())
            out << ", " << gpu.busId;
        if (!gpu.uuid.empty())
            out << ", " << gpu.uuid;
        out << ", " << (gpu.deviceNode.empty() ? "no device minor" : gpu.deviceNode)
            << (gpu.nodeExists || gpu.deviceNode.empty() ? "" : " (missing)") << '\n';
    }
}

void printPackages(std::ostream &out, const ToolkitPackages &packages)
{
    if (packages.installed) {
        out << "nvidia-container-toolkit: installed\n";
        return;
    }
    out << "nvidia-container-toolkit: not installed";
    if (packages.manager.empty()) {
        out << " (unknown distribution '" << packages.distribution
            << "': see NVIDIA's installation guide for the Container Toolkit)\n";
        return;
    }
    out << "; to install on " << packages.distribution << " (" << packages.manager << "):\n";
    for (const std::string &command : packages.commands)
        out << "  " << command << '\n';
}

int runSetup(CommandContext &ctx, bool dryRun)
{
    const NvidiaPlan plan = planNvidiaSetup(ctx);
    const bool changes = plan.changes();
    if (!dryRun && changes)
        applyNvidiaSetup(plan);
    if (ctx.json) {
        nlohmann::json document = plan.toJson();
        document["command"] = "nvidia setup";
        document["dryRun"] = dryRun;
        document["changed"] = !dryRun && changes;
        printJson(ctx, document);
        return 0;
    }
    std::ostream &out = ctx.out;
    if (!plan.host.hasGpus()) {
        out << "nvidia setup: no NVIDIA GPU found (no /proc/driver/nvidia/gpus/*, no /dev/nvidiaN): nothing changed\n";
        return 0;
    }
    out << "nvidia setup: ";
    printGpus(out, plan);
    for (const sysfile::FileChange &file : plan.files)
        out << "  " << file.displayPath.string() << ": " << file.action()
            << (file.changes() && !dryRun ? " (written)" : "") << '\n';
    for (const std::string &note : plan.notes)
        out << "note: " << note << '\n';
    if (dryRun) {
        out << sysfile::diffAll(plan.files) << "dry run: nothing was written\n";
    } else if (!changes) {
        out << "nothing to change: the CDI spec matches driver " << *plan.host.driverVersion << '\n';
    }
    printPackages(out, plan.packages);
    out << "use: podman run --device nvidia.com/gpu=all IMAGE nvidia-smi   (or nvidia.com/gpu=0 for one GPU)\n";
    return 0;
}

int runStatus(CommandContext &ctx)
{
    const NvidiaStatus status = nvidiaStatus(ctx);
    if (ctx.json) {
        printJson(ctx, status.toJson());
        return 0;
    }
    std::ostream &out = ctx.out;
    const NvidiaPlan &plan = status.plan;
    if (!plan.host.hasGpus()) {
        out << "nvidia: no NVIDIA GPU found (no /proc/driver/nvidia/gpus/*, no /dev/nvidiaN)\n";
        return 0;
    }
    out << "nvidia: ";
    printGpus(out, plan);
    const process::HostToolOutput &smi = plan.host.smi;
    out << "nvidia-smi: "
        << (smi.succeeded ? std::to_string(plan.host.smiGpus.size()) + " GPUs"
                                + (plan.host.smiGpus.empty() ? "" : ", driver " + plan.host.smiGpus.front().driverVersion)
                          : smi.installed ? "failed: " + smi.err.substr(0, smi.err.find('\n'))
                                          : std::string("not installed"))
        << '\n';
    out << "CDI spec: ";
    if (status.specPath.empty())
        out << "none (run: podbay-helper nvidia setup)\n";
    else
        out << status.specPath << (status.specProblems.empty() ? ", valid" : ", INVALID")
            << (status.specMatchesDriver ? ", matches driver " + *plan.host.driverVersion
                                         : std::string(", does not match the driver (run: podbay-helper nvidia setup)"))
            << '\n';
    for (const std::string &problem : status.specProblems)
        out << "  - " << problem << '\n';
    out << "podman: "
        << (!status.podman ? std::string("not installed")
                           : status.podman->text()
                                 + (status.podmanCanUse ? ": can use the CDI spec (--device nvidia.com/gpu=all)"
                                    : *status.podman < process::kCdiSince ? ": too old for CDI devices (needs 4.1)"
                                                                          : ": no usable CDI spec"))
        << '\n';
    out << "apptainer --nv: " << (status.apptainer.ready ? "finds the driver libraries" : "MISSING driver libraries");
    if (!status.apptainer.missing.empty()) {
        out << " (missing:";
        for (const std::string &name : status.apptainer.missing)
            out << ' ' << name;
        out << ')';
    }
    out << (status.apptainer.nvliblist.empty() ? " [no nvliblist.conf: checked libcuda and libnvidia-ml]" : "") << '\n';
    const auto drift = plan.drift();
    if (drift.empty()) {
        out << "drift: none\n";
    } else {
        out << "drift (podbay-helper nvidia setup would change):\n";
        for (const std::string &line : drift)
            out << "  - " << line << '\n';
    }
    printPackages(out, plan.packages);
    return 0;
}

} // namespace

int runNvidia(CommandContext &ctx, Args args)
{
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        (args.empty() ? ctx.err : ctx.out) << kUsage;
        return args.empty() ? 2 : 0;
    }
    const std::string verb = args[0];
    if (verb != "status" && verb != "setup")
        usageError("unknown subcommand '" + verb + "' (status or setup)");
    bool dryRun = false;
    for (const std::string &arg : args.subspan(1)) {
        if (arg == "--dry-run" && verb == "setup")
            dryRun = true;
        else
            usageError("unknown option " + arg + " for nvidia " + verb);
    }
    return verb == "setup" ? runSetup(ctx, dryRun) : runStatus(ctx);
}

} // namespace podbay::helper
