#include "RegistrySetup.h"

#include "HelperError.h"
#include "registry/DistributionBinary.h"
#include "registry/DistributionConfig.h"
#include "registry/RegistryUnits.h"
#include "sysfile/Audit.h"

#include <podbay/protocol/Protocol.h>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace podbay::helper::registry {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kCommand = "registry setup";

// Removal of a file the helper wrote earlier (another unit kind, a registry that stopped
// being loopback); a file without the helper's marker is someone else's and stays.
void removeIfOurs(const CommandContext &ctx, const fs::path &absolute, std::vector<sysfile::FileChange> &files,
                  std::vector<std::string> &warnings, const std::string &why)
{
    sysfile::FileChange change = sysfile::readForChange(ctx, absolute);
    if (!change.before)
        return;
    if (!change.before->starts_with(kWrittenBy)) {
        warnings.push_back(absolute.string() + " exists and was not written by podbay-helper; left as it is (" + why + ")");
        return;
    }
    change.after.reset();
    files.push_back(std::move(change));
}

} // namespace

std::optional<std::string> plainHttpWarning(const RegistrySettings &settings)
{
    if (settings.listen.loopback())
        return std::nullopt;
    return "WARNING: the registry listens on " + settings.listen.text()
           + " WITHOUT TLS: anyone who reaches this port can pull and push images, and clients would send "
             "credentials in clear text. It is not marked insecure in registries.conf.d, so Podman will refuse "
             "plain http to it. Put a TLS-terminating proxy in front of it, or listen on 127.0.0.1.";
}

bool RegistryPlan::changes() const
{
    return !drift().empty();
}

std::vector<std::string> RegistryPlan::drift() const
{
    std::vector<std::string> lines;
    if (!account.exists)
        lines.push_back("service account " + account.name + " does not exist");
    if (!storageExists)
        lines.push_back("storage directory " + settings.storage + " does not exist");
    for (const sysfile::FileChange &file : files)
        if (file.changes())
            lines.push_back(file.displayPath.string() + ": " + file.action());
    return lines;
}

nlohmann::json RegistryPlan::toJson() const
{
    nlohmann::json files_ = nlohmann::json::array();
    for (const sysfile::FileChange &file : files)
        files_.push_back(file.toJson());
    return {{"listen", settings.listen.text()},
            {"loopback", settings.listen.loopback()},
            {"storage", {{"path", settings.storage}, {"exists", storageExists}}},
            {"config", settings.config.string()},
            {"unit", quadlet ? "quadlet" : "service"},
            {"podmanVersion", podman ? nlohmann::json(podman->text()) : nlohmann::json()},
            {"account",
             {{"name", account.name},
              {"exists", account.exists},
              {"uid", account.uid ? nlohmann::json(*account.uid) : nlohmann::json()},
              {"gid", account.gid ? nlohmann::json(*account.gid) : nlohmann::json()},
              {"useradd", useradd}}},
            {"files", files_},
            {"drift", drift()},
            {"warnings", warnings}};
}

RegistryPlan planRegistrySetup(const CommandContext &ctx, const RegistrySettings &settings)
{
    if (settings.storage.empty())
        throw HelperError(protocol::error::kUsage, "registry setup needs a storage directory",
                          "pass --storage DIR (e.g. --storage /srv/registry) or set [registry] storage in "
                          "/etc/podbay/helper.conf");
    RegistryPlan plan;
    plan.settings = settings;
    plan.warnings = settings.warnings;
    plan.podman = process::podmanVersion(ctx);
    plan.quadlet = plan.podman && *plan.podman >= process::kQuadletSince;

    plan.account = lookupServiceAccount(ctx, settings.user);
    if (!plan.account.exists)
        plan.useradd = useraddArgv(ctx, settings.user, settings.uid, settings.storage);
    else if (settings.uid && plan.account.uid != settings.uid)
        plan.warnings.push_back("account " + settings.user + " has uid " + std::to_string(*plan.account.uid)
                                + ", [registry] uid says " + std::to_string(*settings.uid) + "; the account is left as it is");

    struct stat st{};
    const fs::path storage = ctx.systemPath(settings.storage);
    if (::stat(storage.c_str(), &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            throw HelperError(protocol::error::kBadInput, settings.storage + " exists and is not a directory",
                              "choose another --storage");
        plan.storageExists = true;
        if (plan.account.uid && st.st_uid != *plan.account.uid)
            plan.warnings.push_back("storage directory " + settings.storage + " is owned by uid " + std::to_string(st.st_uid)
                                    + ", not by " + settings.user + "; the registry may not be able to write to it");
    }

    plan.files.push_back(sysfile::plannedFile(ctx, settings.config, distributionConfig(settings)));
    if (plan.quadlet) {
        plan.files.push_back(sysfile::plannedFile(ctx, kQuadletUnitPath, quadletUnit(settings, plan.account.uid, plan.account.gid)));
        // The generator makes podbay-registry.service from the .container; a unit of the same
        // name in /etc/systemd/system would take precedence over it.
        removeIfOurs(ctx, kServiceUnitPath, plan.files, plan.warnings, "it would hide the Quadlet unit");
    } else {
        plan.files.push_back(sysfile::plannedFile(ctx, kServiceUnitPath, serviceUnit(settings, plan.account.group)));
        removeIfOurs(ctx, kQuadletUnitPath, plan.files, plan.warnings, "Podman here has no Quadlet");
        if (ctx.root == "/" && !findDistributionBinary(settings))
            plan.warnings.push_back(std::string("no distribution binary (docker-registry or registry) in PATH: ")
                                    + kDistributionInstallHint);
    }
    if (settings.listen.loopback())
        plan.files.push_back(sysfile::plannedFile(ctx, kRegistriesConfPath, registriesConf(settings.listen)));
    else
        removeIfOurs(ctx, kRegistriesConfPath, plan.files, plan.warnings, "it may mark another registry insecure");
    if (const auto warning = plainHttpWarning(settings))
        plan.warnings.insert(plan.warnings.begin(), *warning);
    return plan;
}

RegistryPlan applyRegistrySetup(const CommandContext &ctx, const RegistryPlan &planned)
{
    if (!planned.account.exists) {
        createServiceAccount(planned.useradd);
        sysfile::audit(kCommand, "created service account " + planned.settings.user);
    }
    RegistryPlan plan = planned.account.exists ? planned : planRegistrySetup(ctx, planned.settings);
    if (!plan.account.exists)
        throw HelperError(protocol::error::kIo, "useradd succeeded but account " + plan.settings.user + " is not there",
                          "check /etc/nsswitch.conf passwd: (the account must resolve through NSS)");

    if (!plan.storageExists) {
        const fs::path storage = ctx.systemPath(plan.settings.storage);
        std::error_code ec;
        fs::create_directories(storage.parent_path(), ec);
        if (::mkdir(storage.c_str(), 0750) != 0 && errno != EEXIST)
            throw HelperError(protocol::error::kIo, "cannot create " + storage.string() + ": " + std::strerror(errno),
                              "check the parent directory");
        // chown(2) needs root; only a fixture run by an ordinary user gets here without it.
        if (::geteuid() == 0 && ::chown(storage.c_str(), *plan.account.uid, *plan.account.gid) != 0)
            throw HelperError(protocol::error::kIo, "cannot chown " + storage.string() + ": " + std::strerror(errno));
        sysfile::audit(kCommand, "created storage directory " + plan.settings.storage);
    }
    sysfile::applyAll(plan.files, kCommand);
    return plan;
}

} // namespace podbay::helper::registry
