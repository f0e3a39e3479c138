#pragma once
// The NVIDIA driver's user-space libraries as the dynamic linker knows them: `ldconfig -p`
// (ldconfig(8); recording "ldconfig-p.txt" on a fixture tree), filtered to the driver's own
// libraries (the list libnvidia-container mounts: compute, utility, video, graphics) for
// this machine's architecture. Also what Apptainer's --nv looks for (nvliblist.conf).

#include "CommandContext.h"

#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::nvidia {

struct CachedLibrary
{
    std::string soname; // "libcuda.so.1"
    std::string flags;  // "libc6,x86-64"
    std::string path;   // "/usr/lib/x86_64-linux-gnu/libcuda.so.1"
};

// Lines "\tNAME (FLAGS) => PATH"; the header and trailer lines are skipped.
std::vector<CachedLibrary> parseLdconfigCache(std::string_view text);

// The ldconfig cache of the host (or the fixture's recording); empty when unavailable.
std::vector<CachedLibrary> ldconfigCache(const CommandContext &ctx);

// Versioned sonames (".so.N...") of NVIDIA driver libraries for the native architecture,
// sorted by path, each path once.
std::vector<CachedLibrary> driverLibraries(const std::vector<CachedLibrary> &cache);

// The driver's command-line tools that exist under --root (nvidia-smi, ...), absolute.
std::vector<std::string> driverBinaries(const CommandContext &ctx);

// The ldconfig flag of this build's architecture ("x86-64", "AArch64", "64bit" for ppc64le).
std::string_view nativeLibraryFlag();

} // namespace podbay::helper::nvidia
