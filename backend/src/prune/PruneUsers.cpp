#include "PruneUsers.h"

#include "HelperError.h"
#include "storage/TomlValue.h"
#include "subids/UserSource.h"
#include "sysfile/AtomicFile.h"
#include "user/Site.h"

#include <podbay/protocol/Protocol.h>

#include <unistd.h>

namespace podbay::helper::prune {
namespace fs = std::filesystem;
namespace {

constexpr std::uint64_t kNobody = 65534;

PodmanUser fromAccount(const user::Account &account)
{
    return {account.name, account.uid, account.home, account.uid == ::getuid()};
}

void replaceAll(std::string &text, std::string_view from, const std::string &to)
{
    for (std::size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
        text.replace(pos, from.size(), to);
}

} // namespace

std::vector<std::string> podmanArgv(const PodmanUser &user, std::vector<std::string> args)
{
    std::vector<std::string> argv;
    if (!user.self)
        argv = {"runuser", "-u", user.name, "--"};
    argv.push_back("podman");
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

process::SubprocessOptions podmanOptions(std::chrono::milliseconds timeout)
{
    process::SubprocessOptions options;
    options.timeout = timeout;
    options.workingDirectory = "/";
    options.unsetEnvironment = {"XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                                "XDG_STATE_HOME", "CONTAINERS_CONF", "CONTAINERS_STORAGE_CONF",
                                "CONTAINERS_REGISTRIES_CONF", "DBUS_SESSION_BUS_ADDRESS", "TMPDIR"};
    return options;
}

fs::path rootlessStorage(const CommandContext &ctx, const PodmanUser &user)
{
    const fs::path conf = ctx.systemPath("/etc/containers/storage.conf");
    if (const auto text = sysfile::readFileIfExists(conf)) {
        if (auto path = storage::tomlString(*text, conf.string(), {"storage", "rootless_storage_path"})) {
            for (const std::string_view name : {"$USER", "${USER}"})
                replaceAll(*path, name, user.name);
            for (const std::string_view name : {"$UID", "${UID}"})
                replaceAll(*path, name, std::to_string(user.uid));
            for (const std::string_view name : {"$HOME", "${HOME}"})
                replaceAll(*path, name, user.home);
            return *path;
        }
    }
    return fs::path(user.home) / ".local/share/containers/storage";
}

std::vector<PodmanUser> pruneTargets(const CommandContext &ctx, const PruneOptions &options, const PruneSettings &settings)
{
    const bool root = ::geteuid() == 0;
    if (options.user) {
        const auto account = user::lookupAccount(*options.user);
        if (!account)
            throw HelperError(protocol::error::kNotFound, "no user '" + *options.user + "'", "check the name (getent passwd NAME)");
        PodmanUser target = fromAccount(*account);
        if (!target.self && !root)
            throw HelperError(protocol::error::kForbidden, "pruning another user's storage needs root",
                              "run it through sudo, or omit --user to prune your own");
        return {target};
    }
    if (!options.allUsers)
        return {fromAccount(user::currentAccount())};
    if (!root)
        throw HelperError(protocol::error::kForbidden, "--all-users needs root", "run it through sudo (the timer runs as root)");
    std::vector<PodmanUser> targets;
    for (const subids::Account &entry : subids::enumerateNss().accounts) {
        if (entry.uid < settings.minUid || entry.uid == kNobody)
            continue;
        const auto account = user::lookupAccount(entry.name);
        if (!account)
            continue;
        PodmanUser target = fromAccount(*account);
        if (std::error_code ec; fs::is_directory(rootlessStorage(ctx, target), ec))
            targets.push_back(std::move(target));
    }
    return targets;
}

} // namespace podbay::helper::prune
