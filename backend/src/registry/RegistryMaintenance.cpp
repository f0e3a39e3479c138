#include "RegistryMaintenance.h"

#include "HelperError.h"
#include "config/TextLines.h"
#include "process/PodmanVersion.h"
#include "process/Subprocess.h"
#include "registry/DistributionBinary.h"
#include "registry/DistributionConfig.h"
#include "registry/RegistrySetup.h"
#include "registry/RegistryUnits.h"
#include "sysfile/AtomicFile.h"
#include "sysfile/Audit.h"

#include <podbay/protocol/Protocol.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

namespace podbay::helper::registry {
namespace fs = std::filesystem;
namespace {

std::string readConfigOrThrow(const CommandContext &ctx, const RegistrySettings &settings)
{
    const auto text = sysfile::readFileIfExists(ctx.systemPath(settings.config));
    if (!text)
        throw HelperError(protocol::error::kNotFound, "no registry configuration at " + settings.config.string(),
                          "run: podbay-helper registry setup --storage DIR");
    return *text;
}

// Without a distribution binary on a Quadlet host, the collector runs in the same image
// as the service (registry:2's entrypoint passes `garbage-collect ...` to /bin/registry).
std::vector<std::string> gcInContainer(const RegistrySettings &settings, bool dryRun)
{
    std::vector<std::string> argv{"podman", "run", "--rm", "--network", "none",
                                  "--volume", settings.storage + ":" + settings.storage + ":Z",
                                  "--volume", settings.config.string() + ":/etc/docker/registry/config.yml:ro,Z",
                                  settings.image, "garbage-collect", "--delete-untagged"};
    if (dryRun)
        argv.push_back("--dry-run");
    argv.push_back("/etc/docker/registry/config.yml");
    return argv;
}

} // namespace

nlohmann::json RegistryStatus::toJson(const RegistrySettings &settings) const
{
    return {{"configured", configured},
            {"config", settings.config.string()},
            {"address", settings.listen.text()},
            {"reachable", reach.reachable},
            {"httpStatus", reach.httpStatus},
            {"apiVersion", reach.apiVersion},
            {"error", reach.error},
            {"repositories", repositories ? nlohmann::json(*repositories) : nlohmann::json()},
            {"repositoryNames", repositoryNames},
            {"catalogError", catalogError},
            {"storage", {{"path", settings.storage}, {"exists", storage.exists}, {"bytes", storage.bytes}}},
            {"drift", drift},
            {"warnings", warnings}};
}

RegistryStatus registryStatus(const CommandContext &ctx, const RegistrySettings &settings)
{
    RegistryStatus status;
    status.configured = fs::exists(ctx.systemPath(settings.config));
    status.warnings = settings.warnings;
    status.reach = probeRegistry(settings.listen);
    if (status.reach.reachable) {
        try {
            status.repositoryNames = listRepositories(settings.listen);
            status.repositories = status.repositoryNames.size();
        } catch (const HelperError &e) {
            status.catalogError = e.what();
        }
    }
    if (!settings.storage.empty()) {
        status.storage = sysfile::diskUsage(ctx.systemPath(settings.storage));
        const RegistryPlan plan = planRegistrySetup(ctx, settings);
        status.drift = plan.drift();
        if (const auto warning = plainHttpWarning(settings))
            status.warnings.push_back(*warning);
    } else {
        status.drift.push_back("not set up: no storage directory is configured");
    }
    return status;
}

GcResult registryGc(const CommandContext &ctx, const RegistrySettings &settings, bool dryRun)
{
    const DistributionConfig config = parseDistributionConfig(readConfigOrThrow(ctx, settings));
    if (settings.storage.empty())
        throw HelperError(protocol::error::kBadInput, settings.config.string() + " names no storage.filesystem.rootdirectory",
                          "run: podbay-helper registry setup --storage DIR");
    const Reachability reach = probeRegistry(settings.listen);
    if (reach.reachable && !config.readOnly)
        throw HelperError(protocol::error::kBusy,
                          "the registry at " + settings.listen.text()
                              + " is running; garbage collection while it accepts pushes can delete blobs of an upload in progress",
                          "stop it first (systemctl stop podbay-registry), or set storage.maintenance.readonly.enabled: true");

    GcResult result;
    if (const auto binary = findDistributionBinary(settings)) {
        result.argv = {binary->string(), "garbage-collect", "--delete-untagged"};
        if (dryRun)
            result.argv.push_back("--dry-run");
        result.argv.push_back(ctx.systemPath(settings.config).string());
    } else if (const auto podman = process::podmanVersion(ctx);
               podman && *podman >= process::kQuadletSince && fs::exists(ctx.systemPath(kQuadletUnitPath))) {
        result.argv = gcInContainer(settings, dryRun);
    } else {
        throw HelperError(protocol::error::kNotFound, "no distribution binary (docker-registry or registry) in PATH",
                          kDistributionInstallHint);
    }

    const fs::path storage = ctx.systemPath(settings.storage);
    result.before = sysfile::diskUsage(storage);
    process::SubprocessOptions options;
    options.timeout = std::chrono::hours(6); // mark and sweep walks every manifest
    const process::SubprocessResult run = process::runSubprocess(result.argv, options);
    if (!run.succeeded())
        throw HelperError(protocol::error::kIo, "garbage-collect failed (" + run.describe() + "): " + config::lastLine(run.err + run.out),
                          "see the registry's storage for damage; the command was: " + result.argv.front() + " garbage-collect");
    result.after = sysfile::diskUsage(storage);
    result.summary = config::lastLine(run.out.empty() ? run.err : run.out);
    if (!dryRun)
        sysfile::audit("registry gc", "freed " + std::to_string(result.freed()) + " bytes in " + settings.storage);
    return result;
}

void registryRun(const CommandContext &ctx, const RegistrySettings &settings)
{
    readConfigOrThrow(ctx, settings);
    const auto binary = findDistributionBinary(settings);
    if (!binary)
        throw HelperError(protocol::error::kNotFound, "no distribution binary (docker-registry or registry) in PATH",
                          kDistributionInstallHint);
    const std::string config = ctx.systemPath(settings.config).string();

    // Under systemd the unit's User= already made us the service account; started by root
    // (the local login node has no systemd) we become it here, as the unit would.
    if (::geteuid() == 0) {
        const passwd *pw = ::getpwnam(settings.user.c_str());
        if (!pw)
            throw HelperError(protocol::error::kNotFound, "service account " + settings.user + " does not exist",
                              "run: podbay-helper registry setup --storage DIR (it creates the account)");
        if (pw->pw_uid == 0)
            throw HelperError(protocol::error::kForbidden, "refusing to run the registry as root ([registry] user = "
                                                              + settings.user + ")",
                              "set [registry] user to an unprivileged account");
        const uid_t uid = pw->pw_uid;
        const gid_t gid = pw->pw_gid;
        if (::initgroups(settings.user.c_str(), gid) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0)
            throw HelperError(protocol::error::kIo, std::string("cannot become ") + settings.user + ": " + std::strerror(errno));
        if (::setuid(0) == 0) // setuid(2): dropping must be irreversible
            throw HelperError(protocol::error::kInternal, "could regain root after dropping privileges");
    }

    ctx.out.flush();
    std::cout.flush();
    const std::string program = binary->string();
    std::vector<char *> argv{const_cast<char *>(program.c_str()), const_cast<char *>("serve"),
                             const_cast<char *>(config.c_str()), nullptr};
    ::execv(argv[0], argv.data());
    throw HelperError(protocol::error::kIo, "cannot run " + program + ": " + std::strerror(errno), kDistributionInstallHint);
}

} // namespace podbay::helper::registry
