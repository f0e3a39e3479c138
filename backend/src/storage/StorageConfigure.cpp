#include "StorageConfigure.h"

#include "HelperError.h"
#include "storage/StorageConfEdit.h"
#include "sysfile/AtomicFile.h"
#include "sysfile/Audit.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace podbay::helper::storage {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kConf = "/etc/containers/storage.conf";
constexpr std::string_view kDistributionConf = "/usr/share/containers/storage.conf";

// Directories whose mode must never become 1777, and trees the storage must not go into.
constexpr std::array<std::string_view, 13> kSystemDirs{"/",     "/bin",   "/home", "/lib", "/lib32", "/lib64", "/mnt",
                                                       "/media", "/opt", "/root", "/sbin", "/srv",  "/var"};
constexpr std::array<std::string_view, 7> kSystemTrees{"/boot", "/dev", "/etc", "/proc", "/run", "/sys", "/usr"};

std::string octal(mode_t mode)
{
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
    return text;
}

[[noreturn]] void badPath(std::string_view origin, const std::string &dir, const std::string &why,
                          const std::string &hint = "give an absolute path to a directory on a local disk, "
                                                    "e.g. --path /scratch/containers")
{
    throw HelperError(protocol::error::kBadInput, std::string(origin) + " '" + dir + "' " + why, hint);
}

fs::path validatedPath(const std::string &dir, std::string_view origin)
{
    if (dir.empty())
        badPath(origin, dir, "is empty");
    if (dir.front() != '/')
        badPath(origin, dir, "is a relative path; it must start with /");
    for (const char c : dir) {
        const auto u = static_cast<unsigned char>(c);
        // '"' and '\' would need TOML escapes; '$' would be expanded by containers/storage
        // (it substitutes $HOME, $UID, $USER in rootless_storage_path).
        if (u < 0x20 || u == 0x7f || c == '"' || c == '\\' || c == '$')
            badPath(origin, dir, "contains a character that cannot be used here (control characters, \", \\, $)");
    }
    const fs::path given(dir);
    for (const fs::path &part : given)
        if (part == ".." || part == ".")
            badPath(origin, dir, "contains . or .. components");
    fs::path normal = given.lexically_normal();
    if (normal.has_relative_path() && !normal.has_filename())
        normal = normal.parent_path(); // "/scratch/" -> "/scratch"
    const std::string text = normal.string();
    const bool systemDir = std::ranges::find(kSystemDirs, text) != kSystemDirs.end();
    const bool systemTree = std::ranges::any_of(kSystemTrees, [&](std::string_view tree) {
        return text == tree || text.starts_with(std::string(tree) + "/");
    });
    if (systemDir || systemTree)
        badPath(origin, dir, "is a system directory; it would be made world-writable (mode 1777)");
    return normal;
}

StorageDirectory inspectDirectory(const CommandContext &ctx, const fs::path &dir, std::string_view origin)
{
    StorageDirectory d;
    d.path = dir;
    d.onDisk = ctx.systemPath(dir);
    struct stat st{};
    if (::lstat(d.onDisk.c_str(), &st) != 0) {
        if (errno != ENOENT && errno != ENOTDIR)
            throw HelperError(protocol::error::kIo, "cannot inspect " + d.onDisk.string() + ": " + std::strerror(errno));
        return d;
    }
    if (S_ISLNK(st.st_mode))
        badPath(origin, dir.string(), "is a symbolic link", "give the directory it points to");
    if (!S_ISDIR(st.st_mode))
        badPath(origin, dir.string(), "exists and is not a directory");
    if (st.st_uid != ::geteuid())
        badPath(origin, dir.string(),
                "is owned by uid " + std::to_string(st.st_uid)
                    + ", who could remove every user's storage in it (the sticky bit does not protect "
                      "against the directory's owner)",
                "chown root it first, or choose a new directory that podbay-helper creates");
    d.exists = true;
    d.mode = st.st_mode & 07777;
    return d;
}

void refuseNetworkFs(const StorageDirectory &d, const FsInfo &info)
{
    const auto network = networkFsName(info);
    if (!network)
        return;
    char magic[24];
    std::snprintf(magic, sizeof magic, "0x%llx", static_cast<unsigned long long>(info.magic));
    throw HelperError(protocol::error::kNetworkFs,
                      d.path.string() + " is on " + *network + " (" + fsTypeName(info) + ", statfs f_type " + magic
                          + "), a network or cluster filesystem: rootless Podman storage needs user extended "
                            "attributes (user.* xattrs), which NFS has only since Linux 5.9 and many cluster "
                            "filesystems lack, and image layers (many small files) are slow there",
                      "choose a directory on a local disk of this node, e.g. /scratch or /var/tmp; "
                      "`podbay-helper storage check` shows the filesystem of the current setting");
}

} // namespace

