#pragma once
// The settings of the site registry commands: built-in defaults, then
// /etc/podbay/helper.conf [registry] (docs/helper-conf.md), then what the distribution
// config that setup wrote says (for status/gc/run, which take no --storage), then flags.

#include "CommandContext.h"
#include "registry/ListenAddress.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace podbay::helper::registry {

struct RegistryOptions
{
    std::optional<std::string> storage; // --storage
    std::optional<std::string> listen;  // --listen
    bool dryRun = false;
};

struct RegistrySettings
{
    std::string user = "ocireg";            // [registry] user
    std::optional<std::uint32_t> uid;       // [registry] uid (useradd --uid)
    std::string storage;                    // absolute; empty when nothing says where
    ListenAddress listen{"127.0.0.1", 5000};
    std::filesystem::path config = "/etc/podbay/registry/config.yml"; // as the admin knows it
    std::string binary;                     // [registry] binary; empty: docker-registry or registry from PATH
    std::string image = "docker.io/library/registry:2"; // the Quadlet unit's image
    std::vector<std::string> warnings;      // unknown helper.conf keys
};

// Throws HelperError: E_USAGE for a bad --listen/--storage, E_BAD_INPUT naming the
// helper.conf line for a bad setting.
RegistrySettings resolveRegistrySettings(const CommandContext &ctx, const RegistryOptions &options);

// A path that can go into YAML, a systemd unit and a Quadlet Volume= unquoted: absolute,
// normalised (no "." or ".." components, no "//", no trailing "/"), characters
// [A-Za-z0-9._/+-] only. Returns why not, or std::nullopt when fine.
std::optional<std::string> unsafePathReason(std::string_view path);

} // namespace podbay::helper::registry
