#pragma once
// The registry's service account: looked up in NSS on the real system, in ROOT/etc/passwd
// and ROOT/etc/group on a fixture tree; created with useradd(8) (argv, no shell).

#include "CommandContext.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace podbay::helper::registry {

struct ServiceAccount
{
    std::string name;
    bool exists = false;
    std::optional<std::uint32_t> uid;
    std::optional<std::uint32_t> gid;
    std::string group; // primary group's name (the user name until it exists)
};

ServiceAccount lookupServiceAccount(const CommandContext &ctx, const std::string &name);

// useradd --system --user-group ... NAME; `--prefix ROOT` on a fixture tree (shadow-utils
// >= 4.9: edits ROOT/etc/passwd etc. without chroot). The home is the storage directory
// (created separately), the shell nologin: nobody logs in as the registry.
std::vector<std::string> useraddArgv(const CommandContext &ctx, const std::string &name,
                                     std::optional<std::uint32_t> uid, const std::string &home);

// Runs useradd. Throws HelperError(E_IO) with useradd's message when it fails.
void createServiceAccount(const std::vector<std::string> &argv);

} // namespace podbay::helper::registry
