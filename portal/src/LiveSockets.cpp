#include "LiveSockets.h"

#include "SessionStore.h"

#include <BuildFlow.h>
#include <HelperRpc.h>
#include <SshConnection.h>

#include <QAbstractHttpServer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>

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

LiveSockets::LiveSockets(QAbstractHttpServer *server, SessionStore *sessions,
                         std::function<bool(const QByteArray &)> originAllowed, QByteArray cookieName, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_sessions(sessions)
    , m_originAllowed(std::move(originAllowed))
    , m_cookieName(std::move(cookieName))
{
    connect(server, &QAbstractHttpServer::newWebSocketConnection, this, &LiveSockets::acceptPending);
    connect(sessions, &SessionStore::ended, this, &LiveSockets::sessionEnded);
}

void LiveSockets::acceptPending()
{
    while (m_server->hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = m_server->nextPendingWebSocketConnection();
        if (socket)
            accept(socket.release());
    }
}

void LiveSockets::accept(QWebSocket *socket)
{
    socket->setParent(this);
    connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    const QNetworkRequest request = socket->request();
    auto refuse = [socket](const QString &why) {
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, why);
    };
    const QString path = request.url().path();
    if (path != QLatin1String(kPath) && path != QLatin1String(kTerminalPath))
        return refuse(QStringLiteral("no such stream"));
    // RFC 6455 section 10.2: the server checks Origin; a browser always sends one.
    if (!m_originAllowed(socket->origin().toUtf8()))
        return refuse(QStringLiteral("requests from other sites are refused"));
    const QByteArray id = cookieValue(request.rawHeader("Cookie"), m_cookieName);
    PortalSession *session = m_sessions->find(id);
    if (!session || !session->connection)
        return refuse(QStringLiteral("log in first"));
    if (m_sockets.count(id) >= kMaxPerSession)
        return refuse(QStringLiteral("too many streams for this session"));
    m_sockets.insert(id, socket);
    connect(socket, &QObject::destroyed, this, [this, id, socket] { m_sockets.remove(id, socket); });
    if (path == QLatin1String(kPath))
        return streamEvents(socket, session);

    const QUrlQuery query(request.url());
    const QString container = query.queryItemValue(QStringLiteral("container"), QUrl::FullyDecoded);
    // The helper checks the name and the owner again; this keeps junk off the command line.
    static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$"));
    if (!name.match(container).hasMatch())
        return refuse(QStringLiteral("give the working container: ?container=NAME"));
    const int columns = std::clamp(query.queryItemValue(QStringLiteral("cols")).toInt(), 20, 500);
    const int rows = std::clamp(query.queryItemValue(QStringLiteral("rows")).toInt(), 5, 200);
    core::SshConnection *ssh = session->connection->ssh();
    openTerminal(socket, ssh, core::BuildFlow::shellCommand(ssh->profile().helperCommand, container), columns, rows);
}

void LiveSockets::streamEvents(QWebSocket *socket, PortalSession *session)
{
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

QCoro::Task<> LiveSockets::openTerminal(QPointer<QWebSocket> socket, QPointer<core::SshConnection> ssh, QString command,
                                        int columns, int rows)
{
    auto opened = co_await ssh->openChannel(command, core::PtySize{columns, rows});
    if (!socket) {
        if (opened.ok())
            opened.value()->close();
        co_return;
    }
    if (!opened.ok()) {
        socket->close(QWebSocketProtocol::CloseCodeAbnormalDisconnection, opened.error().message.left(120));
        co_return;
    }
    QPointer<core::SshChannel> channel = opened.value();
    QWebSocket *ws = socket.data();
    connect(channel, &core::SshChannel::dataReceived, ws, [ws](const QByteArray &data, bool) {
        ws->sendBinaryMessage(data);
    });
    connect(channel, &core::SshChannel::finished, ws, [ws](int status, const QString &) {
        send(ws, {{QStringLiteral("type"), QStringLiteral("exit")}, {QStringLiteral("status"), status}});
        ws->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("the shell ended"));
    });
    connect(ws, &QWebSocket::binaryMessageReceived, channel, [channel](const QByteArray &data) {
        channel->write(data);
    });
    connect(ws, &QWebSocket::textMessageReceived, channel, [channel](const QString &text) {
        const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
        if (message.value(QStringLiteral("type")).toString() == QLatin1String("resize"))
            channel->resizePty({std::clamp(message.value(QStringLiteral("cols")).toInt(), 20, 500),
                                std::clamp(message.value(QStringLiteral("rows")).toInt(), 5, 200)});
    });
    // The browser left (tab closed, logout): the shell's channel goes too.
    connect(ws, &QObject::destroyed, channel, [channel] {
        if (channel)
            channel->close();
    });
}

void LiveSockets::sessionEnded(const QByteArray &id)
{
    for (QWebSocket *socket : m_sockets.values(id))
        socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("logged out"));
}

} // namespace podbay::portal
