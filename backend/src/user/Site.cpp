#include "Site.h"

#include "HelperError.h"
#include "config/IniFile.h"
#include "validate/Names.h"
#include "workflow/RunLines.h"

#include <podbay/protocol/Protocol.h>

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <vector>

namespace podbay::helper::user {
namespace {

bool loopbackHost(const std::string &address)
{
    std::string host = address;
    if (host.starts_with('[')) // [::1]:5000
        host = host.substr(1, host.find(']') - 1);
    else
        host = host.substr(0, host.rfind(':'));
    return host == "localhost" || host == "::1" || host.starts_with("127.");
}

Account fromPasswd(const passwd &pw)
{
    Account account;
    account.name = pw.pw_name;
    account.uid = pw.pw_uid;
    account.gid = pw.pw_gid;
    account.home = pw.pw_dir ? pw.pw_dir : "";
    // GECOS: the full name is the first comma-separated field (passwd(5)).
    const std::string gecos = pw.pw_gecos ? pw.pw_gecos : "";
    account.gecos = gecos.substr(0, gecos.find(','));
    std::vector<char> buffer(16384);
    group gr{};
    group *found = nullptr;
    if (::getgrgid_r(pw.pw_gid, &gr, buffer.data(), buffer.size(), &found) == 0 && found)
        account.primaryGroup = found->gr_name;
    return account;
}

} // namespace

Site loadSite(const CommandContext &ctx)
{
    const auto path = ctx.configPath.empty() ? ctx.systemPath("/etc/podbay/helper.conf") : ctx.configPath;
    const config::IniFile conf = config::IniFile::load(path);
    Site site;
    site.registry = conf.string("registry", "address").value_or("");
    site.insecure = !site.registry.empty() && loopbackHost(site.registry);
    site.slurmConf = conf.string("slurm", "conf").value_or("");
    return site;
}

std::optional<Account> lookupAccount(const std::string &name)
{
    validate::checkUserName(name);
    std::vector<char> buffer(16384);
    passwd pw{};
    passwd *found = nullptr;
    if (::getpwnam_r(name.c_str(), &pw, buffer.data(), buffer.size(), &found) != 0 || !found)
        return std::nullopt;
    return fromPasswd(pw);
}

Account currentAccount()
{
    std::vector<char> buffer(16384);
    passwd pw{};
    passwd *found = nullptr;
    if (::getpwuid_r(::getuid(), &pw, buffer.data(), buffer.size(), &found) != 0 || !found)
        throw HelperError(protocol::error::kNotFound, "uid " + std::to_string(::getuid()) + " has no account entry",
                          "the login node's NSS (LDAP/SSSD) does not know you; ask the helpdesk");
    return fromPasswd(pw);
}

std::string namespaceOf(const Account &account)
{
    return validate::registryNamespace(account.primaryGroup, account.name);
}

nlohmann::json runLinesJson(const Site &site, const validate::ImageReference &image)
{
    const workflow::RunLines lines = workflow::runLines(image, site.insecure && image.domain == site.registry);
    return {{"podman", lines.podmanRun}, {"apptainerPull", lines.apptainerPull}, {"apptainerExec", lines.apptainerExec}};
}

} // namespace podbay::helper::user
