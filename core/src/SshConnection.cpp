#include "SshConnection.h"

#include "ErrorCodes.h"

#include <QCoroFuture>

namespace podbay::core {
namespace {

template<typename T>
PromisePtr<T> startedPromise()
{
    auto promise = std::make_shared<QPromise<T>>();
    promise->start();
    return promise;
}

Error notConnected()
{
    return Error{QString(errc::kNotConnected), QObject::tr("Not connected to the login node."),
                 QObject::tr("Connect first.")};
}

} // namespace

SshConnection::SshConnection(QObject *parent)
    : QObject(parent)
    , m_worker(new SshWorker(&m_bridge))
{
    m_thread.setObjectName(QStringLiteral("podbay-ssh"));
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &SshWorker::streamData, this, &SshConnection::onStreamData);
    connect(m_worker, &SshWorker::streamFinished, this, &SshConnection::onStreamFinished);
    connect(m_worker, &SshWorker::connectionLost, this, &SshConnection::onConnectionLost);
    m_thread.start();
}

SshConnection::~SshConnection()
{
    // Unblock a worker waiting for an answer, free the session on its own thread,
    // then stop the thread. Each libssh call is bounded by the profile's timeout.
    m_bridge.cancelAll();
    QMetaObject::invokeMethod(m_worker, &SshWorker::shutdown, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

void SshConnection::setPrompter(Prompter *prompter)
{
    m_bridge.setPrompter(prompter);
}

QCoro::Task<Result<void>> SshConnection::connectToHost(ConnectionProfile profile)
{
    disconnectFromHost();
    m_bridge.reopen();
    QPointer<SshConnection> self(this);
    auto promise = startedPromise<Result<HostKeyInfo>>();
    QFuture<Result<HostKeyInfo>> future = promise->future();
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, profile, promise] { w->connectToHost(profile, promise); }, Qt::QueuedConnection);
    Result<HostKeyInfo> result = co_await future;
    if (!self)
        co_return notConnected();
    if (!result.ok())
        co_return result.error();
    m_profile = profile;
    m_profile.password.clear(); // no credential is kept once authenticated
    m_hostKey = result.value();
    setConnected(true);
    co_return Result<void>{};
}

QCoro::Task<Result<ExecResult>> SshConnection::exec(QString command, std::chrono::milliseconds timeout)
{
    if (!m_connected)
        co_return notConnected();
    const quint64 id = ++m_nextId;
    auto promise = startedPromise<Result<ExecResult>>();
    QFuture<Result<ExecResult>> future = promise->future();
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, id, utf8 = command.toUtf8(), timeout, promise] { w->exec(id, utf8, timeout, promise); },
        Qt::QueuedConnection);
    Result<ExecResult> result = co_await future;
    co_return result;
}

QCoro::Task<Result<SshChannel *>> SshConnection::openChannel(QString command, std::optional<PtySize> pty)
{
    if (!m_connected)
        co_return notConnected();
    QPointer<SshConnection> self(this);
    const quint64 id = ++m_nextId;
    // Registered before the worker can deliver data for it.
    auto *channel = new SshChannel(this, m_worker, id);
    m_channels.insert(id, channel);
    auto promise = startedPromise<Result<void>>();
    QFuture<Result<void>> future = promise->future();
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, id, utf8 = command.toUtf8(), pty, promise] { w->openStream(id, utf8, pty, promise); },
        Qt::QueuedConnection);
    Result<void> opened = co_await future;
    if (!self)
        co_return notConnected();
    if (!opened.ok()) {
        m_channels.remove(id);
        delete channel;
        co_return opened.error();
    }
    co_return channel;
}

void SshConnection::disconnectFromHost()
{
    if (!m_connected)
        return;
    m_bridge.cancelAll();
    QMetaObject::invokeMethod(m_worker, &SshWorker::disconnectFromHost, Qt::QueuedConnection);
    setConnected(false);
}

void SshConnection::onStreamData(quint64 id, const QByteArray &data, bool isStderr)
{
    if (SshChannel *channel = m_channels.value(id))
        channel->deliver(data, isStderr);
}

void SshConnection::onStreamFinished(quint64 id, int exitStatus, const QString &error)
{
    if (SshChannel *channel = m_channels.take(id))
        channel->markFinished(exitStatus, error);
}

void SshConnection::onConnectionLost(const QString &reason)
{
    if (!m_connected)
        return;
    setConnected(false);
    Q_EMIT connectionLost(Error{QString(errc::kDisconnected), reason, tr("Reconnect to continue.")});
}

void SshConnection::setConnected(bool connected)
{
    if (m_connected == connected)
        return;
    m_connected = connected;
    Q_EMIT connectedChanged(connected);
}

} // namespace podbay::core
