#include "DriverLibraries.h"

#include "config/TextLines.h"
#include "process/HostTool.h"

#include <algorithm>
#include <filesystem>

namespace podbay::helper::nvidia {
namespace {

// The driver's libraries (libnvidia-container, src/nvc_info.c: utility, compute, video,
// graphics and ngx libraries); CUDA toolkit libraries (libcudart, libcublas) belong in
// the image and are not listed.
constexpr std::string_view kDriverLibraries[] = {
    "libnvidia-ml", "libnvidia-cfg", "libcuda", "libcudadebugger", "libnvidia-opencl", "libnvidia-gpucomp",
    "libnvidia-ptxjitcompiler", "libnvidia-fatbinaryloader", "libnvidia-allocator", "libnvidia-compiler",
    "libnvidia-pkcs11", "libnvidia-pkcs11-openssl3", "libnvidia-nvvm", "libnvidia-ngx", "libvdpau_nvidia",
    "libnvidia-encode", "libnvidia-opticalflow", "libnvcuvid", "libnvidia-eglcore", "libnvidia-glcore",
    "libnvidia-tls", "libnvidia-glsi", "libnvidia-fbc", "libnvidia-ifr", "libnvidia-rtcore", "libnvoptix",
    "libGLX_nvidia", "libEGL_nvidia", "libGLESv2_nvidia", "libGLESv1_CM_nvidia", "libnvidia-glvkspirv",
    "libnvidia-cbl"};

constexpr std::string_view kDriverBinaries[] = {"/usr/bin/nvidia-smi", "/usr/bin/nvidia-debugdump",
                                                "/usr/bin/nvidia-persistenced", "/usr/bin/nvidia-cuda-mps-control",
                                                "/usr/bin/nvidia-cuda-mps-server"};

bool isDriverLibrary(std::string_view soname)
{
    const std::size_t so = soname.find(".so.");
    if (so == std::string_view::npos)
        return false; // the unversioned "libcuda.so" is a development link
    return std::ranges::find(kDriverLibraries, soname.substr(0, so)) != std::end(kDriverLibraries);
}

} // namespace

std::string_view nativeLibraryFlag()
{
#if defined(__x86_64__)
    return "x86-64";
#elif defined(__aarch64__)
    return "AArch64";
#elif defined(__powerpc64__)
    return "64bit";
#else
    return "";
#endif
}

std::vector<CachedLibrary> parseLdconfigCache(std::string_view text)
{
    std::vector<CachedLibrary> libraries;
    config::forEachLine(text, [&](std::string_view line, int) {
        const std::size_t open = line.find(" (");
        const std::size_t close = line.find(") => ");
        if (line.empty() || (line.front() != '\t' && line.front() != ' ') || open == std::string_view::npos
            || close == std::string_view::npos || close < open)
            return;
        const std::string_view name = line.substr(line.find_first_not_of(" \t"), open - line.find_first_not_of(" \t"));
        libraries.push_back({std::string(name), std::string(line.substr(open + 2, close - open - 2)),
                             std::string(line.substr(close + 5))});
    });
    return libraries;
}

std::vector<CachedLibrary> ldconfigCache(const CommandContext &ctx)
{
    // ldconfig lives in /sbin (usr-merged: /usr/sbin), which an admin's PATH may lack.
    auto output = process::hostTool(ctx, "ldconfig-p.txt", {"/sbin/ldconfig", "-p"});
    if (!output.succeeded)
        return {};
    return parseLdconfigCache(output.out);
}

std::vector<CachedLibrary> driverLibraries(const std::vector<CachedLibrary> &cache)
{
    const std::string_view native = nativeLibraryFlag();
    std::vector<CachedLibrary> selected;
    for (const CachedLibrary &library : cache) {
        if (!isDriverLibrary(library.soname) || library.flags.find(native) == std::string::npos)
            continue;
        if (std::ranges::find(selected, library.path, &CachedLibrary::path) == selected.end())
            selected.push_back(library);
    }
    std::ranges::sort(selected, {}, &CachedLibrary::path);
    return selected;
}

std::vector<std::string> driverBinaries(const CommandContext &ctx)
{
    std::vector<std::string> found;
    std::error_code ec;
    for (const std::string_view binary : kDriverBinaries)
        if (std::filesystem::exists(ctx.systemPath(binary), ec))
            found.emplace_back(binary);
    return found;
}

} // namespace podbay::helper::nvidia
