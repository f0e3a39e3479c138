#include "EventStream.h"

#include "SessionStore.h"

#include <HelperRpc.h>

#include <QAbstractHttpServer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QWebSocket>

namespace podbay::portal {
namespace {

QByteArray cookieValue(const QByteArray &header, const QByteArray &name)
{
    // RFC 6265 section 5.4: "name=value; name2=value2".
    for (const QByteArray &pair : header.split(';')) {
        const QByteArray trimmed = pair.trimmed();
        if (trimmed.startsWith(name + '='))
            return trimmed.mid(name.size() + 1);
    }
    return {};
}

void send(QWebSocket *socket, const QJsonObject &message)
{
    socket->sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

} // namespace

EventStream::EventStream(QAbstractHttpServer *server, SessionStore *sessions,
                         std::function<bool(const QByteArray &)> originAllowed, QByteArray cookieName, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_sessions(sessions)
    , m_originAllowed(std::move(originAllowed))
    , m_cookieName(std::move(cookieName))
{
    connect(server, &QAbstractHttpServer::newWebSocketConnection, this, &EventStream::acceptPending);
    connect(sessions, &SessionStore::ended, this, &EventStream::sessionEnded);
}

void EventStream::acceptPending()
{
    while (m_server->hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = m_server->nextPendingWebSocketConnection();
        if (socket)
            accept(socket.release());
    }
}

void EventStream::accept(QWebSocket *socket)
{
    socket->setParent(this);
    connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    const QNetworkRequest request = socket->request();
    auto refuse = [socket](const QString &why) {
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, why);
    };
    if (request.url().path() != QLatin1String(kPath))
        return refuse(QStringLiteral("no such stream"));
    // RFC 6455 section 10.2: the server checks Origin; a browser always sends one.
    if (!m_originAllowed(socket->origin().toUtf8()))
        return refuse(QStringLiteral("requests from other sites are refused"));
    const QByteArray id = cookieValue(request.rawHeader("Cookie"), m_cookieName);
    PortalSession *session = m_sessions->find(id);
    if (!session || !session->connection)
        return refuse(QStringLiteral("log in first"));
    if (m_sockets.count(id) >= kMaxPerSession)
        return refuse(QStringLiteral("too many event streams for this session"));

    m_sockets.insert(id, socket);
    connect(socket, &QObject::destroyed, this, [this, id, socket] { m_sockets.remove(id, socket); });
    core::HelperRpc *rpc = session->connection->rpc();
    connect(rpc, &core::HelperRpc::progress, socket, [socket](qint64 call, double fraction, const QString &message) {
        send(socket, {{QStringLiteral("type"), QStringLiteral("progress")},
                      {QStringLiteral("call"), call},
                      {QStringLiteral("fraction"), fraction},
                      {QStringLiteral("message"), message}});
    });
    connect(rpc, &core::HelperRpc::log, socket, [socket](qint64 call, const QString &stream, const QString &text) {
        send(socket, {{QStringLiteral("type"), QStringLiteral("log")},
                      {QStringLiteral("call"), call},
                      {QStringLiteral("stream"), stream},
                      {QStringLiteral("text"), text}});
    });
    // The connection going away (a drop, the desktop app closing it) ends the stream too.
    connect(rpc, &QObject::destroyed, socket, [socket] { socket->close(); });
    connect(rpc, &core::HelperRpc::stopped, socket, [socket] { socket->close(QWebSocketProtocol::CloseCodeGoingAway); });
    send(socket, {{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("user"), session->user}});
}

void EventStream::sessionEnded(const QByteArray &id)
{
    for (const QPointer<QWebSocket> &socket : m_sockets.values(id))
        if (socket)
            socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("logged out"));
}

} // namespace podbay::portal
