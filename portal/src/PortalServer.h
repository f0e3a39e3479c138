#pragma once
// The portal's HTTP server: /healthz, the JSON API under /api/v1 (sessions, doctor; the
// other areas follow, issue: portal) and the checks every request passes (Host, Origin,
// CSRF, sizes), with the security headers on every response.

#include "LiveSockets.h"
#include "PendingLogin.h"
#include "PortalMetrics.h"
#include "PortalOptions.h"
#include "SessionStore.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <QCoroTask>

#include <optional>

namespace podbay::portal {

struct RequestInfo;
class Exchange;

class PortalServer : public QObject
{
    Q_OBJECT

public:
    explicit PortalServer(PortalOptions options, QObject *parent = nullptr);

    // Starts listening on the configured address; port 0 picks a free one.
    // Returns the bound port, or 0 on failure.
    quint16 listen();
    const PortalOptions &options() const { return m_options; }
    quint16 port() const { return m_port; }

    // Embedded mode (the desktop app's "Open in browser"): a link, valid once and for a
    // minute, that the browser trades for a session on `connection`, which stays the
    // app's. Returns the link's path and query ("/login?token=...").
    QString embedConnection(core::Connection *connection);
    static constexpr std::chrono::seconds kEmbedTokenLifetime{60};
    SessionStore &sessions() { return m_sessions; }
    // Open WebSockets (events and terminals) of all sessions.
    int liveSocketCount() const { return m_events.socketCount(); }
    LoginGuard &loginGuard() { return m_guard; }

    static constexpr qsizetype kMaxBodyBytes = 64 * 1024;
    static constexpr const char *kSessionCookie = "podbay_session";

private:
    QHttpServerResponse jsonResponse(const QByteArray &json, QHttpServerResponse::StatusCode status) const;
    // Host and Origin checks (and the body size): false after answering the request.
    bool admit(const RequestInfo &info, Exchange &exchange) const;
    bool allowedHost(const QByteArray &host) const;
    // An Origin header value naming this portal (scheme, host and port).
    bool allowedOrigin(const QByteArray &origin) const;
    // The request's session, with its CSRF token checked for state-changing requests;
    // nullptr after answering 401/403.
    PortalSession *sessionFor(const RequestInfo &info, Exchange &exchange);
    // The same for a read-only resource: anything but GET is answered 405.
    PortalSession *sessionForGet(const RequestInfo &info, Exchange &exchange);

    QCoro::Task<> login(RequestInfo info, Exchange exchange);
    // GET /login?token=...: an embedding token for a session cookie, then the web app.
    void embeddedLogin(const RequestInfo &info, Exchange exchange);
    // POST /api/v1/session/challenge: the answers to a relayed keyboard-interactive step.
    QCoro::Task<> answerChallenge(RequestInfo info, Exchange exchange);
    // Waits for the login to ask the next question (202) or to end (200, 401, 502).
    QCoro::Task<> finishLogin(QByteArray loginId, QHostAddress client, Exchange exchange);
    void dropExpiredLogins();
    void dropLogin(const QByteArray &loginId);
    void logout(const RequestInfo &info, Exchange exchange);
    QCoro::Task<> doctor(RequestInfo info, Exchange exchange);
    // The JSON object a request carries (an empty body is {}); nullopt after answering 400.
    static std::optional<QJsonObject> jsonBody(const RequestInfo &info, Exchange &exchange);

    // The helpdesk and admin areas (PrivilegedRoutes.cpp), through the session's
    // privileged helper.
    void routePrivileged();
    // The session of a request with `verb`, whose user has `role`; nullptr after answering.
    PortalSession *sessionWithRole(const RequestInfo &info, Exchange &exchange, const QString &role,
                                   QHttpServerRequest::Method verb);
    // The session's `serve --privileged` (sudo), started on first use; nullptr after
    // answering (logged out meanwhile, sudo refused).
    QCoro::Task<QPointer<core::HelperRpc>> privilegedHelper(QByteArray sessionId, Exchange &exchange);
    // GET /api/v1/helpdesk/doctor?user=NAME: another user's checks (doctor.user).
    QCoro::Task<> helpdeskDoctor(RequestInfo info, Exchange exchange);
    // GET /api/v1/admin/status, POST /api/v1/admin/plan and /api/v1/admin/apply.
    QCoro::Task<> adminStatus(RequestInfo info, Exchange exchange);
    QCoro::Task<> adminPlan(RequestInfo info, Exchange exchange);
    QCoro::Task<> adminApply(RequestInfo info, Exchange exchange);
    // /api/v1/... beyond session and doctor (ApiRoutes.h): one helper call each.
    void api(const RequestInfo &info, Exchange exchange);
    QCoro::Task<> helperCall(RequestInfo info, Exchange exchange, QString method, QJsonObject params);
    QByteArray sessionCookie(const QByteArray &value, int maxAgeSeconds) const;

    PortalOptions m_options;
    QHttpServer m_server;
    quint16 m_port = 0;
    SessionStore m_sessions;
    LiveSockets m_events;
    // Logins under way, by their id (a random token the browser sends back with answers).
    std::unordered_map<QByteArray, std::unique_ptr<PendingLogin>> m_logins;
    static constexpr std::size_t kMaxPendingLogins = 64;
    LoginGuard m_guard;
    PortalMetrics m_metrics;
    struct EmbedToken
    {
        QPointer<core::Connection> connection;
        QDateTime expires;
    };
    QHash<QByteArray, EmbedToken> m_embedTokens;
};

} // namespace podbay::portal