std::string StorageDirectory::describe() const
{
    if (!exists)
        return "create " + path.string() + " (mode 1777)";
    if (changes())
        return "chmod 1777 " + path.string() + " (was " + octal(mode) + ")";
    return path.string() + " exists with mode 1777";
}

nlohmann::json StoragePlan::toJson() const
{
    char magic[24];
    std::snprintf(magic, sizeof magic, "0x%llx", static_cast<unsigned long long>(filesystem.magic));
    return {{"path", directory.path.string()},
            {"rootlessStoragePath", rootlessPath},
            {"directory",
             {{"path", directory.path.string()},
              {"action", !directory.exists ? "create" : directory.changes() ? "chmod" : "unchanged"},
              {"mode", directory.exists ? octal(directory.mode) : ""}}},
            {"filesystem",
             {{"type", fsTypeName(filesystem)},
              {"magic", magic},
              {"freeBytes", filesystem.freeBytes},
              {"totalBytes", filesystem.totalBytes}}},
            {"files", nlohmann::json::array({conf.toJson()})},
            {"edit", how},
            {"changed", changes()},
            {"notes", notes}};
}

StoragePlan planStorage(const CommandContext &ctx, const std::string &dir, std::string_view origin)
{
    const fs::path path = validatedPath(dir, origin);
    StoragePlan plan;
    plan.directory = inspectDirectory(ctx, path, origin);
    plan.filesystem = probeFilesystem(nearestExisting(plan.directory.onDisk));
    refuseNetworkFs(plan.directory, plan.filesystem);
    plan.rootlessPath = path.string() + "/$USER/share/containers/storage";

    plan.conf = sysfile::readForChange(ctx, kConf);
    if (plan.conf.before) {
        const ConfEdit edit = setRootlessStoragePath(*plan.conf.before, plan.rootlessPath, std::string(kConf));
        plan.conf.after = edit.text;
        plan.how = edit.how;
    } else if (const auto distribution = sysfile::readFileIfExists(ctx.systemPath(kDistributionConf))) {
        const ConfEdit edit = setRootlessStoragePath(*distribution, plan.rootlessPath, std::string(kDistributionConf));
        plan.conf.after = edit.text;
        plan.how = "created from " + std::string(kDistributionConf) + ", " + edit.how;
    } else {
        plan.conf.after = minimalStorageConf(plan.rootlessPath);
        plan.how = "created (no " + std::string(kDistributionConf) + " to start from)";
    }
    plan.conf.options.newFileMode = 0644;

    if (plan.conf.changes())
        plan.notes.push_back("users' existing images and containers stay where they were (by default "
                             "~/.local/share/containers/storage): Podman starts with an empty store under "
                             + path.string() + " and does not move them");
    if (plan.filesystem.magic == 0x01021994) // TMPFS_MAGIC
        plan.notes.push_back(path.string() + " is on tmpfs: every user's images are lost at reboot");
    constexpr std::uint64_t kLowSpace = 10ULL << 30;
    if (plan.filesystem.totalBytes > 0 && plan.filesystem.freeBytes < kLowSpace)
        plan.notes.push_back("only " + humanBytes(plan.filesystem.freeBytes) + " free on the filesystem of "
                             + path.string());
    return plan;
}

void applyDirectory(const StorageDirectory &directory)
{
    if (!directory.changes())
        return;
    const auto fail = [&](const std::string &what) {
        throw HelperError(protocol::error::kIo, "cannot " + what + " " + directory.onDisk.string() + ": "
                                                    + std::strerror(errno));
    };
    if (!directory.exists) {
        std::error_code ec;
        fs::create_directories(directory.onDisk.parent_path(), ec);
        if (ec)
            throw HelperError(protocol::error::kIo,
                              "cannot create " + directory.onDisk.parent_path().string() + ": " + ec.message());
        if (::mkdir(directory.onDisk.c_str(), 0700) != 0 && errno != EEXIST)
            fail("create");
    }
    // fchmod on the directory itself: O_NOFOLLOW so a symlink put there since the plan is
    // never followed to make its target world-writable.
    const int fd = ::open(directory.onDisk.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        fail("open");
    const int rc = ::fchmod(fd, 01777);
    const int error = errno;
    ::close(fd);
    errno = error;
    if (rc != 0)
        fail("chmod");
}

void applyStorage(const StoragePlan &plan, std::string_view command)
{
    if (plan.directory.changes()) {
        applyDirectory(plan.directory);
        sysfile::audit(command, plan.directory.describe());
    }
    sysfile::applyAll({plan.conf}, command);
}

} // namespace podbay::helper::storage
