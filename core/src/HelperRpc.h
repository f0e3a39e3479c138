#pragma once
// JSON-RPC 2.0 client for `podbay-helper serve` on one long-lived SSH channel
// (docs/protocol.md). Many calls may be in flight; responses are matched by id;
// `progress` and `log` notifications become signals; cancel() sends `$/cancel`.
// If the channel ends, every pending call fails with a clear error.

#include "HelperVersion.h"
#include "SshConnection.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QPointer>

#include <QCoroTask>

#include <chrono>

namespace podbay::core {

class HelperRpc : public QObject
{
    Q_OBJECT

public:
    enum class Mode { User, Privileged };

    explicit HelperRpc(SshConnection *ssh, QObject *parent = nullptr);
    ~HelperRpc() override;

    // Opens `<helper> serve` (or `sudo -n <helper> serve --privileged`) and does
    // the system.hello handshake. A missing helper, a refused sudo or a protocol
    // mismatch becomes an Error that says what to do.
    QCoro::Task<Result<HelloInfo>> start(Mode mode = Mode::User);

    // Sends a request; the id can be passed to cancel() while waitFor() runs.
    qint64 send(const QString &method, const QJsonObject &params = {});
    QCoro::Task<Result<QJsonValue>> waitFor(qint64 id, std::chrono::milliseconds timeout = std::chrono::minutes(30));
    QCoro::Task<Result<QJsonValue>> call(QString method, QJsonObject params = {},
                                         std::chrono::milliseconds timeout = std::chrono::minutes(30));
    void cancel(qint64 id);
    // A call sent and not answered yet.
    bool isPending(qint64 id) const { return m_pending.contains(id); }

    bool isRunning() const { return m_channel && m_channel->isOpen(); }
    const HelloInfo &hello() const { return m_hello; }
    void stop();

Q_SIGNALS:
    void progress(qint64 id, double fraction, QString message);
    void log(qint64 id, QString stream, QString text);
    // The serve channel ended (helper exited, connection dropped, stop()).
    void stopped(podbay::core::Error reason);

private:
    struct Pending;
    void onData(const QByteArray &data, bool isStderr);
    void onFinished(int exitStatus, const QString &error);
    void handleFrame(const QByteArray &frame);
    void failAll(const Error &error);

    QPointer<SshConnection> m_ssh;
    QPointer<SshChannel> m_channel;
    Mode m_mode = Mode::User;
    HelloInfo m_hello;
    QByteArray m_buffer;
    QByteArray m_stderr;
    qint64 m_nextId = 0;
    QHash<qint64, std::shared_ptr<Pending>> m_pending;
};

} // namespace podbay::core
