#include "Filesystem.h"

#include "HelperError.h"
#include "config/TextLines.h"
#include "sysfile/AtomicFile.h"

#include <podbay/protocol/Protocol.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>

#include <sys/statfs.h>
#include <sys/statvfs.h>

namespace podbay::helper::storage {
namespace fs = std::filesystem;
namespace {

struct KnownFs
{
    std::uint64_t magic;
    std::string_view name;
    // Network or cluster filesystem: no place for rootless storage.
    std::string_view network;
};

// <linux/magic.h> unless noted.
constexpr std::uint64_t kFuseMagic = 0x65735546; // FUSE_SUPER_MAGIC
constexpr std::array kKnown{
    KnownFs{0xEF53, "ext2/ext3/ext4", {}},           // EXT4_SUPER_MAGIC
    KnownFs{0x58465342, "xfs", {}},                  // XFS_SUPER_MAGIC
    KnownFs{0x9123683E, "btrfs", {}},                // BTRFS_SUPER_MAGIC
    KnownFs{0x01021994, "tmpfs", {}},                // TMPFS_MAGIC
    KnownFs{0x794C7630, "overlay", {}},              // OVERLAYFS_SUPER_MAGIC
    KnownFs{0x2FC12FC1, "zfs", {}},                  // ZFS (OpenZFS zfs_vfsops)
    KnownFs{0xF2F52010, "f2fs", {}},                 // F2FS_SUPER_MAGIC
    KnownFs{kFuseMagic, "fuse", {}},                 // FUSE_SUPER_MAGIC: see mountType
    KnownFs{0x6969, "nfs", "NFS"},                   // NFS_SUPER_MAGIC
    KnownFs{0xFF534D42, "cifs", "CIFS/SMB"},         // CIFS_SUPER_MAGIC
    KnownFs{0xFE534D42, "smb2", "SMB2"},             // SMB2_SUPER_MAGIC
    KnownFs{0x517B, "smb", "SMB"},                   // SMB_SUPER_MAGIC
    KnownFs{0x01021997, "9p", "9p"},                 // V9FS_MAGIC
    KnownFs{0x00C36400, "ceph", "CephFS"},           // CEPH_SUPER_MAGIC
    KnownFs{0x5346414F, "afs", "AFS"},               // AFS_SUPER_MAGIC
    KnownFs{0x6B414653, "afs", "AFS"},               // AFS_FS_MAGIC (kAFS)
    KnownFs{0x7461636F, "ocfs2", "OCFS2"},           // OCFS2_SUPER_MAGIC
    KnownFs{0x01161970, "gfs2", "GFS2"},             // GFS2_MAGIC, <linux/gfs2_ondisk.h>
    KnownFs{0x0BD00BD0, "lustre", "Lustre"},         // LL_SUPER_MAGIC, lustre_user.h
    KnownFs{0x47504653, "gpfs", "GPFS (IBM Storage Scale)"}, // "GPFS", what stat -f reports
    KnownFs{0x19830326, "beegfs", "BeeGFS"},         // BEEGFS_MAGIC, BeeGFS client sources
};

// FUSE filesystems that reach another machine; local ones (fuse-overlayfs) are fine.
constexpr std::array<std::string_view, 5> kNetworkFuse{"fuse.sshfs", "fuse.glusterfs", "fuse.s3fs",
                                                       "fuse.rclone", "fuse.gcsfuse"};

std::mutex g_probeMutex;
FsProbe g_probe;

const KnownFs *known(std::uint64_t magic)
{
    for (const KnownFs &k : kKnown)
        if (k.magic == magic)
            return &k;
    return nullptr;
}

// mountinfo escapes space, tab, newline and backslash as \ooo (proc(5)).
std::string unescapeMountField(std::string_view field)
{
    std::string out;
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            const std::string_view oct = field.substr(i + 1, 3);
            if (oct.find_first_not_of("01234567") == std::string_view::npos) {
                out += static_cast<char>((oct[0] - '0') * 64 + (oct[1] - '0') * 8 + (oct[2] - '0'));
                i += 3;
                continue;
            }
        }
        out += field[i];
    }
    return out;
}

