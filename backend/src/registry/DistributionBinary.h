#pragma once
// The CNCF distribution program: `docker-registry` on Debian/Ubuntu (package
// docker-registry), `registry` on EL (package docker-distribution) and in the registry:2
// image; [registry] binary in helper.conf overrides the search.

#include <filesystem>
#include <optional>
#include <string>

namespace podbay::helper::registry {

struct RegistrySettings;

// Absolute path of the first candidate found in PATH (or the configured absolute path when
// it is executable); std::nullopt when there is none.
std::optional<std::filesystem::path> findDistributionBinary(const RegistrySettings &settings);

// For error hints: what to install.
inline constexpr const char *kDistributionInstallHint =
    "install the CNCF distribution registry: apt-get install docker-registry (Debian/Ubuntu) or "
    "dnf install docker-distribution (EL), or set [registry] binary in /etc/podbay/helper.conf";

} // namespace podbay::helper::registry
