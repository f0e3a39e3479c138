#include "DistributionBinary.h"

#include "registry/RegistrySettings.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <vector>

#include <unistd.h>

namespace podbay::helper::registry {

std::optional<std::filesystem::path> findDistributionBinary(const RegistrySettings &settings)
{
    const std::vector<std::string> names =
        settings.binary.empty() ? std::vector<std::string>{"docker-registry", "registry"}
                                : std::vector<std::string>{settings.binary};
    // The PATH of a root shell on both families when the environment has none (sudo's
    // secure_path, systemd's default).
    const char *env = std::getenv("PATH");
    const std::string_view path = env && *env ? env : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    for (const std::string &name : names) {
        if (name.front() == '/') {
            if (::access(name.c_str(), X_OK) == 0)
                return std::filesystem::path(name);
            continue;
        }
        for (std::size_t pos = 0; pos <= path.size();) {
            const std::size_t end = std::min(path.find(':', pos), path.size());
            const std::string_view dir = path.substr(pos, end - pos);
            pos = end + 1;
            if (dir.empty() || dir.front() != '/')
                continue; // a relative PATH entry would depend on the working directory
            const std::filesystem::path candidate = std::filesystem::path(dir) / name;
            if (::access(candidate.c_str(), X_OK) == 0 && std::filesystem::is_regular_file(candidate))
                return candidate;
        }
    }
    return std::nullopt;
}

} // namespace podbay::helper::registry
