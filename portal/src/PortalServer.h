#pragma once
// The portal's HTTP server. Issue #2: /healthz; issue #8 adds sessions, the API
// controllers and the web app.

#include "PortalOptions.h"

#include <QHttpServer>
#include <QObject>

namespace podbay::portal {

class PortalServer : public QObject
{
    Q_OBJECT

public:
    explicit PortalServer(PortalOptions options, QObject *parent = nullptr);

    // Starts listening on the configured address; port 0 picks a free one.
    // Returns the bound port, or 0 on failure.
    quint16 listen();
    const PortalOptions &options() const { return m_options; }

private:
    QHttpServerResponse jsonResponse(const QByteArray &json, QHttpServerResponse::StatusCode status) const;

    PortalOptions m_options;
    QHttpServer m_server;
};

} // namespace podbay::portal
