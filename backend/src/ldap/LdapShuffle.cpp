#include "LdapShuffle.h"

#include "HelperError.h"
#include "sysfile/AtomicFile.h"

#include <podbay/protocol/Protocol.h>

#include <cerrno>
#include <climits>
#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

namespace podbay::helper::ldap {
namespace {

constexpr std::time_t kWindow = 24 * 60 * 60;

} // namespace

std::string localHostname()
{
    char name[HOST_NAME_MAX + 1] = {};
    if (::gethostname(name, sizeof name - 1) != 0)
        throw HelperError(protocol::error::kIo, std::string("gethostname failed: ") + std::strerror(errno),
                          "pass --hostname NAME");
    return name;
}

nlohmann::json ShufflePlan::toJson() const
{
    nlohmann::json values = nlohmann::json::array();
    for (const ServerList &list : lists)
        values.push_back({{"section", list.section},
                          {"key", list.key},
                          {"line", list.line},
                          {"before", list.before},
                          {"after", list.after},
                          {"changed", list.changed()}});
    return {{"file", change.displayPath.string()},
            {"hostname", hostname},
            {"modified", static_cast<long long>(modified)},
            {"recent", recent},
            {"skipped", skipped},
            {"changed", change.changes()},
            {"values", values},
            {"files", nlohmann::json::array({change.toJson()})},
            {"notes", notes}};
}

ShufflePlan planShuffle(const CommandContext &ctx, const ShuffleOptions &options)
{
    if (!options.file.is_absolute())
        throw HelperError(protocol::error::kUsage, "ldap: --file '" + options.file.string() + "' is a relative path",
                          "give the absolute path, e.g. --file /etc/sssd/sssd.conf");
    ShufflePlan plan;
    plan.hostname = options.hostname.empty() ? localHostname() : options.hostname;
    plan.change = sysfile::readForChange(ctx, options.file);
    if (!plan.change.before)
        throw HelperError(protocol::error::kNotFound, options.file.string() + " does not exist",
                          "sssd is not configured on this node; nothing to shuffle");
    struct stat st{};
    if (::stat(plan.change.path.c_str(), &st) != 0)
        throw HelperError(protocol::error::kIo, "cannot stat " + plan.change.path.string() + ": " + std::strerror(errno));
    plan.modified = st.st_mtime;
    const std::time_t now = options.now != 0 ? options.now : std::time(nullptr);
    plan.recent = now - plan.modified < kWindow;
    if (!plan.recent && !options.force) {
        plan.skipped = true;
        plan.notes.push_back(options.file.string() + " unchanged in 24 h, nothing to do (--force shuffles anyway)");
        return plan;
    }
    ServerShuffle shuffle = shuffleServers(*plan.change.before, plan.hostname);
    plan.change.after = std::move(shuffle.text);
    plan.lists = std::move(shuffle.lists);
    plan.notes = std::move(shuffle.notes);
    if (plan.lists.empty())
        plan.notes.push_back("no ldap_uri, ad_server or ipa_server in a [domain/...] section");
    return plan;
}

} // namespace podbay::helper::ldap
