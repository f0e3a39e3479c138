#include "StorageCheck.h"

#include "HelperError.h"
#include "config/TextLines.h"
#include "storage/Filesystem.h"
#include "storage/TomlValue.h"
#include "sysfile/AtomicFile.h"

#include <podbay/protocol/Protocol.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <pwd.h>
#include <unistd.h>

namespace podbay::helper::storage {
namespace fs = std::filesystem;
namespace {

struct UserInfo
{
    std::string name;
    unsigned long uid = 0;
    std::string home;
};

std::optional<UserInfo> fromPasswdFile(const CommandContext &ctx, const std::string &name)
{
    const auto text = sysfile::readFileIfExists(ctx.systemPath("/etc/passwd"));
    std::optional<UserInfo> found;
    config::forEachLine(text.value_or(""), [&](std::string_view line, int) {
        std::vector<std::string_view> fields;
        std::size_t pos = 0;
        for (;;) {
            const std::size_t colon = line.find(':', pos);
            fields.push_back(line.substr(pos, colon - pos));
            if (colon == std::string_view::npos)
                break;
            pos = colon + 1;
        }
        if (!found && fields.size() == 7 && fields[0] == name)
            found = UserInfo{name, std::strtoul(std::string(fields[2]).c_str(), nullptr, 10), std::string(fields[5])};
    });
    return found;
}

UserInfo lookupUser(const CommandContext &ctx, const std::string &name)
{
    std::optional<UserInfo> user;
    if (ctx.root != "/") {
        user = fromPasswdFile(ctx, name);
    } else if (const passwd *pw = ::getpwnam(name.c_str())) {
        user = UserInfo{pw->pw_name, pw->pw_uid, pw->pw_dir};
    }
    if (!user)
        throw HelperError(protocol::error::kNotFound, "no user named '" + name + "'",
                          "give an existing login name with --user");
    return *user;
}

std::string defaultUserName()
{
    if (const char *sudoUser = std::getenv("SUDO_USER"); sudoUser && *sudoUser)
        return sudoUser;
    if (const passwd *pw = ::getpwuid(::getuid()))
        return pw->pw_name;
    return {};
}

// containers/storage's expandEnvPath: $UID first, then the environment of the user's
// Podman ($USER, $HOME; ${NAME} too). Other variables are left as they are and reported.
std::string expand(std::string path, const UserInfo &user, std::vector<std::string> &unknown)
{
    std::string out;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] != '$') {
            out += path[i];
            continue;
        }
        std::size_t end = i + 1;
        std::string name;
        if (end < path.size() && path[end] == '{') {
            const std::size_t close = path.find('}', end);
            if (close == std::string::npos) {
                out += path.substr(i);
                break;
            }
            name = path.substr(end + 1, close - end - 1);
            end = close + 1;
        } else {
            while (end < path.size() && (std::isalnum(static_cast<unsigned char>(path[end])) || path[end] == '_'))
                ++end;
            name = path.substr(i + 1, end - i - 1);
        }
        if (name == "USER")
            out += user.name;
        else if (name == "UID")
            out += std::to_string(user.uid);
        else if (name == "HOME")
            out += user.home;
        else {
            out += path.substr(i, end - i);
            unknown.push_back(name);
        }
        i = end - 1;
    }
    return out;
}

struct SiteSetting
{
    std::string file;                 // the site file that is in effect, empty when none exists
    std::optional<std::string> value; // its rootless_storage_path
};

SiteSetting readSite(const CommandContext &ctx)
{
    for (const char *file : {"/etc/containers/storage.conf", "/usr/share/containers/storage.conf"}) {
        if (const auto text = sysfile::readFileIfExists(ctx.systemPath(file)))
            return {file, tomlString(*text, file, {"storage", "rootless_storage_path"})};
    }
    return {};
}

} // namespace

