#pragma once
// Replacing a system file so that a crash or kill -9 at any moment leaves either the old
// or the new complete file (the sequence of shadow-utils' commonio_close and systemd's
// fileio.c): temp file in the same directory with the original owner and mode, every
// write checked, fsync, the previous version kept as FILE-, rename(2) over FILE, fsync
// of the directory. The temp file is unlinked on any failure.
// Callers that share the file with shadow-utils take a ShadowLock first.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace podbay::helper::sysfile {

struct WriteOptions
{
    // Keep the current content as FILE- (like shadow-utils) before replacing it.
    bool keepBackup = true;
    // The current content, when the caller has just read it under the file's lock: the
    // backup is written from it instead of reading the file again (a 2.6 MB /etc/subuid at
    // 100,000 users, bench/subids). It must be exactly what the file holds.
    std::optional<std::string_view> currentContent;
    // Owner and mode for a file that does not exist yet.
    mode_t newFileMode = 0644;
    std::optional<uid_t> newFileOwner;
    std::optional<gid_t> newFileGroup;
};

// Whole content of a file; std::nullopt when it does not exist. Throws HelperError(E_IO)
// on any other error (permission, a directory, ...).
std::optional<std::string> readFileIfExists(const std::filesystem::path &path);

// Writes all of `data` to `fd`, retrying short writes and EINTR. Returns 0 or an errno.
int writeAll(int fd, std::string_view data);

// Replaces `path` with `content` as described above. Throws HelperError(E_IO) naming the
// step that failed; the original file is then untouched.
void writeFileAtomically(const std::filesystem::path &path, std::string_view content, const WriteOptions &options = {});

// Removes temp files a killed writer left next to `path` (FILE.podbay-XXXXXX). Call it only
// while holding the file's lock, so no live writer's temp file is touched.
void removeStaleTempFiles(const std::filesystem::path &path);

} // namespace podbay::helper::sysfile
