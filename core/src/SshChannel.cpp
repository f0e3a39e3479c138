#include "SshChannel.h"

#include "SshConnection.h"

namespace podbay::core {

SshChannel::SshChannel(SshConnection *connection, SshWorker *worker, quint64 id)
    : QObject(connection)
    , m_worker(worker)
    , m_id(id)
{
}

SshChannel::~SshChannel()
{
    close();
}

void SshChannel::write(const QByteArray &data)
{
    if (!m_open || !m_worker)
        return;
    QMetaObject::invokeMethod(m_worker, [w = m_worker.data(), id = m_id, data] { w->write(id, data); },
                              Qt::QueuedConnection);
}

void SshChannel::sendEof()
{
    if (!m_open || !m_worker)
        return;
    QMetaObject::invokeMethod(m_worker, [w = m_worker.data(), id = m_id] { w->sendEof(id); }, Qt::QueuedConnection);
}

void SshChannel::resizePty(PtySize size)
{
    if (!m_open || !m_worker)
        return;
    QMetaObject::invokeMethod(m_worker, [w = m_worker.data(), id = m_id, size] { w->resizePty(id, size); },
                              Qt::QueuedConnection);
}

void SshChannel::close()
{
    if (!m_open)
        return;
    m_open = false;
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, [w = m_worker.data(), id = m_id] { w->closeChannel(id); },
                                  Qt::QueuedConnection);
}

void SshChannel::deliver(const QByteArray &data, bool isStderr)
{
    Q_EMIT dataReceived(data, isStderr);
}

void SshChannel::markFinished(int exitStatus, const QString &error)
{
    m_open = false;
    Q_EMIT finished(exitStatus, error);
}

} // namespace podbay::core