StorageCheckReport checkStorage(const CommandContext &ctx, const std::optional<std::string> &requested)
{
    StorageCheckReport report;
    nlohmann::json &doc = report.document;
    std::vector<std::string> warnings;
    const SiteSetting site = readSite(ctx);
    doc["site"] = {{"file", site.file.empty() ? nlohmann::json() : nlohmann::json(site.file)},
                   {"rootlessStoragePath", site.value ? nlohmann::json(*site.value) : nlohmann::json()}};
    report.text = site.value ? "site: rootless_storage_path = \"" + *site.value + "\" (" + site.file + ")\n"
                : site.file.empty() ? std::string("site: no storage.conf; users keep images in $HOME/.local/share/containers/storage\n")
                                    : "site: " + site.file + " does not set rootless_storage_path\n";

    const std::string name = requested.value_or(defaultUserName());
    if (name.empty() || (!requested && name == "root")) {
        doc["user"] = nullptr;
        report.text += "(root's Podman is not rootless: give --user NAME for a user's storage)\n";
        doc["warnings"] = warnings;
        doc["ok"] = true;
        return report;
    }
    const UserInfo user = lookupUser(ctx, name);

    std::string graphRoot;
    std::string source;
    const std::string userFile = user.home + "/.config/containers/storage.conf";
    if (const auto text = sysfile::readFileIfExists(ctx.systemPath(userFile))) {
        const auto graph = tomlString(*text, userFile, {"storage", "graphroot"});
        const auto rootless = tomlString(*text, userFile, {"storage", "rootless_storage_path"});
        if (graph || rootless) {
            graphRoot = graph ? *graph : *rootless;
            source = userFile + (graph ? " (graphroot)" : " (rootless_storage_path)");
            warnings.push_back(userFile + " sets " + (graph ? "graphroot" : "rootless_storage_path") + " = \""
                               + graphRoot + "\", which overrides the site's setting for " + user.name);
        } else {
            warnings.push_back(userFile + " exists and replaces the site's storage.conf for " + user.name
                               + " (driver and options); the site's rootless_storage_path still applies");
        }
    }
    if (graphRoot.empty() && site.value) {
        graphRoot = *site.value;
        source = site.file + " (rootless_storage_path)";
    }
    if (graphRoot.empty()) {
        graphRoot = "$HOME/.local/share/containers/storage";
        source = "the default";
    }
    std::vector<std::string> unknown;
    const std::string effective = expand(graphRoot, user, unknown);
    for (const std::string &variable : unknown)
        warnings.push_back("$" + variable + " in \"" + graphRoot + "\" comes from the environment of each Podman run");

    const fs::path onDisk = ctx.systemPath(effective);
    const fs::path probed = nearestExisting(onDisk);
    const FsInfo info = probeFilesystem(probed);
    const auto network = networkFsName(info);
    if (network) {
        warnings.push_back(effective + " is on " + *network
                           + ", a network or cluster filesystem: rootless Podman needs user xattrs and local "
                             "speed (run `podbay-helper storage configure --path DIR` with a local DIR)");
        report.ok = false;
    }
    const fs::path relative = probed.lexically_relative(ctx.root);
    const std::string probedShown = relative == "." ? std::string("/") : "/" + relative.string();
    doc["user"] = {{"name", user.name},
                   {"uid", user.uid},
                   {"graphRoot", effective},
                   {"source", source},
                   {"exists", probed == onDisk},
                   {"filesystem",
                    {{"type", fsTypeName(info)},
                     {"network", network.has_value()},
                     {"checkedPath", probed == onDisk ? effective : probedShown},
                     {"freeBytes", info.freeBytes},
                     {"totalBytes", info.totalBytes}}}};
    report.text += "user " + user.name + ": " + effective + "\n  from: " + source + "\n  filesystem: " + fsTypeName(info)
                 + (network ? " (network: not suitable)" : " (local)")
                 + (probed == onDisk ? "" : " (of " + probedShown + "; the directory does not exist yet)")
                 + "\n  free: " + humanBytes(info.freeBytes) + " of " + humanBytes(info.totalBytes) + "\n";
    for (const std::string &w : warnings)
        report.text += "warning: " + w + "\n";
    doc["warnings"] = warnings;
    doc["ok"] = report.ok;
    return report;
}

} // namespace podbay::helper::storage
