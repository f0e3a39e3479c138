#include "Audit.h"

#include <cstdlib>
#include <mutex>

#include <pwd.h>
#include <syslog.h>
#include <unistd.h>

namespace podbay::helper::sysfile {
namespace {

std::mutex g_mutex;
AuditSink g_sink;

std::string invoker()
{
    // sudo(8) sets SUDO_USER; it only names who asked, the helper's rights come from sudoers.
    if (const char *sudoUser = std::getenv("SUDO_USER"); sudoUser && *sudoUser)
        return sudoUser;
    if (const passwd *pw = ::getpwuid(::getuid()))
        return pw->pw_name;
    return "uid " + std::to_string(::getuid());
}

} // namespace

void audit(std::string_view command, std::string_view what)
{
    const std::string line = std::string(command) + ": " + std::string(what) + " (by " + invoker() + ")";
    std::lock_guard lock(g_mutex);
    if (g_sink) {
        g_sink(line);
        return;
    }
    ::openlog("podbay-helper", LOG_PID, LOG_AUTHPRIV);
    ::syslog(LOG_NOTICE, "%s", line.c_str());
    ::closelog();
}

AuditSink setAuditSink(AuditSink sink)
{
    std::lock_guard lock(g_mutex);
    AuditSink previous = std::move(g_sink);
    g_sink = std::move(sink);
    return previous;
}

} // namespace podbay::helper::sysfile
