#include "PortalServer.h"

#include "ApiRoutes.h"
#include "DoctorJson.h"
#include "HttpExchange.h"
#include "SecurityHeaders.h"

#include <ContainerfileTemplates.h>
#include <DoctorModel.h>

#include <podbay/protocol/Version.h>

#include <QCoroSignal>
#include <QElapsedTimer>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslKey>
#include <QUrlQuery>

namespace podbay::portal {
namespace {

using Status = QHttpServerResponder::StatusCode;

// Who is logged in, with what roles (system.hello), and the session's CSRF token: the
// answer of a login and of GET /api/v1/session.
QJsonObject sessionJson(const PortalSession &session)
{
    return {{QStringLiteral("user"), session.user},
            {QStringLiteral("roles"), QJsonArray::fromStringList(session.connection->hello().roles)},
            {QStringLiteral("csrfToken"), QString::fromLatin1(session.csrfToken)}};
}

} // namespace

PortalServer::PortalServer(PortalOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_events(&m_server, &m_sessions, [this](const QByteArray &origin) { return allowedOrigin(origin); },
               kSessionCookie)
{
    // Liveness for load balancers and the demo script: no session, no SSH.
    m_server.route(QStringLiteral("/healthz"), QHttpServerRequest::Method::Get, [this] {
        const QJsonObject body{
            {QStringLiteral("status"), QStringLiteral("ok")},
            {QStringLiteral("version"), QString::fromLatin1(kVersion)},
        };
        return jsonResponse(QJsonDocument(body).toJson(QJsonDocument::Compact), QHttpServerResponse::StatusCode::Ok);
    });
    // The web app's files and the API's description (OpenAPI 3.0), from the embedded
    // resources only.
    const auto serveStatic = [this](const char *path, const char *resource, const char *mime) {
        m_server.route(QString::fromLatin1(path), QHttpServerRequest::Method::Get,
                       [this, resource, mime](const QHttpServerRequest &, QHttpServerResponder &&responder) {
                           QFile file(QString::fromLatin1(resource));
                           file.open(QIODevice::ReadOnly);
                           Exchange(std::move(responder), m_options.tls(), &m_metrics)
                               .send(Status::Ok, mime, file.readAll());
                       });
    };
    serveStatic("/", ":/web/index.html", "text/html; charset=utf-8");
    serveStatic("/app.js", ":/web/app.js", "text/javascript; charset=utf-8");
    serveStatic("/i18n.js", ":/web/i18n.js", "text/javascript; charset=utf-8");
    // xterm.js, from npm (portal/web/package-lock.json), embedded at build time.
    serveStatic("/xterm.js", ":/web/xterm.js", "text/javascript; charset=utf-8");
    serveStatic("/xterm.css", ":/web/xterm.css", "text/css; charset=utf-8");
    serveStatic("/app.css", ":/web/app.css", "text/css; charset=utf-8");
    serveStatic("/favicon.svg", ":/web/favicon.svg", "image/svg+xml");
    serveStatic("/api/v1/openapi.json", ":/portal/openapi.json", "application/json");
    // Prometheus scrapes this; it names no user and no image.
    m_server.route(QStringLiteral("/metrics"), QHttpServerRequest::Method::Get,
                   [this](const QHttpServerRequest &, QHttpServerResponder &&responder) {
                       Exchange(std::move(responder), m_options.tls(), &m_metrics)
                           .send(Status::Ok, "text/plain; version=0.0.4", m_metrics.exposition(m_sessions.count()));
                   });
    // Responder routes (platform.md): the handlers copy what they need and answer later.
    m_server.route(QStringLiteral("/api/v1/session"),
                   [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                       const RequestInfo info = RequestInfo::from(request);
                       Exchange exchange(std::move(responder), m_options.tls(), &m_metrics);
                       if (!admit(info, exchange))
                           return;
                       switch (info.method) {
                       case QHttpServerRequest::Method::Post:
                           login(info, std::move(exchange));
                           break;
                       case QHttpServerRequest::Method::Delete:
                           logout(info, std::move(exchange));
                           break;
                       case QHttpServerRequest::Method::Get:
                           if (PortalSession *session = sessionFor(info, exchange))
                               exchange.json(Status::Ok, sessionJson(*session));
                           break;
                       default:
                           exchange.problem(Status::MethodNotAllowed, QStringLiteral("E_METHOD"),
                                            QStringLiteral("use POST to log in, DELETE to log out"));
                       }
                   });
    m_server.route(QStringLiteral("/login"), [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        const RequestInfo info = RequestInfo::from(request);
        Exchange exchange(std::move(responder), m_options.tls(), &m_metrics);
        if (admit(info, exchange))
            embeddedLogin(info, std::move(exchange));
    });
    m_server.route(QStringLiteral("/api/v1/session/challenge"),
                   [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                       const RequestInfo info = RequestInfo::from(request);
                       Exchange exchange(std::move(responder), m_options.tls(), &m_metrics);
                       if (!admit(info, exchange))
                           return;
                       if (info.method != QHttpServerRequest::Method::Post) {
                           exchange.problem(Status::MethodNotAllowed, QStringLiteral("E_METHOD"), QStringLiteral("use POST"));
                           return;
                       }
                       answerChallenge(info, std::move(exchange));
                   });
    // Qt 6.4 hands a WebSocket handshake to its WebSocket server only when a route takes
    // the request and writes nothing (platform.md); LiveSockets then checks it. A plain
    // GET is told to upgrade (RFC 9110 section 15.5.22).
    for (const char *path : {LiveSockets::kPath, LiveSockets::kTerminalPath}) {
        m_server.route(QString::fromLatin1(path),
                       [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                           if (request.value("upgrade").compare("websocket", Qt::CaseInsensitive) == 0)
                               return;
                           const RequestInfo info = RequestInfo::from(request);
                           Exchange exchange(std::move(responder), m_options.tls(), &m_metrics);
                           if (admit(info, exchange))
                               exchange.problem(Status::UpgradeRequired, QStringLiteral("E_UPGRADE"),
                                                QStringLiteral("this is a WebSocket: connect with ws:// or wss://"));
                       });
    }
    // The Containerfile templates the desktop app offers too (core/ContainerfileTemplates.h),
    // with {registry} for the page to fill in from the registry listing.
    m_server.route(QStringLiteral("/api/v1/templates"),
                   [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                       const RequestInfo info = RequestInfo::from(request);
                       Exchange exchange(std::move(responder), m_options.tls(), &m_metrics);
                       if (!admit(info, exchange))
                           return;
                       if (!sessionForGet(info, exchange))
                           return;
                       QJsonArray templates;
                       for (const core::ContainerfileTemplate &t : core::containerfileTemplates())
                           templates.append(QJsonObject{{QStringLiteral("id"), t.id},
                                                        {QStringLiteral("title"), t.title},
                                                        {QStringLiteral("text"), t.text}});
                       exchange.json(Status::Ok, {{QStringLiteral("templates"), templates}});
                   });
    routePrivileged();
    m_server.route(QStringLiteral("/api/v1/doctor"),
                   [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                       const RequestInfo info = RequestInfo::from(request);
                       Exchange exchange(std::move(responder), m_options.tls(), &m_metrics);
                       if (admit(info, exchange))
                           doctor(info, std::move(exchange));
                   });
    // The other API paths carry names and ids in the path: dispatched here (ApiRoutes.h)
    // rather than through 6.4's argument routes.
    m_server.setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        const RequestInfo info = RequestInfo::from(request);
        Exchange exchange(std::move(responder), m_options.tls(), &m_metrics);
        if (info.path.startsWith(QStringLiteral("/api/v1/"))) {
            if (admit(info, exchange))
                api(info, std::move(exchange));
            return;
        }
        exchange.problem(Status::NotFound, QStringLiteral("E_NOT_FOUND"), QStringLiteral("no such page"));
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
    m_port = m_server.listen(m_options.listenAddress, m_options.listenPort);
    return m_port;
}

QHttpServerResponse PortalServer::jsonResponse(const QByteArray &json, QHttpServerResponse::StatusCode status) const
{
    QHttpServerResponse response("application/json", json, status);
    addSecurityHeaders(response, m_options.tls());
    return response;
}

bool PortalServer::allowedHost(const QByteArray &host) const
{
    // DNS rebinding: a page on evil.example resolving to this address must not reach the
    // API, so the Host header must name this portal (RFC 9110 section 7.2).
    const QString port = QString::number(m_port);
    QStringList allowed{QStringLiteral("localhost:") + port};
    if (m_options.listenAddress.protocol() == QAbstractSocket::IPv6Protocol)
        allowed << QLatin1Char('[') + m_options.listenAddress.toString() + QStringLiteral("]:") + port;
    else
        allowed << m_options.listenAddress.toString() + QLatin1Char(':') + port;
    if (!m_options.publicHost.isEmpty())
        allowed << m_options.publicHost;
    return allowed.contains(QString::fromLatin1(host), Qt::CaseInsensitive);
}

bool PortalServer::allowedOrigin(const QByteArray &origin) const
{
    // RFC 6454 serialization: scheme "://" host [":" port], the scheme this portal serves.
    const QByteArray scheme = m_options.tls() ? "https://" : "http://";
    return origin.startsWith(scheme) && allowedHost(origin.mid(scheme.size()));
}

bool PortalServer::admit(const RequestInfo &info, Exchange &exchange) const
{
    if (!allowedHost(info.host)) {
        exchange.problem(Status::MisdirectedRequest, QStringLiteral("E_BAD_HOST"),
                         QStringLiteral("this portal does not serve that host name"));
        return false;
    }
    if (info.body.size() > kMaxBodyBytes) {
        exchange.problem(Status::PayloadTooLarge, QStringLiteral("E_TOO_LARGE"), QStringLiteral("request too large"));
        return false;
    }
    if (info.changesState()) {
        // Cross-site requests: a browser names the page's origin; it must be this portal.
        if (!info.origin.isEmpty() && !allowedOrigin(info.origin)) {
            exchange.problem(Status::Forbidden, QStringLiteral("E_ORIGIN"),
                             QStringLiteral("requests from other sites are refused"));
            return false;
        }
        if (!info.fetchSite.isEmpty() && info.fetchSite != "same-origin" && info.fetchSite != "none") {
            exchange.problem(Status::Forbidden, QStringLiteral("E_ORIGIN"),
                             QStringLiteral("requests from other sites are refused"));
            return false;
        }
    }
    return true;
}

std::optional<QJsonObject> PortalServer::jsonBody(const RequestInfo &info, Exchange &exchange)
{
    if (info.body.trimmed().isEmpty())
        return QJsonObject();
    const QJsonDocument document = QJsonDocument::fromJson(info.body);
    if (!document.isObject()) {
        exchange.problem(Status::BadRequest, QStringLiteral("E_BAD_INPUT"), QStringLiteral("the body must be a JSON object"));
        return std::nullopt;
    }
    return document.object();
}

PortalSession *PortalServer::sessionForGet(const RequestInfo &info, Exchange &exchange)
{
    if (info.method != QHttpServerRequest::Method::Get) {
        exchange.problem(Status::MethodNotAllowed, QStringLiteral("E_METHOD"), QStringLiteral("use GET"));
        return nullptr;
    }
    return sessionFor(info, exchange);
}

PortalSession *PortalServer::sessionFor(const RequestInfo &info, Exchange &exchange)
{
    PortalSession *session = m_sessions.find(info.cookieValue(kSessionCookie));
    if (!session) {
        exchange.problem(Status::Unauthorized, QStringLiteral("E_NO_SESSION"), QStringLiteral("log in first"));
        return nullptr;
    }
    if (info.changesState() && info.csrfToken != session->csrfToken) {
        exchange.problem(Status::Forbidden, QStringLiteral("E_CSRF"),
                         QStringLiteral("missing or wrong X-CSRF-Token header"));
        return nullptr;
    }
    return session;
}

QByteArray PortalServer::sessionCookie(const QByteArray &value, int maxAgeSeconds) const
{
    // RFC 6265bis: not readable from script, never sent cross-site, HTTPS-only under TLS.
    QByteArray cookie = QByteArray(kSessionCookie) + '=' + value +
                        "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + QByteArray::number(maxAgeSeconds);
    if (m_options.tls())
        cookie += "; Secure";
    return cookie;
}

QCoro::Task<> PortalServer::login(RequestInfo info, Exchange exchange)
{
    if (m_guard.banned(info.client)) {
        exchange.problem(Status::TooManyRequests, QStringLiteral("E_BANNED"),
                         QStringLiteral("too many failed logins from your address"),
                         QStringLiteral("wait ten minutes, then try again"));
        co_return;
    }
    if (m_options.embedded) {
        // Embedded in the desktop app: sessions come only from its one-time links.
        exchange.problem(Status::Forbidden, QStringLiteral("E_EMBEDDED"),
                         QStringLiteral("this portal belongs to a desktop app and takes no logins"),
                         QStringLiteral("use Open in browser in the Podbay app"));
        co_return;
    }
    const QJsonObject body = QJsonDocument::fromJson(info.body).object();
    const QString user = body.value(QStringLiteral("user")).toString();
    const QJsonValue passwordValue = body.value(QStringLiteral("password"));
    const QString password = passwordValue.toString();
    // No password is fine: the login node then asks for what it wants (relayed).
    if (!plausibleUserName(user) || !(passwordValue.isString() || passwordValue.isUndefined())
        || password.size() > 1024) {
        exchange.problem(Status::BadRequest, QStringLiteral("E_BAD_INPUT"),
                         QStringLiteral("send {\"user\": NAME, \"password\": PASSWORD}"));
        co_return;
    }
    dropExpiredLogins();
    if (m_logins.size() >= kMaxPendingLogins) {
        exchange.problem(Status::ServiceUnavailable, QStringLiteral("E_BUSY"),
                         QStringLiteral("too many logins under way"), QStringLiteral("try again in a minute"));
        co_return;
    }
    core::ConnectionProfile profile;
    profile.host = m_options.loginNodeHost;
    profile.port = m_options.loginNodePort;
    profile.user = user;
    profile.password = password; // only for this attempt: never stored or logged
    profile.knownHostsFile = m_options.knownHostsFile;
    profile.helperCommand = m_options.helperCommand;
    auto pending = std::make_unique<PendingLogin>(std::move(profile), info.client);
    const QByteArray id = pending->id;
    pending->start();
    m_logins.emplace(id, std::move(pending));
    co_await finishLogin(id, info.client, std::move(exchange));
}

QCoro::Task<> PortalServer::answerChallenge(RequestInfo info, Exchange exchange)
{
    if (m_guard.banned(info.client)) {
        exchange.problem(Status::TooManyRequests, QStringLiteral("E_BANNED"),
                         QStringLiteral("too many failed logins from your address"));
        co_return;
    }
    const QJsonObject body = QJsonDocument::fromJson(info.body).object();
    const QByteArray id = body.value(QStringLiteral("login")).toString().toLatin1();
    const QJsonArray given = body.value(QStringLiteral("answers")).toArray();
    QStringList answers;
    for (const QJsonValue &answer : given) {
        if (!answer.isString() || answer.toString().size() > 1024) {
            answers.clear();
            break;
        }
        answers.append(answer.toString());
    }
    dropExpiredLogins();
    const auto it = m_logins.find(id);
    // Only the client that started the login may answer for it.
    if (id.isEmpty() || it == m_logins.end() || it->second->client != info.client) {
        exchange.problem(Status::NotFound, QStringLiteral("E_NO_LOGIN"), QStringLiteral("no such login under way"),
                         QStringLiteral("log in again"));
        co_return;
    }
    if (answers.size() != given.size() || !it->second->answer(answers)) {
        exchange.problem(Status::BadRequest, QStringLiteral("E_BAD_INPUT"),
                         QStringLiteral("send {\"login\": ID, \"answers\": [one string per prompt]}"));
        co_return;
    }
    co_await finishLogin(id, info.client, std::move(exchange));
}

QCoro::Task<> PortalServer::finishLogin(QByteArray loginId, QHostAddress client, Exchange exchange)
{
    QPointer<PortalServer> self(this);
    auto it = m_logins.find(loginId);
    if (it != m_logins.end() && it->second->state() == PendingLogin::State::Running) {
        QPointer<PendingLogin> pending = it->second.get();
        // Connecting has its own timeouts (15 s each step); this one only bounds a hang.
        co_await qCoro(pending.data(), &PendingLogin::progressed, std::chrono::seconds(90));
        if (!self)
            co_return;
        it = m_logins.find(loginId);
    }
    if (it == m_logins.end()) {
        exchange.problem(Status::Gone, QStringLiteral("E_NO_LOGIN"), QStringLiteral("the login was abandoned"),
                         QStringLiteral("log in again"));
        co_return;
    }
    PendingLogin *pending = it->second.get();
    if (pending->state() == PendingLogin::State::Running) {
        exchange.problem(Status::GatewayTimeout, QStringLiteral("E_TIMEOUT"),
                         QStringLiteral("the login node did not answer"));
        dropLogin(loginId);
        co_return;
    }
    if (pending->state() == PendingLogin::State::Challenge) {
        // RFC 4256 section 3.2: a name, an instruction and prompts with echo flags.
        const core::Challenge &challenge = pending->challenge();
        QJsonArray prompts;
        for (const auto &prompt : challenge.prompts)
            prompts.append(QJsonObject{{QStringLiteral("text"), prompt.text}, {QStringLiteral("echo"), prompt.echo}});
        exchange.json(Status::Accepted, {{QStringLiteral("login"), QString::fromLatin1(loginId)},
                                         {QStringLiteral("user"), pending->user},
                                         {QStringLiteral("name"), challenge.name},
                                         {QStringLiteral("instruction"), challenge.instruction},
                                         {QStringLiteral("prompts"), prompts}});
        co_return;
    }
    const core::Result<core::HelloInfo> hello = pending->result();
    std::unique_ptr<core::Connection> connection = pending->takeConnection();
    const QString user = pending->user;
    dropLogin(loginId);
    if (!hello.ok()) {
        if (hello.error().code == QLatin1String("E_AUTH")) {
            m_guard.failed(client);
            ++m_metrics.loginFailures;
            exchange.problem(Status::Unauthorized, hello.error());
        } else {
            exchange.problem(Status::BadGateway, hello.error());
        }
        co_return;
    }
    m_guard.succeeded(client);
    PortalSession *session = m_sessions.create(user, std::move(connection));
    exchange.json(Status::Ok, sessionJson(*session),
                  {{"Set-Cookie", sessionCookie(session->id, int(m_sessions.absoluteTimeout.count()))}});
}

void PortalServer::dropLogin(const QByteArray &loginId)
{
    const auto it = m_logins.find(loginId);
    if (it == m_logins.end())
        return;
    // Later: we may be inside one of its signals.
    it->second.release()->deleteLater();
    m_logins.erase(it);
}

void PortalServer::dropExpiredLogins()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    std::vector<QByteArray> expired;
    for (const auto &[id, pending] : m_logins)
        if (pending->started.secsTo(now) > PendingLogin::kAnswerTimeout.count() * 3)
            expired.push_back(id);
    for (const QByteArray &id : expired)
        dropLogin(id);
}

QString PortalServer::embedConnection(core::Connection *connection)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (auto it = m_embedTokens.begin(); it != m_embedTokens.end();)
        it = it->expires < now ? m_embedTokens.erase(it) : std::next(it);
    const QByteArray token = SessionStore::randomToken();
    m_embedTokens.insert(token, {connection, now.addSecs(kEmbedTokenLifetime.count())});
    return QStringLiteral("/login?token=") + QString::fromLatin1(token);
}

