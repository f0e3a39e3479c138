#pragma once
// One HTTP request and its answer for the portal's responder routes (platform.md: in Qt
// 6.4 a route must take the responder and write it itself, as returning a QFuture reads a
// freed socket when the client leaves early). What the handlers need is copied out of the
// request before the first co_await (the request is not copyable and dies with the route
// call); the answer goes out only if the client is still there, with the security
// headers every response carries.

#include <Error.h>

#include <QByteArray>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>

#include <utility>
#include <vector>

namespace podbay::portal {

struct PortalMetrics;

struct RequestInfo
{
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
    QString path;
    QString query;
    QHostAddress client;
    QByteArray host, origin, fetchSite, cookie, csrfToken, contentType, body;

    static RequestInfo from(const QHttpServerRequest &request);
    // The value of cookie `name`, or empty.
    QByteArray cookieValue(const QByteArray &name) const;
    bool changesState() const;
};

class Exchange
{
public:
    // `metrics` (may be null) counts the response by status.
    Exchange(QHttpServerResponder &&responder, bool tls, PortalMetrics *metrics = nullptr);
    Exchange(Exchange &&) = default;

    // No-ops when the client has gone away.
    void json(QHttpServerResponder::StatusCode status, const QJsonObject &body,
              std::vector<std::pair<QByteArray, QByteArray>> headers = {});
    void noContent(std::vector<std::pair<QByteArray, QByteArray>> headers = {});
    // Any body with its media type (static files, /metrics).
    void send(QHttpServerResponder::StatusCode status, const QByteArray &mime, const QByteArray &body,
              std::vector<std::pair<QByteArray, QByteArray>> headers = {});
    // RFC 9457 problem details; `code` is the helper's or the portal's stable error code.
    void problem(QHttpServerResponder::StatusCode status, const QString &code, const QString &detail,
                 const QString &hint = {});
    void problem(QHttpServerResponder::StatusCode status, const core::Error &error);
    // A helper's error with the HTTP status its code maps to (httpStatusFor, ApiRoutes.h).
    void problem(const core::Error &error);

private:
    QHttpServerResponder m_responder;
    QPointer<QTcpSocket> m_socket;
    bool m_tls = false;
    PortalMetrics *m_metrics = nullptr;
};

} // namespace podbay::portal
