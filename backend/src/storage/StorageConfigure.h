#pragma once
// `storage configure --path DIR`: rootless Podman storage for every user under DIR on a
// local disk. Sets rootless_storage_path = "DIR/$USER/share/containers/storage" in the
// [storage] table of /etc/containers/storage.conf (containers-storage.conf(5); the file
// is created from the distribution's /usr/share/containers/storage.conf when absent) and
// creates DIR with mode 1777, so each user's Podman creates its own DIR/USER on first use
// (as /tmp: sticky, so nobody removes another user's directory).
// DIR on a network or cluster filesystem is refused: rootless storage needs user extended
// attributes, which NFS gained only in Linux 5.9 (RFC 8276) and many cluster filesystems
// lack, and image layers are many small files that are slow on such filesystems.

#include "CommandContext.h"
#include "storage/Filesystem.h"
#include "sysfile/FileChange.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace podbay::helper::storage {

struct StorageDirectory
{
    std::filesystem::path path;   // as users see it: /scratch/containers
    std::filesystem::path onDisk; // under --root
    bool exists = false;
    mode_t mode = 0; // current permission bits when it exists

    bool changes() const { return !exists || (mode & 07777) != 01777; }
    // "create /scratch/containers (mode 1777)", "chmod 1777 /scratch/containers (was 0755)".
    std::string describe() const;
};

struct StoragePlan
{
    std::string rootlessPath; // DIR/$USER/share/containers/storage
    StorageDirectory directory;
    sysfile::FileChange conf;
    std::string how; // what the edit of storage.conf does
    FsInfo filesystem;
    std::vector<std::string> notes;

    bool changes() const { return directory.changes() || conf.changes(); }
    nlohmann::json toJson() const;
};

// `origin` names where DIR came from in error messages ("--path", "helper.conf [storage] path").
// Throws HelperError: E_BAD_INPUT for a path that is relative, has .. or characters that
// cannot go into the file, is a system directory, a symlink, not a directory or owned by
// another user; E_NETWORK_FS for a network or cluster filesystem; E_IO when unreadable.
StoragePlan planStorage(const CommandContext &ctx, const std::string &dir, std::string_view origin);

// Creates or chmods the directory (no-op when it is right). Throws HelperError(E_IO).
void applyDirectory(const StorageDirectory &directory);

// The directory first (storage.conf must never point at a directory that is not there),
// then the file; one audit line each.
void applyStorage(const StoragePlan &plan, std::string_view command);

} // namespace podbay::helper::storage
