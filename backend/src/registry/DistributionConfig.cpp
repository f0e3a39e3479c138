#include "DistributionConfig.h"

#include "config/TextLines.h"
#include "registry/RegistrySettings.h"

#include <utility>
#include <vector>

namespace podbay::helper::registry {
namespace {

std::string_view trim(std::string_view s)
{
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

std::string unquote(std::string_view value)
{
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
        return std::string(value.substr(1, value.size() - 2));
    // A plain scalar ends at " #" (a comment).
    return std::string(trim(value.substr(0, value.find(" #"))));
}

bool truthy(const std::optional<std::string> &value)
{
    return value && (*value == "true" || *value == "True" || *value == "TRUE" || *value == "yes");
}

} // namespace

std::string distributionConfig(const RegistrySettings &s)
{
    return "# Written by podbay-helper registry setup; edits are overwritten by the next setup and\n"
           "# shown as drift by `podbay-helper registry status`. Settings: /etc/podbay/helper.conf [registry].\n"
           "# CNCF distribution configuration: https://distribution.github.io/distribution/about/configuration/\n"
           "version: 0.1\n"
           "log:\n"
           "  level: info\n"
           "  formatter: text\n"
           "  fields:\n"
           "    service: podbay-registry\n"
           "storage:\n"
           "  filesystem:\n"
           "    rootdirectory: \"" + s.storage + "\"\n"
           "  # Deleting manifests through the API; `podbay-helper registry gc` then frees the blobs.\n"
           "  delete:\n"
           "    enabled: true\n"
           "  cache:\n"
           "    blobdescriptor: inmemory\n"
           "http:\n"
           "  addr: \"" + s.listen.text() + "\"\n"
           "  headers:\n"
           "    X-Content-Type-Options: [nosniff]\n"
           "# /debug/health reports unhealthy after 3 failed checks of the storage driver.\n"
           "health:\n"
           "  storagedriver:\n"
           "    enabled: true\n"
           "    interval: 10s\n"
           "    threshold: 3\n";
}

DistributionConfig parseDistributionConfig(std::string_view yaml)
{
    std::vector<std::pair<std::size_t, std::string>> stack; // (indent, key) of open mappings
    DistributionConfig config;
    std::optional<std::string> readOnly, deleteEnabled;
    config::forEachLine(yaml, [&](std::string_view line, int) {
        const std::string_view content = trim(line);
        if (content.empty() || content.front() == '#' || content.front() == '-')
            return;
        const std::size_t indent = line.find_first_not_of(' ');
        const std::size_t colon = content.find(':');
        if (colon == std::string_view::npos)
            return;
        while (!stack.empty() && stack.back().first >= indent)
            stack.pop_back();
        const std::string key = unquote(trim(content.substr(0, colon)));
        const std::string_view rest = trim(content.substr(colon + 1));
        if (rest.empty() || rest.front() == '#') {
            stack.emplace_back(indent, key);
            return;
        }
        std::string path;
        for (const auto &[depth, name] : stack)
            path += name + ".";
        path += key;
        const std::string value = unquote(rest);
        if (path == "storage.filesystem.rootdirectory")
            config.rootDirectory = value;
        else if (path == "http.addr")
            config.addr = value;
        else if (path == "storage.maintenance.readonly.enabled")
            readOnly = value;
        else if (path == "storage.delete.enabled")
            deleteEnabled = value;
    });
    config.readOnly = truthy(readOnly);
    config.deleteEnabled = truthy(deleteEnabled);
    return config;
}

} // namespace podbay::helper::registry
