#include "NvidiaHost.h"

#include "config/Numbers.h"
#include "config/TextLines.h"
#include "sysfile/AtomicFile.h"

#include <algorithm>
#include <filesystem>

namespace podbay::helper::nvidia {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kControlNodes[] = {"/dev/nvidiactl", "/dev/nvidia-uvm", "/dev/nvidia-uvm-tools",
                                              "/dev/nvidia-modeset"};

std::string_view trim(std::string_view s)
{
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

bool isVersion(std::string_view word)
{
    // 535.104.05, 470.57.02, 550.54: digits and dots, starting and ending with a digit.
    return word.size() >= 3 && std::isdigit(static_cast<unsigned char>(word.front()))
        && std::isdigit(static_cast<unsigned char>(word.back())) && word.find('.') != std::string_view::npos
        && std::ranges::all_of(word, [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; });
}

// /dev/nvidia0, /dev/nvidia1, ... (digits only: nvidiactl and nvidia-uvm are not GPUs).
std::vector<unsigned> gpuNodeMinors(const fs::path &dev)
{
    std::vector<unsigned> minors;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(dev, ec)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with("nvidia"))
            continue;
        if (const auto minor = config::parseUnsigned(std::string_view(name).substr(6), 0, 255))
            minors.push_back(static_cast<unsigned>(*minor));
    }
    std::ranges::sort(minors);
    return minors;
}

} // namespace

std::optional<std::string> parseNvrmVersion(std::string_view text)
{
    const std::size_t start = text.find("NVRM version:");
    if (start == std::string_view::npos)
        return std::nullopt;
    std::string_view line = text.substr(start);
    line = line.substr(0, line.find('\n'));
    std::size_t pos = 0;
    while (pos < line.size()) {
        const std::size_t begin = line.find_first_not_of(" \t", pos);
        if (begin == std::string_view::npos)
            break;
        const std::size_t end = std::min(line.find_first_of(" \t", begin), line.size());
        if (const std::string_view word = line.substr(begin, end - begin); isVersion(word))
            return std::string(word);
        pos = end;
    }
    return std::nullopt;
}

Gpu parseGpuInformation(std::string_view text, std::string busId)
{
    Gpu gpu;
    gpu.busId = std::move(busId);
    config::forEachLine(text, [&](std::string_view line, int) {
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            return;
        const std::string_view key = trim(line.substr(0, colon));
        const std::string_view value = trim(line.substr(colon + 1));
        if (key == "Model")
            gpu.model = value;
        else if (key == "GPU UUID")
            gpu.uuid = value;
        else if (key == "Device Minor")
            if (const auto minor = config::parseUnsigned(value, 0, 255))
                gpu.minor = static_cast<unsigned>(*minor);
    });
    return gpu;
}

std::vector<SmiGpu> parseSmiCsv(std::string_view text)
{
    std::vector<SmiGpu> gpus;
    config::forEachLine(text, [&](std::string_view line, int) {
        std::vector<std::string> fields;
        while (!line.empty()) {
            const std::size_t comma = line.find(',');
            fields.emplace_back(trim(line.substr(0, comma)));
            line = comma == std::string_view::npos ? std::string_view() : line.substr(comma + 1);
        }
        if (fields.size() >= 6)
            gpus.push_back({fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]});
    });
    return gpus;
}

NvidiaHost probeNvidia(const CommandContext &ctx)
{
    NvidiaHost host;
    if (const auto version = sysfile::readFileIfExists(ctx.systemPath("/proc/driver/nvidia/version")))
        host.driverVersion = parseNvrmVersion(*version);

    std::error_code ec;
    std::vector<fs::path> gpuDirs;
    for (const auto &entry : fs::directory_iterator(ctx.systemPath("/proc/driver/nvidia/gpus"), ec))
        gpuDirs.push_back(entry.path());
    std::ranges::sort(gpuDirs); // PCI bus ids sort in bus order
    for (const fs::path &dir : gpuDirs) {
        Gpu gpu = parseGpuInformation(sysfile::readFileIfExists(dir / "information").value_or(""),
                                      dir.filename().string());
        host.gpus.push_back(std::move(gpu));
    }
    // Without /proc (a container, a driver that does not export it) the nodes still say
    // which GPUs exist.
    if (host.gpus.empty())
        for (const unsigned minor : gpuNodeMinors(ctx.systemPath("/dev")))
            host.gpus.push_back(Gpu{"", "", "", minor, "", false});
    for (Gpu &gpu : host.gpus) {
        if (!gpu.minor)
            continue;
        gpu.deviceNode = "/dev/nvidia" + std::to_string(*gpu.minor);
        gpu.nodeExists = fs::exists(ctx.systemPath(gpu.deviceNode), ec);
    }
    for (const std::string_view node : kControlNodes)
        if (fs::exists(ctx.systemPath(node), ec))
            host.controlNodes.emplace_back(node);

    host.smi = process::hostTool(ctx, "nvidia-smi.txt",
                                 {"nvidia-smi", "--query-gpu=index,pci.bus_id,name,uuid,driver_version,memory.total",
                                  "--format=csv,noheader"});
    if (host.smi.succeeded)
        host.smiGpus = parseSmiCsv(host.smi.out);
    return host;
}

} // namespace podbay::helper::nvidia
