#pragma once
// Which filesystem a directory is on, and whether rootless container storage may live
// there. The type comes from statfs(2)'s f_type (magic numbers from <linux/magic.h>,
// and from the vendors' sources for out-of-tree filesystems: Lustre, GPFS, BeeGFS); for
// FUSE, whose f_type is the same for every FUSE filesystem, the type name comes from
// /proc/self/mountinfo (proc(5)), so sshfs is told apart from a local fuse-overlayfs.
// Free space is statvfs(3)'s f_bavail * f_frsize (what an unprivileged user can use).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace podbay::helper::storage {

struct FsInfo
{
    std::uint64_t magic = 0;   // statfs f_type
    std::string mountType;     // FUSE only: the mountinfo type ("fuse.sshfs"), else empty
    std::uint64_t freeBytes = 0;
    std::uint64_t totalBytes = 0;
};

// statfs/statvfs of an existing path. Throws HelperError(E_IO).
FsInfo probeFilesystem(const std::filesystem::path &existing);

// Tests replace the probe to see how a network filesystem is handled (nullptr: the real
// statfs again). Returns the previous probe.
using FsProbe = std::function<FsInfo(const std::filesystem::path &)>;
FsProbe setFsProbe(FsProbe probe);

// "ext2/ext3/ext4", "xfs", "nfs", "fuse.sshfs", or "0x1234abcd" when unknown.
std::string fsTypeName(const FsInfo &info);

// The name of the network or cluster filesystem `info` describes ("NFS", "Lustre",
// "fuse.sshfs", ...), std::nullopt for a local one.
std::optional<std::string> networkFsName(const FsInfo &info);

// The filesystem type of the mount holding `path`, from the text of /proc/self/mountinfo
// (the longest mount point that contains `path`; octal escapes like \040 decoded).
std::string mountTypeFor(std::string_view mountinfo, const std::filesystem::path &path);

// `path` itself when it exists, else its nearest existing parent (what statfs can answer for
// a directory that is still to be created).
std::filesystem::path nearestExisting(const std::filesystem::path &path);

// "12.3 GiB"
std::string humanBytes(std::uint64_t bytes);

} // namespace podbay::helper::storage
