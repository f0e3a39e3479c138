#pragma once
// `storage check [--user NAME]`: where a user's rootless Podman keeps its images, as
// containers/storage (types/options.go) decides it:
//  1. the user's own ~/.config/containers/storage.conf, when it exists, replaces the site
//     file: its graphroot, else its rootless_storage_path, else the site's setting;
//  2. the site file (/etc/containers/storage.conf, else /usr/share/containers/storage.conf):
//     rootless_storage_path with $USER, $UID and $HOME substituted;
//  3. otherwise $HOME/.local/share/containers/storage.
// Then the filesystem of that directory (or of its nearest existing parent) and its free
// space. A user override is a warning; storage on a network filesystem makes the check fail.

#include "CommandContext.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace podbay::helper::storage {

struct StorageCheckReport
{
    nlohmann::json document;
    std::string text;
    bool ok = true;
};

// `user` defaults to SUDO_USER, else the calling user. Under --root other than /, users are
// read from ROOT/etc/passwd (so fixtures need no real accounts), else through NSS.
// Throws HelperError(E_NOT_FOUND) for an unknown user, E_BAD_INPUT for an invalid file.
StorageCheckReport checkStorage(const CommandContext &ctx, const std::optional<std::string> &user);

} // namespace podbay::helper::storage