bool contains(const fs::path &mountPoint, const fs::path &path)
{
    auto m = mountPoint.begin();
    auto p = path.begin();
    for (; m != mountPoint.end(); ++m, ++p) {
        if (m->empty())
            continue; // a trailing separator
        if (p == path.end() || *m != *p)
            return false;
    }
    return true;
}

FsInfo statfsProbe(const fs::path &path)
{
    struct statfs sf{};
    if (::statfs(path.c_str(), &sf) != 0)
        throw HelperError(protocol::error::kIo, "cannot statfs " + path.string() + ": " + std::strerror(errno));
    struct statvfs sv{};
    if (::statvfs(path.c_str(), &sv) != 0)
        throw HelperError(protocol::error::kIo, "cannot statvfs " + path.string() + ": " + std::strerror(errno));
    FsInfo info;
    info.magic = static_cast<std::uint64_t>(static_cast<std::uint32_t>(sf.f_type));
    info.freeBytes = static_cast<std::uint64_t>(sv.f_bavail) * sv.f_frsize;
    info.totalBytes = static_cast<std::uint64_t>(sv.f_blocks) * sv.f_frsize;
    if (info.magic == kFuseMagic) {
        std::error_code ec;
        const fs::path canonical = fs::canonical(path, ec);
        const auto mountinfo = sysfile::readFileIfExists("/proc/self/mountinfo");
        info.mountType = mountTypeFor(mountinfo.value_or(""), ec ? path : canonical);
    }
    return info;
}

} // namespace

FsInfo probeFilesystem(const fs::path &existing)
{
    FsProbe probe;
    {
        std::lock_guard lock(g_probeMutex);
        probe = g_probe;
    }
    return probe ? probe(existing) : statfsProbe(existing);
}

FsProbe setFsProbe(FsProbe probe)
{
    std::lock_guard lock(g_probeMutex);
    FsProbe previous = std::move(g_probe);
    g_probe = std::move(probe);
    return previous;
}

std::string fsTypeName(const FsInfo &info)
{
    if (info.magic == kFuseMagic && !info.mountType.empty())
        return info.mountType;
    if (const KnownFs *k = known(info.magic))
        return std::string(k->name);
    char hex[24];
    std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(info.magic));
    return hex;
}

std::optional<std::string> networkFsName(const FsInfo &info)
{
    if (info.magic == kFuseMagic) {
        for (const std::string_view type : kNetworkFuse)
            if (info.mountType == type)
                return std::string(type);
        return std::nullopt;
    }
    if (const KnownFs *k = known(info.magic); k && !k->network.empty())
        return std::string(k->network);
    return std::nullopt;
}

std::string mountTypeFor(std::string_view mountinfo, const fs::path &path)
{
    // proc(5): "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue":
    // field 5 is the mount point; after the " - " separator come type, source, options.
    std::string best;
    std::size_t bestLength = 0;
    bool found = false;
    config::forEachLine(mountinfo, [&](std::string_view line, int) {
        std::size_t pos = 0;
        std::string_view mountPoint;
        for (int field = 0; field < 5; ++field) {
            const std::size_t end = line.find(' ', pos);
            if (end == std::string_view::npos)
                return;
            if (field == 4)
                mountPoint = line.substr(pos, end - pos);
            pos = end + 1;
        }
        const std::size_t sep = line.find(" - ", pos - 1);
        if (sep == std::string_view::npos)
            return;
        const std::string_view rest = line.substr(sep + 3);
        const std::string type(rest.substr(0, rest.find(' ')));
        const std::string point = unescapeMountField(mountPoint);
        // The last of equally long mount points wins: it is mounted on top.
        if (contains(point, path) && (!found || point.size() >= bestLength)) {
            best = type;
            bestLength = point.size();
            found = true;
        }
    });
    return best;
}

fs::path nearestExisting(const fs::path &path)
{
    fs::path p = path;
    std::error_code ec;
    while (!fs::exists(p, ec) && p.has_relative_path())
        p = p.parent_path();
    return p;
}

std::string humanBytes(std::uint64_t bytes)
{
    constexpr std::array<const char *, 6> units{"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = static_cast<double>(bytes);
    std::size_t unit = 0;
    while (value >= 1024 && unit + 1 < units.size()) {
        value /= 1024;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    return text;
}

} // namespace podbay::helper::storage
