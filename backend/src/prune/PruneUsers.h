#pragma once
// Whose rootless storage `prune` cleans, and how podman runs as them.
//  - no option: the caller's own storage (podman runs directly);
//  - --user NAME: that user's, as root through runuser(1) (or directly when NAME is the caller);
//  - --all-users: as root, every account from [prune] min_uid up that has rootless storage
//    (so a podman that was never used is not started for thousands of directory users).

#include "CommandContext.h"
#include "prune/PruneSettings.h"
#include "process/Subprocess.h"

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace podbay::helper::prune {

struct PodmanUser
{
    std::string name;
    uid_t uid = 0;
    std::string home;
    bool self = false; // the helper already runs as this user
};

// Throws HelperError: E_NOT_FOUND for an unknown user, E_FORBIDDEN for another user's
// storage without root, E_BAD_NAME for a name that is not a user name.
std::vector<PodmanUser> pruneTargets(const CommandContext &ctx, const PruneOptions &options, const PruneSettings &settings);

// `podman ARGS...` as `user`: `runuser -u NAME -- podman ARGS...` unless it is the caller.
std::vector<std::string> podmanArgv(const PodmanUser &user, std::vector<std::string> args);

// The environment rules of platform.md: no XDG_RUNTIME_DIR (a /run/user/UID that does not
// exist breaks rootless podman; without it podman uses /tmp/podman-run-UID), none of root's
// XDG or CONTAINERS_* variables (they would point the user's podman at root's files), and
// "/" as working directory (the user may not be able to enter root's).
process::SubprocessOptions podmanOptions(std::chrono::milliseconds timeout);

// Where the user's rootless storage is: containers-storage.conf(5) rootless_storage_path
// from ROOT/etc/containers/storage.conf ($USER, $UID and $HOME expanded), else
// ~/.local/share/containers/storage.
std::filesystem::path rootlessStorage(const CommandContext &ctx, const PodmanUser &user);

} // namespace podbay::helper::prune
