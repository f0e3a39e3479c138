#pragma once
// The thread that owns the libssh session. libssh sessions are not thread-safe,
// so every libssh call happens here: connect and authenticate (blocking, asking
// people through the PromptBridge), then an event-driven loop that reads all open
// channels whenever the socket is readable (QSocketNotifier), sends keepalives and
// notices a dropped connection at once. SshConnection is its main-thread face.

#include "ConnectionProfile.h"
#include "Error.h"
#include "KnownHosts.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QObject>
#include <QPromise>

#include <chrono>
#include <map>
#include <memory>
#include <optional>

class QSocketNotifier;
class QTimer;
typedef struct ssh_session_struct *ssh_session;
typedef struct ssh_channel_struct *ssh_channel;

namespace podbay::core {

class PromptBridge;

struct ExecResult
{
    int exitStatus = -1;
    QByteArray standardOutput;
    QByteArray standardError;
};

struct PtySize
{
    int columns = 80;
    int rows = 24;
};

template<typename T>
using PromisePtr = std::shared_ptr<QPromise<T>>;

class SshWorker : public QObject
{
    Q_OBJECT

public:
    explicit SshWorker(PromptBridge *bridge);
    ~SshWorker() override;

    // Everything below runs on the worker thread (called through invokeMethod).
    void connectToHost(ConnectionProfile profile, PromisePtr<Result<HostKeyInfo>> done);
    void exec(quint64 id, QByteArray command, std::chrono::milliseconds timeout, PromisePtr<Result<ExecResult>> done);
    void openStream(quint64 id, QByteArray command, std::optional<PtySize> pty, PromisePtr<Result<void>> done);
    void write(quint64 id, QByteArray data);
    void sendEof(quint64 id);
    void resizePty(quint64 id, PtySize size);
    void closeChannel(quint64 id);
    void disconnectFromHost();
    // Frees everything; the worker is unusable afterwards.
    void shutdown();

Q_SIGNALS:
    void streamData(quint64 id, QByteArray data, bool isStderr);
    void streamFinished(quint64 id, int exitStatus, QString error);
    void connectionLost(QString reason);

private:
    struct Channel
    {
        ssh_channel handle = nullptr;
        bool stream = false;
        // exec channels collect here until EOF
        ExecResult result;
        QDeadlineTimer deadline;
        PromisePtr<Result<ExecResult>> done;
    };

    ssh_channel openSession(const QByteArray &command, std::optional<PtySize> pty, Error &error);
    void pump();
    void keepalive();
    bool drain(quint64 id, Channel &channel);
    void finish(quint64 id, Channel &channel, std::optional<Error> error);
    void lose(const QString &reason);
    void failAll(const Error &error);
    void freeSession();

    PromptBridge *m_bridge;
    ssh_session m_session = nullptr;
    QSocketNotifier *m_notifier = nullptr;
    QTimer *m_keepalive = nullptr;
    QTimer *m_poll = nullptr;
    std::map<quint64, Channel> m_channels;
    QString m_host;
};

} // namespace podbay::core
