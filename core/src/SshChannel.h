#pragma once
// A long-lived channel on an SshConnection: the helper's `serve` channel or a PTY
// shell. Data arrives as signals on the main thread; writes are queued to the
// SSH worker thread in order.

#include "SshWorker.h"

#include <QObject>
#include <QPointer>

namespace podbay::core {

class SshConnection;

class SshChannel : public QObject
{
    Q_OBJECT

public:
    ~SshChannel() override;

    void write(const QByteArray &data);
    void sendEof();
    void resizePty(PtySize size);
    void close();
    bool isOpen() const { return m_open; }
    quint64 id() const { return m_id; }

Q_SIGNALS:
    void dataReceived(QByteArray data, bool isStderr);
    // exitStatus -1 and a non-empty error when the channel or the connection failed.
    void finished(int exitStatus, QString error);

private:
    friend class SshConnection;
    SshChannel(SshConnection *connection, SshWorker *worker, quint64 id);
    void deliver(const QByteArray &data, bool isStderr);
    void markFinished(int exitStatus, const QString &error);

    QPointer<SshWorker> m_worker;
    quint64 m_id;
    bool m_open = true;
};

} // namespace podbay::core
