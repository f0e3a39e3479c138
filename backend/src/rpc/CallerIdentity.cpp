#include "CallerIdentity.h"

#include "config/IniFile.h"

#include "HelperError.h"

#include <podbay/protocol/Protocol.h>

#include <charconv>
#include <cstdlib>
#include <grp.h>
#include <limits>
#include <pwd.h>
#include <unistd.h>
#include <vector>

namespace podbay::helper::rpc {
namespace {

// Group names the user belongs to, primary group included (getgrouplist(3)).
std::vector<std::string> groupNames(const char *user, gid_t primary)
{
    int count = 64;
    std::vector<gid_t> gids(static_cast<std::size_t>(count));
    while (getgrouplist(user, primary, gids.data(), &count) == -1) {
        if (count > 65536)
            return {};
        gids.resize(static_cast<std::size_t>(count));
    }
    gids.resize(static_cast<std::size_t>(count));
    std::vector<std::string> names;
    for (const gid_t gid : gids)
        if (const group *gr = getgrgid(gid))
            names.emplace_back(gr->gr_name);
    return names;
}

} // namespace

bool parseUid(std::string_view text, uid_t &uid)
{
    if (text.empty() || text.size() > 10 || text.find_first_not_of("0123456789") != std::string_view::npos)
        return false;
    unsigned long long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    // (uid_t)-1 is the "no change" sentinel of setresuid(2), never a real user.
    if (ec != std::errc() || end != text.data() + text.size()
        || value >= static_cast<unsigned long long>(std::numeric_limits<uid_t>::max()))
        return false;
    uid = static_cast<uid_t>(value);
    return true;
}

Caller resolveCaller(bool privileged, const RoleGroups &groups)
{
    Caller caller;
    caller.privileged = privileged;
    if (privileged) {
        if (geteuid() != 0)
            throw HelperError(protocol::error::kForbidden, "serve --privileged must run as root",
                              "connect with sudo -n podbay-helper serve --privileged");
        caller.uid = getuid();
        if (const char *sudoUid = std::getenv("SUDO_UID")) {
            if (!parseUid(sudoUid, caller.uid))
                throw HelperError(protocol::error::kForbidden, "SUDO_UID is not a valid uid",
                                  "run the helper through sudo");
        }
    } else {
        if (geteuid() == 0)
            throw HelperError(protocol::error::kForbidden,
                              "podbay-helper serve runs user methods as the user, not as root",
                              "log in as the user, or use serve --privileged for admin methods");
        caller.uid = getuid();
    }

    const passwd *pw = getpwuid(caller.uid);
    if (!pw)
        throw HelperError(protocol::error::kNotFound, "uid " + std::to_string(caller.uid) + " has no account",
                          "check NSS (getent passwd) on this login node");
    caller.user = pw->pw_name;
    caller.gid = pw->pw_gid;
    if (caller.uid == 0) {
        caller.admin = true; // root on the console or a timer: the site's administrator
        return caller;
    }
    for (const std::string &name : groupNames(pw->pw_name, pw->pw_gid)) {
        caller.admin = caller.admin || name == groups.admin;
        caller.helpdesk = caller.helpdesk || name == groups.helpdesk;
    }
    return caller;
}

RoleGroups loadRoleGroups(const CommandContext &ctx)
{
    const auto path = ctx.configPath.empty() ? ctx.systemPath("/etc/podbay/helper.conf") : ctx.configPath;
    const config::IniFile conf = config::IniFile::load(path);
    RoleGroups groups;
    groups.admin = conf.string("groups", "admin").value_or(groups.admin);
    groups.helpdesk = conf.string("groups", "helpdesk").value_or(groups.helpdesk);
    return groups;
}

} // namespace podbay::helper::rpc
