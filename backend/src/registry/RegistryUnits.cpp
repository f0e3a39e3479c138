#include "RegistryUnits.h"

#include "registry/RegistrySettings.h"
#include "sysfile/UnitTemplate.h"

namespace podbay::helper::registry {

std::string serviceUnit(const RegistrySettings &settings, std::string_view group)
{
    // Ports below 1024 need CAP_NET_BIND_SERVICE (capabilities(7)); nothing else does.
    const std::string capabilities = settings.listen.port < 1024 ? "CAP_NET_BIND_SERVICE" : "";
    return sysfile::fillTemplate(sysfile::unitTemplate("podbay-registry.service"),
                                 {{"CONFIG", settings.config.string()},
                                  {"USER", settings.user},
                                  {"GROUP", std::string(group)},
                                  {"HELPER", std::string(sysfile::helperExecutable())},
                                  {"STORAGE", settings.storage},
                                  {"CAPABILITIES", capabilities}});
}

std::string quadletUnit(const RegistrySettings &settings, std::optional<std::uint32_t> uid,
                        std::optional<std::uint32_t> gid)
{
    const auto number = [&](std::optional<std::uint32_t> id) {
        return id ? std::to_string(*id) : "(the id useradd gives " + settings.user + ")";
    };
    return sysfile::fillTemplate(sysfile::unitTemplate("podbay-registry.container"),
                                 {{"CONFIG", settings.config.string()},
                                  {"USER", settings.user},
                                  {"UID", number(uid)},
                                  {"GID", number(gid)},
                                  {"IMAGE", settings.image},
                                  {"STORAGE", settings.storage}});
}

std::string registriesConf(const ListenAddress &listen)
{
    return std::string(kWrittenBy)
           + " registry setup. The site registry listens on loopback without TLS,\n"
             "# so Podman, Buildah and Skopeo may use plain http for it, and only for it\n"
             "# (containers-registries.conf(5): [[registry]] insecure).\n"
             "[[registry]]\n"
             "location = \""
           + listen.text() + "\"\ninsecure = true\n";
}

} // namespace podbay::helper::registry