void PortalServer::embeddedLogin(const RequestInfo &info, Exchange exchange)
{
    // The token is void from here on, whatever happens next.
    const QByteArray token = QUrlQuery(info.query).queryItemValue(QStringLiteral("token")).toLatin1();
    const EmbedToken entry = m_embedTokens.take(token);
    const bool valid = !token.isEmpty() && entry.connection && entry.expires >= QDateTime::currentDateTimeUtc()
                       && entry.connection->state() == core::Connection::State::Connected;
    if (info.method != QHttpServerRequest::Method::Get || !valid) {
        ++m_metrics.loginFailures;
        exchange.send(Status::Forbidden, "text/html; charset=utf-8",
                      "<!doctype html><title>Podbay</title><p>This link was used already or has expired. "
                      "Use <b>Open in browser</b> in the Podbay app again.</p>");
        return;
    }
    PortalSession *session = m_sessions.createBorrowed(entry.connection->hello().user, entry.connection.data());
    // 303: the browser fetches the web app with GET, and the token leaves the address bar.
    exchange.send(Status::SeeOther, "text/plain; charset=utf-8", "logged in\n",
                  {{"Location", "/"},
                   {"Set-Cookie", sessionCookie(session->id, int(m_sessions.absoluteTimeout.count()))}});
}

