#include "NvidiaStatus.h"

#include "nvidia/CdiSpec.h"
#include "nvidia/DriverLibraries.h"
#include "sysfile/AtomicFile.h"

#include <algorithm>
#include <filesystem>

namespace podbay::helper::nvidia {
namespace {

constexpr std::string_view kNvliblists[] = {"/etc/apptainer/nvliblist.conf", "/usr/local/etc/apptainer/nvliblist.conf",
                                            "/etc/singularity/nvliblist.conf"};

// What --nv cannot work without when no nvliblist.conf says more.
constexpr std::string_view kEssential[] = {"libcuda.so", "libnvidia-ml.so"};

} // namespace

ApptainerCheck checkApptainer(const CommandContext &ctx, const std::vector<CachedLibrary> &cache)
{
    ApptainerCheck check;
    std::vector<std::string> wanted(std::begin(kEssential), std::end(kEssential));
    for (const std::string_view path : kNvliblists) {
        const auto text = sysfile::readFileIfExists(ctx.systemPath(path));
        if (!text)
            continue;
        check.nvliblist = path;
        wanted.clear();
        std::size_t pos = 0;
        while (pos < text->size()) {
            const std::size_t end = std::min(text->find('\n', pos), text->size());
            std::string line = text->substr(pos, end - pos);
            pos = end + 1;
            line.erase(0, line.find_first_not_of(" \t"));
            line.erase(line.find_last_not_of(" \t\r") + 1);
            if (!line.empty() && line.front() != '#' && line.find(".so") != std::string::npos)
                wanted.push_back(line); // binaries (nvidia-smi) are found in PATH, not the cache
        }
        break;
    }
    const std::string_view native = nativeLibraryFlag();
    for (const std::string &name : wanted) {
        const bool inCache = std::ranges::any_of(cache, [&](const CachedLibrary &library) {
            return library.soname.starts_with(name) && library.flags.find(native) != std::string::npos;
        });
        (inCache ? check.found : check.missing).push_back(name);
    }
    check.ready = std::ranges::all_of(kEssential, [&](std::string_view name) {
        return std::ranges::find(check.found, std::string(name)) != check.found.end();
    });
    return check;
}

nlohmann::json NvidiaStatus::toJson() const
{
    nlohmann::json document = plan.toJson();
    document["cdi"] = {{"path", specPath.empty() ? nlohmann::json() : nlohmann::json(specPath)},
                       {"problems", specProblems},
                       {"matchesDriver", specMatchesDriver}};
    document["podman"] = {{"version", podman ? nlohmann::json(podman->text()) : nlohmann::json()},
                          {"canUseCdi", podmanCanUse}};
    document["apptainer"] = {{"nvliblist", apptainer.nvliblist},
                             {"found", apptainer.found},
                             {"missing", apptainer.missing},
                             {"ready", apptainer.ready}};
    return document;
}

NvidiaStatus nvidiaStatus(const CommandContext &ctx)
{
    NvidiaStatus status;
    status.plan = planNvidiaSetup(ctx);
    for (const std::string_view path : {kJsonSpecPath, kYamlSpecPath}) {
        const auto text = sysfile::readFileIfExists(ctx.systemPath(path));
        if (!text)
            continue;
        status.specPath = path;
        if (path == kJsonSpecPath) {
            const auto spec = nlohmann::json::parse(*text, nullptr, false);
            status.specProblems = spec.is_discarded() ? std::vector<std::string>{"not valid JSON"} : validateCdiSpec(spec);
        } else if (text->find("cdiVersion") == std::string::npos) {
            status.specProblems.push_back("no cdiVersion in the YAML spec");
        }
        break;
    }
    const auto &files = status.plan.files;
    const bool specCurrent = !files.empty() && !files.front().changes();
    status.specMatchesDriver = !status.specPath.empty() && status.specProblems.empty() && specCurrent
                               && status.plan.recordedDriver == status.plan.host.driverVersion;
    status.podman = process::podmanVersion(ctx);
    status.podmanCanUse = status.podman && *status.podman >= process::kCdiSince && !status.specPath.empty()
                          && status.specProblems.empty();
    status.apptainer = checkApptainer(ctx, ldconfigCache(ctx));
    return status;
}

} // namespace podbay::helper::nvidia
