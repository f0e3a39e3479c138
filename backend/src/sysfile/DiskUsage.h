#pragma once
// Space a directory tree takes on disk, as `du -s -x -B1` counts it (du(1), POSIX): allocated
// blocks (st_blocks * 512, so sparse files count what they use), hard links once, symbolic
// links not followed, and only the filesystem the tree starts on (a fuse-overlayfs mount of
// a running rootless container below a user's storage is not entered; root cannot read it).

#include <cstdint>
#include <filesystem>

namespace podbay::helper::sysfile {

struct DiskUsage
{
    std::uint64_t bytes = 0;
    std::uint64_t entries = 0;
    std::uint64_t unreadable = 0; // directories that could not be listed (permissions)
    bool exists = false;
};

// Never throws: a missing path gives exists = false and 0 bytes.
DiskUsage diskUsage(const std::filesystem::path &path);

} // namespace podbay::helper::sysfile