void PortalServer::logout(const RequestInfo &info, Exchange exchange)
{
    PortalSession *session = sessionFor(info, exchange);
    if (!session)
        return;
    m_sessions.remove(session->id); // closes the session's SSH connection
    exchange.noContent({{"Set-Cookie", sessionCookie("", 0)}});
}

QCoro::Task<> PortalServer::doctor(RequestInfo info, Exchange exchange)
{
    PortalSession *session = sessionForGet(info, exchange);
    if (!session)
        co_return;
    // The model lives with the session's connection, so a logout mid-call takes it along.
    QPointer<core::DoctorModel> model = new core::DoctorModel(session->connection->rpc(), session->connection.data());
    const auto result = co_await model->runForMe();
    if (!model)
        co_return; // the session ended while the checks ran; the client is told nothing more
    if (!result.ok())
        exchange.problem(Status::BadGateway, result.error());
    else
        exchange.json(Status::Ok, doctorJson(*model));
    model->deleteLater();
}

void PortalServer::api(const RequestInfo &info, Exchange exchange)
{
    // DELETE /api/v1/calls/ID cancels a call of this session still running ($/cancel,
    // docs/protocol.md "Cancelling"); the page learns the id from the event stream. The
    // call itself then answers 409 E_CANCELLED.
    static const QRegularExpression callPath(QStringLiteral("^/api/v1/calls/([1-9][0-9]{0,17})$"));
    if (const QRegularExpressionMatch call = callPath.match(info.path); call.hasMatch()) {
        if (info.method != QHttpServerRequest::Method::Delete) {
            exchange.problem(Status::MethodNotAllowed, QStringLiteral("E_METHOD"), QStringLiteral("use DELETE"));
            return;
        }
        PortalSession *session = sessionFor(info, exchange);
        if (!session)
            return;
        core::HelperRpc *rpc = session->connection->rpc();
        const qint64 id = call.captured(1).toLongLong();
        if (!rpc->isPending(id)) {
            exchange.problem(Status::NotFound, QStringLiteral("E_NOT_FOUND"), QStringLiteral("no such call running"));
            return;
        }
        rpc->cancel(id);
        exchange.noContent();
        return;
    }
    const std::optional<QJsonObject> body = jsonBody(info, exchange);
    if (!body)
        return;
    const std::optional<ApiCall> call = apiCallFor(info.method, info.path, *body, info.query);
    if (!call) {
        if (apiPathExists(info.path))
            exchange.problem(Status::MethodNotAllowed, QStringLiteral("E_METHOD"),
                             QStringLiteral("this method is not allowed here"));
        else
            exchange.problem(Status::NotFound, QStringLiteral("E_NOT_FOUND"), QStringLiteral("no such API"));
        return;
    }
    helperCall(info, std::move(exchange), call->method, call->params);
}

