#pragma once
// ProxyJump (ssh_config(5), ssh(1) -J): the hosts an SSH connection goes through
// before it reaches the login node, first hop first.

#include "ConnectionProfile.h"
#include "Error.h"

#include <QList>

namespace podbay::core {

class SshConfig;

// One profile per hop of `target.jumpHost` ("[user@]host[:port]" or
// "ssh://[user@]host[:port]", comma-separated; an IPv6 literal in brackets). A hop
// that names a Host of `config` takes its HostName, User, Port and IdentityFile from
// there, as ssh(1) does; what the hop spells out itself wins. Unset, a hop uses the
// target's user and key (HPC gateways and login nodes share the cluster account) and
// port 22. Every hop checks its host key in the target's known_hosts file. A jump
// host's own ProxyJump is not followed (ssh(1) would chain it): list every hop in
// one ProxyJump instead.
Result<QList<ConnectionProfile>> jumpProfiles(const ConnectionProfile &target, const SshConfig &config);

// "user@host:port" as shown in messages ("[::1]:2222" for IPv6).
QString describeHop(const ConnectionProfile &hop);

} // namespace podbay::core
