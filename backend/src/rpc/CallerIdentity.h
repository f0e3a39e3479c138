#pragma once
// Who the caller is, derived from the kernel and sudo, never from the client.
// In the privileged server the helper runs as root through sudo, and sudo sets
// SUDO_UID to the invoking user's uid (sudo(8), "ENVIRONMENT").

#include "Method.h"

#include <string_view>

namespace podbay::helper::rpc {

struct RoleGroups
{
    std::string admin = "podbay-admins";
    std::string helpdesk = "podbay-helpdesk";
};

// [groups] admin / helpdesk from helper.conf (docs/helper-conf.md), else the defaults.
RoleGroups loadRoleGroups(const CommandContext &ctx);

// Throws HelperError(E_FORBIDDEN) when the process is not in the state the mode
// needs: unprivileged `serve` must not run as root; `--privileged` must be root.
Caller resolveCaller(bool privileged, const RoleGroups &groups);

// Strict decimal uid for SUDO_UID: digits only, no sign, within uid_t, not -1.
bool parseUid(std::string_view text, uid_t &uid);

} // namespace podbay::helper::rpc