QCoro::Task<> PortalServer::helperCall(RequestInfo info, Exchange exchange, QString method, QJsonObject params)
{
    PortalSession *session = sessionFor(info, exchange);
    if (!session)
        co_return;
    // The session's connection may close (logout, timeout) while the call runs: hold it
    // by QPointer and answer only if it is still there.
    QPointer<core::HelperRpc> rpc = session->connection->rpc();
    const QByteArray sessionId = session->id;
    QElapsedTimer timer;
    timer.start();
    const auto result = co_await rpc->call(method, params, std::chrono::hours(6));
    if (!m_sessions.find(sessionId)) {
        // Logged out (or expired) while the call ran: that, not the dropped connection's
        // E_DISCONNECTED, is what happened.
        exchange.problem(Status::Unauthorized, QStringLiteral("E_NO_SESSION"), QStringLiteral("the session ended while this ran"));
        co_return;
    }
    if (!rpc)
        co_return;
    ++m_metrics.helperCalls;
    m_metrics.helperSeconds += double(timer.nsecsElapsed()) / 1e9;
    if (!result.ok())
        ++m_metrics.helperErrors;
    if (!result.ok()) {
        exchange.problem(result.error());
        co_return;
    }
    QJsonObject out;
    if (result.value().isObject())
        out = result.value().toObject();
    else
        out.insert(QStringLiteral("result"), result.value());
    exchange.json(Status::Ok, out);
}

} // namespace podbay::portal
