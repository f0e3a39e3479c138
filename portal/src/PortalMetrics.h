#pragma once
// What /metrics reports, in the Prometheus text exposition format (version 0.0.4):
// sessions, responses by status, helper calls with their latency, failed logins.

#include <QByteArray>

#include <map>

namespace podbay::portal {

struct PortalMetrics
{
    std::map<int, quint64> responses; // HTTP status -> count
    quint64 helperCalls = 0;
    quint64 helperErrors = 0;
    double helperSeconds = 0; // sum of call durations
    quint64 loginFailures = 0;

    QByteArray exposition(int sessions) const;
};

} // namespace podbay::portal
