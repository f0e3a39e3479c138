#pragma once
// The CNCF distribution (docker-registry 2.x, registry:2) configuration file the helper
// writes, and the few values it reads back from whatever file is there.
// Format: https://distribution.github.io/distribution/about/configuration/ (Debian:
// /usr/share/doc/docker-registry/configuration.md). Written as text, not through a YAML
// library: the values are checked to need no quoting beyond "..." (RegistrySettings.h).

#include <optional>
#include <string>
#include <string_view>

namespace podbay::helper::registry {

struct RegistrySettings;

// The whole config.yml for `settings`.
std::string distributionConfig(const RegistrySettings &settings);

struct DistributionConfig
{
    std::optional<std::string> rootDirectory; // storage.filesystem.rootdirectory
    std::optional<std::string> addr;          // http.addr
    bool readOnly = false;                    // storage.maintenance.readonly.enabled
    bool deleteEnabled = false;               // storage.delete.enabled
};

// Block mappings only ("key: value" nested by indentation, # comments, quoted scalars);
// flow collections and sequences are skipped. Never throws: what it cannot read is unset.
DistributionConfig parseDistributionConfig(std::string_view yaml);

} // namespace podbay::helper::registry
