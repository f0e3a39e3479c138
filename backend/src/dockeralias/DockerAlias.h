#pragma once
// `docker` for users who type it out of habit, backed by rootless Podman:
//  - /etc/profile.d/podbay-docker.sh defines `alias docker=podman` in login shells, but only
//    when no real docker is on PATH at that moment (the script checks `command -v docker`
//    itself, so installing Docker later wins without touching this file);
//  - /etc/containers/nodocker is podman-docker's marker: when it exists, podman-docker's
//    /usr/bin/docker wrapper stops printing "Emulate Docker CLI using podman".
// Both files start with a marker comment. `disable` removes a file only when its content is
// exactly what the helper writes; a file an admin changed (or wrote) stays, with a warning.

#include "CommandContext.h"
#include "sysfile/FileChange.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::dockeralias {

inline constexpr std::string_view kProfileScript = "/etc/profile.d/podbay-docker.sh";
inline constexpr std::string_view kNodocker = "/etc/containers/nodocker";

// absent; managed (exactly the helper's content); modified (the helper's marker, other
// content); foreign (no marker: not written by the helper).
enum class FileState { Absent, Managed, Modified, Foreign };
std::string_view stateName(FileState state);

// What the helper writes to each file.
std::string managedContent(std::string_view path);

struct AliasPlan
{
    std::vector<sysfile::FileChange> files;
    std::vector<FileState> states; // the state of each file before the change
    std::vector<std::string> warnings;

    bool changes() const;
    nlohmann::json toJson() const;
};

AliasPlan planAlias(const CommandContext &ctx, bool enable);

struct AliasStatus
{
    FileState profile = FileState::Absent;
    FileState nodocker = FileState::Absent;
    std::optional<std::string> docker; // a `docker` program in the standard PATH directories
    bool dockerIsPodmanWrapper = false;  // podman-docker's script

    bool enabled() const;
    // Whether a login shell gets the alias now (enabled and no docker program found).
    bool aliasAtLogin() const;
    nlohmann::json toJson() const;
    std::string text() const;
};

AliasStatus aliasStatus(const CommandContext &ctx);

} // namespace podbay::helper::dockeralias
