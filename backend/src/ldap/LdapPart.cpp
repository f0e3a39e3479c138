#include "LdapPart.h"

#include "HelperError.h"
#include "ldap/LdapShuffle.h"

#include <podbay/protocol/Protocol.h>

namespace podbay::helper::ldap {

setup::Part ldapPart()
{
    return {
        "ldap",
        [](const config::IniFile &conf) {
            return conf.boolean("ldap", "shuffle").value_or(false)
                     ? "per-host server order in " + conf.string("ldap", "file").value_or(std::string(kSssdConf))
                     : std::string();
        },
        [](const CommandContext &ctx, const config::IniFile &conf) {
            ShuffleOptions options;
            options.file = conf.string("ldap", "file").value_or(std::string(kSssdConf));
            if (!options.file.is_absolute())
                throw HelperError(protocol::error::kBadInput,
                                  conf.source() + " [ldap] file '" + options.file.string() + "' must be an absolute path",
                                  "e.g. file = /etc/sssd/sssd.conf");
            ShufflePlan shuffle = planShuffle(ctx, options);
            setup::PartPlan plan;
            plan.files.push_back(std::move(shuffle.change));
            plan.notes = std::move(shuffle.notes);
            return plan;
        },
    };
}

} // namespace podbay::helper::ldap
