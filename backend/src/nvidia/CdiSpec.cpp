#include "CdiSpec.h"

#include <algorithm>
#include <set>

namespace podbay::helper::nvidia {
namespace {

using nlohmann::json;

bool alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// SPEC.md "kind": vendor (a DNS-subdomain-like prefix) "/" class; class names begin and end
// with an alphanumeric, with - _ in between (and . since spec 0.6.0), at most 63 characters.
bool validKind(const std::string &kind)
{
    const std::size_t slash = kind.find('/');
    if (slash == std::string::npos || kind.find('/', slash + 1) != std::string::npos)
        return false;
    const std::string vendor = kind.substr(0, slash), cls = kind.substr(slash + 1);
    const auto segmentOk = [](const std::string &s, std::string_view inner, std::size_t max) {
        return !s.empty() && s.size() <= max && alnum(s.front()) && alnum(s.back())
            && std::ranges::all_of(s, [&](char c) { return alnum(c) || inner.find(c) != std::string_view::npos; });
    };
    return segmentOk(vendor, "-.", 253) && segmentOk(cls, "-_.", 63);
}

// SPEC.md "devices.name": alphanumerics with - _ . : between, beginning and ending with an
// alphanumeric (a leading digit is allowed since 0.5.0).
bool validDeviceName(const std::string &name)
{
    return !name.empty() && alnum(name.front()) && alnum(name.back())
        && std::ranges::all_of(name, [](char c) { return alnum(c) || c == '-' || c == '_' || c == '.' || c == ':'; });
}

bool absoluteString(const json &value)
{
    return value.is_string() && value.get<std::string>().starts_with('/');
}

void checkEdits(const json &edits, const std::string &where, std::vector<std::string> &problems)
{
    if (!edits.is_object()) {
        problems.push_back(where + " is not an object");
        return;
    }
    static const std::set<std::string> allowed{"env", "deviceNodes", "hooks", "mounts"};
    for (const auto &[key, value] : edits.items())
        if (!allowed.contains(key))
            problems.push_back(where + " has unknown field '" + key + "'");
    const auto each = [&](const char *field, auto &&check) {
        if (!edits.contains(field))
            return;
        if (!edits[field].is_array()) {
            problems.push_back(where + "." + field + " is not an array");
            return;
        }
        for (std::size_t i = 0; i < edits[field].size(); ++i)
            check(edits[field][i], where + "." + field + "[" + std::to_string(i) + "]");
    };
    each("env", [&](const json &e, const std::string &at) {
        if (!e.is_string() || e.get<std::string>().find('=') == std::string::npos)
            problems.push_back(at + " is not NAME=VALUE");
    });
    each("deviceNodes", [&](const json &node, const std::string &at) {
        if (!node.is_object() || !absoluteString(node.value("path", json())))
            problems.push_back(at + " needs an absolute path");
    });
    each("mounts", [&](const json &mount, const std::string &at) {
        if (!mount.is_object() || !absoluteString(mount.value("hostPath", json()))
            || !absoluteString(mount.value("containerPath", json())))
            problems.push_back(at + " needs absolute hostPath and containerPath");
    });
    each("hooks", [&](const json &hook, const std::string &at) {
        // OCI runtime spec, config.md "POSIX-platform Hooks".
        static const std::set<std::string> names{"prestart", "createRuntime", "createContainer", "startContainer",
                                                 "poststart", "poststop"};
        if (!hook.is_object() || !hook.value("hookName", json()).is_string()
            || !names.contains(hook.value("hookName", std::string())) || !absoluteString(hook.value("path", json())))
            problems.push_back(at + " needs a known hookName and an absolute path");
    });
}

nlohmann::ordered_json bindMount(const std::string &path)
{
    // The options nvidia-ctk uses for driver files (read-only, no setuid, no devices).
    return {{"hostPath", path}, {"containerPath", path}, {"options", {"ro", "nosuid", "nodev", "bind"}}};
}

} // namespace

nlohmann::ordered_json makeCdiSpec(const NvidiaHost &host, const std::vector<CachedLibrary> &libraries,
                 const std::vector<std::string> &binaries, const std::vector<std::string> &extraMounts)
{
    using ojson = nlohmann::ordered_json;
    ojson devices = ojson::array();
    ojson allNodes = ojson::array();
    std::size_t index = 0;
    for (const Gpu &gpu : host.gpus) {
        if (gpu.deviceNode.empty() || !gpu.nodeExists)
            continue;
        const ojson node = {{"path", gpu.deviceNode}};
        devices.push_back({{"name", std::to_string(index++)}, {"containerEdits", {{"deviceNodes", {node}}}}});
        allNodes.push_back(node);
    }
    devices.push_back({{"name", "all"}, {"containerEdits", {{"deviceNodes", allNodes}}}});

    ojson common = {{"deviceNodes", ojson::array()}, {"mounts", ojson::array()}};
    for (const std::string &node : host.controlNodes)
        common["deviceNodes"].push_back({{"path", node}});
    std::set<std::string> libraryDirs;
    for (const CachedLibrary &library : libraries) {
        // Mounting the soname path (a symlink on the host) bind-mounts the file it names,
        // so the container sees libcuda.so.1 itself and needs no symlink hook.
        common["mounts"].push_back(bindMount(library.path));
        libraryDirs.insert(library.path.substr(0, library.path.rfind('/')));
    }
    for (const std::string &path : binaries)
        common["mounts"].push_back(bindMount(path));
    for (const std::string &path : extraMounts)
        common["mounts"].push_back(bindMount(path));
    if (!libraryDirs.empty()) {
        // The image's ld.so.cache does not know the mounted libraries: rebuild it in the
        // container before the program starts. startContainer hooks run in the container
        // (OCI runtime spec, config.md), so this is the image's own ldconfig, given the
        // library directories (ldconfig(8): directories on the command line are scanned
        // besides ld.so.conf). Every glibc image has /sbin/ldconfig, and the driver
        // libraries need glibc anyway. With nvidia-ctk installed its spec is used instead,
        // whose update-ldcache hook runs from the host.
        ojson args = {"/sbin/ldconfig"};
        for (const std::string &dir : libraryDirs)
            args.push_back(dir);
        common["hooks"] = ojson::array({{{"hookName", "startContainer"}, {"path", "/sbin/ldconfig"}, {"args", args}}});
    }
    return {{"cdiVersion", kCdiVersion}, {"kind", kCdiKind}, {"devices", devices}, {"containerEdits", common}};
}

std::vector<std::string> validateCdiSpec(const json &spec)
{
    std::vector<std::string> problems;
    if (!spec.is_object())
        return {"the spec is not a JSON object"};
    static const std::set<std::string> topLevel{"cdiVersion", "kind", "devices", "containerEdits", "annotations"};
    for (const auto &[key, value] : spec.items())
        if (!topLevel.contains(key))
            problems.push_back("unknown field '" + key + "'");
    static const std::set<std::string> versions{"0.3.0", "0.4.0", "0.5.0", "0.6.0", "0.7.0", "0.8.0", "1.0.0", "1.1.0"};
    if (!spec.value("cdiVersion", json()).is_string())
        problems.push_back("cdiVersion is missing");
    else if (!versions.contains(spec["cdiVersion"].get<std::string>()))
        problems.push_back("cdiVersion '" + spec["cdiVersion"].get<std::string>() + "' is not a CDI version");
    if (!spec.value("kind", json()).is_string() || !validKind(spec["kind"].get<std::string>()))
        problems.push_back("kind is missing or not vendor.com/class");
    if (!spec.value("devices", json()).is_array() || spec["devices"].empty()) {
        problems.push_back("devices is missing or empty (a spec needs at least one device)");
    } else {
        std::set<std::string> names;
        for (std::size_t i = 0; i < spec["devices"].size(); ++i) {
            const json &device = spec["devices"][i];
            const std::string at = "devices[" + std::to_string(i) + "]";
            if (!device.is_object()) {
                problems.push_back(at + " is not an object");
                continue;
            }
            for (const auto &[key, value] : device.items())
                if (key != "name" && key != "containerEdits" && key != "annotations")
                    problems.push_back(at + " has unknown field '" + key + "'");
            const std::string name = device.value("name", json()).is_string() ? device["name"].get<std::string>() : "";
            if (!validDeviceName(name))
                problems.push_back(at + ".name '" + name + "' is not a valid device name");
            else if (!names.insert(name).second)
                problems.push_back(at + ".name '" + name + "' is used twice");
            if (!device.contains("containerEdits") || device["containerEdits"].empty())
                problems.push_back(at + ".containerEdits is missing or empty");
            else
                checkEdits(device["containerEdits"], at + ".containerEdits", problems);
        }
    }
    if (spec.contains("containerEdits"))
        checkEdits(spec["containerEdits"], "containerEdits", problems);
    return problems;
}

} // namespace podbay::helper::nvidia
