#include "PortalMetrics.h"

namespace podbay::portal {

QByteArray PortalMetrics::exposition(int sessions) const
{
    // https://prometheus.io/docs/instrumenting/exposition_formats/ (text format 0.0.4).
    QByteArray out;
    out += "# HELP podbay_portal_sessions Logged-in sessions, each holding one SSH connection.\n"
           "# TYPE podbay_portal_sessions gauge\n"
           "podbay_portal_sessions " + QByteArray::number(sessions) + "\n";
    out += "# HELP podbay_portal_responses_total HTTP responses by status code.\n"
           "# TYPE podbay_portal_responses_total counter\n";
    for (const auto &[status, count] : responses)
        out += "podbay_portal_responses_total{code=\"" + QByteArray::number(status) + "\"} " +
               QByteArray::number(count) + "\n";
    out += "# HELP podbay_portal_helper_call_seconds Time of the helper calls the API made.\n"
           "# TYPE podbay_portal_helper_call_seconds summary\n"
           "podbay_portal_helper_call_seconds_sum " + QByteArray::number(helperSeconds, 'f', 6) + "\n"
           "podbay_portal_helper_call_seconds_count " + QByteArray::number(helperCalls) + "\n";
    out += "# HELP podbay_portal_helper_errors_total Helper calls that answered an error.\n"
           "# TYPE podbay_portal_helper_errors_total counter\n"
           "podbay_portal_helper_errors_total " + QByteArray::number(helperErrors) + "\n";
    out += "# HELP podbay_portal_login_failures_total Logins the login node refused.\n"
           "# TYPE podbay_portal_login_failures_total counter\n"
           "podbay_portal_login_failures_total " + QByteArray::number(loginFailures) + "\n";
    return out;
}

} // namespace podbay::portal
