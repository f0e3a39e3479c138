#pragma once
// One audit line per change the helper makes to the system, to syslog(3) with facility
// LOG_AUTHPRIV (where sudo(8) logs too, so an admin finds "who ran what" next to
// "what changed"), tag "podbay-helper". The line names the invoking user (SUDO_USER when
// run through sudo, else the real uid's name) so helpdesk and admin actions are traceable.
// Tests replace the sink to see the lines; without a syslog daemon syslog(3) drops them.

#include <functional>
#include <string>
#include <string_view>

namespace podbay::helper::sysfile {

// "podbay-helper[PID]: <command>: <what> (by <user>)" is what ends up in the log.
void audit(std::string_view command, std::string_view what);

// Replaces where audit lines go (nullptr: back to syslog). Returns the previous sink.
using AuditSink = std::function<void(const std::string &line)>;
AuditSink setAuditSink(AuditSink sink);

} // namespace podbay::helper::sysfile
