#pragma once
// Which Podman the host has, for features that depend on it: Quadlet units (Podman >= 4.4,
// podman-systemd.unit(5)) and CDI devices (`--device vendor.com/class=name`, Podman >= 4.1).

#include "CommandContext.h"

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace podbay::helper::process {

struct Version
{
    unsigned major = 0;
    unsigned minor = 0;
    unsigned patch = 0;

    auto operator<=>(const Version &) const = default;
    std::string text() const;
};

// "4.3.1", "4.4.0-rc2", "5.0" -> the numbers; std::nullopt for anything else.
std::optional<Version> parseVersion(std::string_view text);

// `podman version --format {{.Client.Version}}` (recording "podman-version.txt" on a
// fixture tree, see HostTool.h); std::nullopt when Podman is not installed or says nothing
// that parses.
std::optional<Version> podmanVersion(const CommandContext &ctx);

inline constexpr Version kQuadletSince{4, 4, 0};
inline constexpr Version kCdiSince{4, 1, 0};

} // namespace podbay::helper::process
