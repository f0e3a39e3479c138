#pragma once
// What the user methods need from /etc/podbay/helper.conf (docs/helper-conf.md) and from
// the account database: the site registry, Slurm's configuration, and who the caller is.

#include "CommandContext.h"
#include "validate/ImageReference.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace podbay::helper::user {

struct Site
{
    std::string registry;  // host:port of the site registry, "" when none is configured
    bool insecure = false; // plain http: only ever for a registry on loopback
    std::string slurmConf; // [slurm] conf, passed to Slurm tools as SLURM_CONF
};

// Reads [registry] address and [slurm] conf. A registry on 127.0.0.0/8, ::1 or
// localhost is plain http (what `registry setup` writes to registries.conf.d).
Site loadSite(const CommandContext &ctx);

struct Account
{
    std::string name;
    uid_t uid = 0;
    gid_t gid = 0;
    std::string home;
    std::string gecos;
    std::string primaryGroup;
};

// getpwnam(3)/getgrgid(3); std::nullopt when there is no such user.
std::optional<Account> lookupAccount(const std::string &name);
// The account the helper runs as (the caller, in the unprivileged server).
Account currentAccount();

// The user's registry namespace (site convention: primary group, see validate/Names.h).
std::string namespaceOf(const Account &account);

// A reference the user typed; without a registry it means the site registry (podman's
// short-name resolution would ask on a terminal the helper does not have).
validate::ImageReference resolveImage(const Site &site, const std::string &text);

// The lines a user copies to use `image` ({"podman", "apptainerPull", "apptainerExec"},
// docs/protocol.md images.publish `run`), with the flags the site registry needs.
nlohmann::json runLinesJson(const Site &site, const validate::ImageReference &image);

// {"--tls-verify=false"} for the plain-http site registry on loopback, else nothing.
std::vector<std::string> tlsArgs(const Site &site, const validate::ImageReference &image);

} // namespace podbay::helper::user
