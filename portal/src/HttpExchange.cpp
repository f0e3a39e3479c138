#include "HttpExchange.h"
#include "ApiRoutes.h"

#include "PortalMetrics.h"
#include "SecurityHeaders.h"

#include <QHttpServerResponse>
#include <QJsonDocument>

namespace podbay::portal {

RequestInfo RequestInfo::from(const QHttpServerRequest &request)
{
    RequestInfo info;
    info.method = request.method();
    info.path = request.url().path();
    info.query = request.url().query();
    info.client = request.remoteAddress();
    info.host = request.value("host");
    info.origin = request.value("origin");
    info.fetchSite = request.value("sec-fetch-site");
    info.cookie = request.value("cookie");
    info.csrfToken = request.value("x-csrf-token");
    info.contentType = request.value("content-type");
    info.body = request.body();
    return info;
}

QByteArray RequestInfo::cookieValue(const QByteArray &name) const
{
    // RFC 6265 section 5.4: "name=value; name2=value2".
    for (const QByteArray &pair : cookie.split(';')) {
        const QByteArray trimmed = pair.trimmed();
        if (trimmed.startsWith(name + '='))
            return trimmed.mid(name.size() + 1);
    }
    return {};
}

bool RequestInfo::changesState() const
{
    return method != QHttpServerRequest::Method::Get && method != QHttpServerRequest::Method::Head &&
           method != QHttpServerRequest::Method::Options;
}

Exchange::Exchange(QHttpServerResponder &&responder, bool tls, PortalMetrics *metrics)
    : m_responder(std::move(responder)), m_socket(m_responder.socket()), m_tls(tls), m_metrics(metrics)
{
}

void Exchange::send(QHttpServerResponder::StatusCode status, const QByteArray &mime, const QByteArray &body,
                     std::vector<std::pair<QByteArray, QByteArray>> headers)
{
    if (!m_socket)
        return; // the client left while the work ran
    if (m_metrics)
        ++m_metrics->responses[int(status)];
    QHttpServerResponse response(mime, body, status);
    addSecurityHeaders(response, m_tls);
    for (auto &[name, value] : headers)
        response.addHeader(name, value);
    response.write(std::move(m_responder));
}

void Exchange::json(QHttpServerResponder::StatusCode status, const QJsonObject &body,
                    std::vector<std::pair<QByteArray, QByteArray>> headers)
{
    send(status, "application/json", QJsonDocument(body).toJson(QJsonDocument::Compact), std::move(headers));
}

void Exchange::noContent(std::vector<std::pair<QByteArray, QByteArray>> headers)
{
    send(QHttpServerResponder::StatusCode::NoContent, "application/json", {}, std::move(headers));
}

void Exchange::problem(QHttpServerResponder::StatusCode status, const QString &code, const QString &detail,
                       const QString &hint)
{
    QJsonObject body{{QStringLiteral("type"), QStringLiteral("about:blank")},
                     {QStringLiteral("status"), int(status)},
                     {QStringLiteral("code"), code},
                     {QStringLiteral("detail"), detail}};
    if (!hint.isEmpty())
        body.insert(QStringLiteral("hint"), hint);
    send(status, "application/problem+json", QJsonDocument(body).toJson(QJsonDocument::Compact), {});
}

void Exchange::problem(QHttpServerResponder::StatusCode status, const core::Error &error)
{
    problem(status, error.code, error.message, error.hint);
}

void Exchange::problem(const core::Error &error)
{
    problem(static_cast<QHttpServerResponder::StatusCode>(httpStatusFor(error.code)), error);
}

} // namespace podbay::portal
