#pragma once
// The files besides config.yml that `registry setup` writes: the service unit (distribution
// binary, run through `podbay-helper registry run`), the Quadlet unit (registry:2 under
// Podman >= 4.4), and the registries.conf.d drop-in for Podman, Buildah and Skopeo.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace podbay::helper::registry {

struct RegistrySettings;
struct ListenAddress;

inline constexpr std::string_view kServiceUnitPath = "/etc/systemd/system/podbay-registry.service";
inline constexpr std::string_view kQuadletUnitPath = "/etc/containers/systemd/podbay-registry.container";
inline constexpr std::string_view kRegistriesConfPath = "/etc/containers/registries.conf.d/podbay.conf";
// First words of every file the helper writes here; a file without them is not the
// helper's and is never removed.
inline constexpr std::string_view kWrittenBy = "# Written by podbay-helper";

// The service unit for account `user` (group of the same name, as useradd --user-group makes).
std::string serviceUnit(const RegistrySettings &settings, std::string_view group);

// The Quadlet unit; `uid`/`gid` are the service account's, or std::nullopt in a dry run
// before the account exists.
std::string quadletUnit(const RegistrySettings &settings, std::optional<std::uint32_t> uid,
                        std::optional<std::uint32_t> gid);

// containers-registries.conf(5) drop-in marking a loopback registry insecure (plain http).
// Only for a loopback address: anywhere else plain http would send credentials and images
// over the network unprotected, so nothing is marked and setup warns instead.
std::string registriesConf(const ListenAddress &listen);

} // namespace podbay::helper::registry
