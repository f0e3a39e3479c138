#include "SessionStore.h"

#include <QRandomGenerator>

namespace podbay::portal {

SessionStore::SessionStore(QObject *parent) : QObject(parent) {}

QByteArray SessionStore::randomToken()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

PortalSession *SessionStore::create(const QString &user, std::unique_ptr<core::Connection> connection)
{
    PortalSession *session = createBorrowed(user, connection.get());
    session->owned = std::move(connection);
    return session;
}

PortalSession *SessionStore::createBorrowed(const QString &user, core::Connection *connection)
{
    auto session = std::make_unique<PortalSession>();
    session->id = randomToken();
    session->csrfToken = randomToken();
    session->user = user;
    session->connection = connection;
    session->created = session->lastUsed = QDateTime::currentDateTimeUtc();
    PortalSession *raw = session.get();
    m_sessions[raw->id] = std::move(session);
    return raw;
}

PortalSession *SessionStore::find(const QByteArray &id)
{
    const auto it = m_sessions.find(id);
    if (id.isEmpty() || it == m_sessions.end())
        return nullptr;
    PortalSession *session = it->second.get();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool expired = session->lastUsed.secsTo(now) > idleTimeout.count() ||
                         session->created.secsTo(now) > absoluteTimeout.count() ||
                         !session->connection || session->connection->state() != core::Connection::State::Connected;
    if (expired) {
        remove(id);
        return nullptr;
    }
    session->lastUsed = now;
    return session;
}

void SessionStore::remove(const QByteArray &idRef)
{
    const QByteArray id = idRef; // `idRef` may be the session's own id, gone after erase()
    const auto it = m_sessions.find(id);
    if (it == m_sessions.end())
        return;
    if (it->second->privileged) {
        it->second->privileged->stop();
        it->second->privileged->deleteLater();
    }
    if (it->second->owned) {
        it->second->owned->close();
        // Deleted later: a coroutine of this session may still be on the stack.
        it->second->owned.release()->deleteLater();
    }
    m_sessions.erase(it);
    Q_EMIT ended(id);
}

bool LoginGuard::banned(const QHostAddress &client) const
{
    const auto it = m_records.constFind(client.toString());
    return it != m_records.cend() && it->bannedUntil.isValid() &&
           it->bannedUntil > QDateTime::currentDateTimeUtc();
}

void LoginGuard::failed(const QHostAddress &client)
{
    Record &record = m_records[client.toString()];
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!record.first.isValid() || record.first.secsTo(now) > window.count()) {
        record.failures = 0;
        record.first = now;
    }
    if (++record.failures >= maxFailures)
        record.bannedUntil = now.addSecs(ban.count());
}

void LoginGuard::succeeded(const QHostAddress &client)
{
    m_records.remove(client.toString());
}

} // namespace podbay::portal
