#pragma once
// Live helper notifications for the web app: GET /api/v1/events upgrades to a WebSocket
// (RFC 6455) that carries the session's `progress` and `log` notifications
// (docs/protocol.md, "Notifications") as JSON text messages, so long builds, pushes and
// runs show their output while they run. Browsers send cookies and an Origin with the
// handshake but no CSRF header: the Origin must name this portal (cross-site WebSocket
// hijacking) and the session cookie must be live. The socket closes when the session
// ends. Server to browser only: messages from the browser are ignored.

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

class QAbstractHttpServer;
class QWebSocket;

namespace podbay::portal {

class SessionStore;

class EventStream : public QObject
{
    Q_OBJECT

public:
    // `originAllowed` says whether an Origin header value names this portal.
    EventStream(QAbstractHttpServer *server, SessionStore *sessions,
                std::function<bool(const QByteArray &origin)> originAllowed, QByteArray cookieName,
                QObject *parent = nullptr);

    static constexpr const char *kPath = "/api/v1/events";
    // Per session: a few tabs, not an unbounded number of sockets.
    static constexpr int kMaxPerSession = 4;

    int socketCount() const { return int(m_sockets.size()); }

private:
    void acceptPending();
    void accept(QWebSocket *socket);
    void sessionEnded(const QByteArray &id);

    QAbstractHttpServer *m_server;
    SessionStore *m_sessions;
    std::function<bool(const QByteArray &)> m_originAllowed;
    QByteArray m_cookieName;
    QMultiHash<QByteArray, QPointer<QWebSocket>> m_sockets; // by session id
};

} // namespace podbay::portal
