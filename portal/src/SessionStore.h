#pragma once
// The portal's sessions: one SSH connection to the login node per logged-in browser,
// as that user (the portal never has more privilege than the user). Session ids are
// 192 random bits from the system's CSPRNG; each session has its own CSRF token; idle and
// absolute timeouts end it, and ending it closes its SSH connection.

#include <AdminPlan.h>
#include <Connection.h>

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>
#include <unordered_map>
#include <memory>

namespace podbay::portal {

struct PortalSession
{
    QByteArray id;
    QByteArray csrfToken;
    QString user;
    // The session's SSH connection: its own (headless logins) or the desktop app's
    // (embedded mode, borrowed: the app closes it, the session only stops using it).
    QPointer<core::Connection> connection;
    std::unique_ptr<core::Connection> owned;
    // Helpdesk work: `serve --privileged` through sudo on the same SSH connection, opened
    // on the first lookup (docs/protocol.md, "Roles"); stopped with the session.
    QPointer<core::HelperRpc> privileged;
    // The admin page's plan (admin.*, dryRun), the only thing /api/v1/admin/apply runs.
    QPointer<core::AdminPlan> adminPlan;
    QDateTime created;
    QDateTime lastUsed;
};

class SessionStore : public QObject
{
    Q_OBJECT

public:
    explicit SessionStore(QObject *parent = nullptr);

    std::chrono::seconds idleTimeout{std::chrono::minutes(30)};
    std::chrono::seconds absoluteTimeout{std::chrono::hours(12)};

    // Takes an open connection; returns the new session.
    PortalSession *create(const QString &user, std::unique_ptr<core::Connection> connection);
    // A session on a connection someone else owns (the desktop app's).
    PortalSession *createBorrowed(const QString &user, core::Connection *connection);
    // The live session with this id (touching it), or nullptr: unknown, expired (then
    // removed and its connection closed) or its connection dropped.
    PortalSession *find(const QByteArray &id);
    void remove(const QByteArray &id);
    int count() const { return int(m_sessions.size()); }

    // 24 bytes from QRandomGenerator::system(), base64url without padding (32 chars).
    static QByteArray randomToken();

Q_SIGNALS:
    // A session ended: logged out, expired or its connection gone.
    void ended(const QByteArray &id);

private:
    std::unordered_map<QByteArray, std::unique_ptr<PortalSession>> m_sessions;
};

// Repeated failed logins from one client address ban it for a while (brute force on
// cluster passwords through the portal).
class LoginGuard
{
public:
    int maxFailures = 5;
    std::chrono::seconds window{std::chrono::minutes(10)};
    std::chrono::seconds ban{std::chrono::minutes(10)};

    bool banned(const QHostAddress &client) const;
    void failed(const QHostAddress &client);
    void succeeded(const QHostAddress &client);

private:
    struct Record
    {
        int failures = 0;
        QDateTime first;
        QDateTime bannedUntil;
    };
    QHash<QString, Record> m_records;
};

} // namespace podbay::portal
