#include "PortalServer.h"

#include "SecurityHeaders.h"

#include <podbay/protocol/Version.h>

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QFile>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslKey>

namespace podbay::portal {

PortalServer::PortalServer(PortalOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    // Liveness for load balancers and the demo script: no session, no SSH.
    m_server.route(QStringLiteral("/healthz"), QHttpServerRequest::Method::Get, [this] {
        const QJsonObject body{
            {QStringLiteral("status"), QStringLiteral("ok")},
            {QStringLiteral("version"), QString::fromLatin1(kVersion)},
        };
        return jsonResponse(QJsonDocument(body).toJson(QJsonDocument::Compact), QHttpServerResponse::StatusCode::Ok);
    });
    m_server.setMissingHandler([this](const QHttpServerRequest &, QHttpServerResponder &&responder) {
        // RFC 9457 problem details, with the same headers as every other response.
        const QJsonObject problem{
            {QStringLiteral("type"), QStringLiteral("about:blank")},
            {QStringLiteral("title"), QStringLiteral("Not Found")},
            {QStringLiteral("status"), 404},
        };
        QHttpServerResponse response("application/problem+json",
                                     QJsonDocument(problem).toJson(QJsonDocument::Compact),
                                     QHttpServerResponse::StatusCode::NotFound);
        addSecurityHeaders(response, m_options.tls());
        response.write(std::move(responder));
    });
}

quint16 PortalServer::listen()
{
    if (m_options.tls()) {
        QFile certFile(m_options.tlsCertificate);
        QFile keyFile(m_options.tlsKey);
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return 0;
        const QSslCertificate certificate(&certFile, QSsl::Pem);
        const QByteArray keyPem = keyFile.readAll();
        QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
        if (certificate.isNull() || key.isNull())
            return 0;
        m_server.sslSetup(certificate, key);
    }
    return m_server.listen(m_options.listenAddress, m_options.listenPort);
}

QHttpServerResponse PortalServer::jsonResponse(const QByteArray &json, QHttpServerResponse::StatusCode status) const
{
    QHttpServerResponse response("application/json", json, status);
    addSecurityHeaders(response, m_options.tls());
    return response;
}

} // namespace podbay::portal
