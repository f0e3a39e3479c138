#pragma once
// The portal's WebSockets (RFC 6455), each bound to a session:
// - /api/v1/events carries the session's `progress` and `log` notifications
//   (docs/protocol.md, "Notifications") as JSON text messages, so long builds, pushes and
//   runs show their output while they run; messages from the browser are ignored.
// - /api/v1/terminal?container=NAME&cols=C&rows=R is a shell in a working container on a
//   PTY channel of the session's SSH connection (`podbay-helper shell NAME`, which checks
//   the container is the user's): binary messages are the terminal's bytes both ways, a
//   text message {"type":"resize","cols","rows"} resizes it, and {"type":"exit","status"}
//   says the shell ended.
// Browsers send cookies and an Origin with the handshake but no CSRF header: the Origin
// must name this portal (cross-site WebSocket hijacking) and the session cookie must be
// live. Every socket closes when its session ends.

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <QCoroTask>

#include <functional>

class QAbstractHttpServer;
class QWebSocket;

namespace podbay::core {
class SshConnection;
}

namespace podbay::portal {

class SessionStore;
struct PortalSession;

class LiveSockets : public QObject
{
    Q_OBJECT

public:
    // `originAllowed` says whether an Origin header value names this portal.
    LiveSockets(QAbstractHttpServer *server, SessionStore *sessions,
                std::function<bool(const QByteArray &origin)> originAllowed, QByteArray cookieName,
                QObject *parent = nullptr);

    static constexpr const char *kPath = "/api/v1/events";
    static constexpr const char *kTerminalPath = "/api/v1/terminal";
    // Per session: a few tabs, not an unbounded number of sockets.
    static constexpr int kMaxPerSession = 4;

    int socketCount() const { return int(m_sockets.size()); }

private:
    void acceptPending();
    void accept(QWebSocket *socket);
    void streamEvents(QWebSocket *socket, PortalSession *session);
    QCoro::Task<> openTerminal(QPointer<QWebSocket> socket, QPointer<core::SshConnection> ssh, QString command,
                               int columns, int rows);
    void sessionEnded(const QByteArray &id);

    QAbstractHttpServer *m_server;
    SessionStore *m_sessions;
    std::function<bool(const QByteArray &)> m_originAllowed;
    QByteArray m_cookieName;
    // By session id. Plain pointers: each entry goes in QObject::destroyed, where a
    // QPointer to the dying socket would already be null.
    QMultiHash<QByteArray, QWebSocket *> m_sockets;
};

} // namespace podbay::portal
