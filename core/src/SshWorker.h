#pragma once
// The thread that owns the libssh session (and the sessions of any ProxyJump hops,
// whose relays run on threads of their own, SshJumpTunnel). libssh sessions are not thread-safe,
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
#include <vector>

class QSocketNotifier;
class QTimer;
typedef struct ssh_session_struct *ssh_session;
typedef struct ssh_channel_struct *ssh_channel;

namespace podbay::core {

class PromptBridge;
class SshJumpTunnel;

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

    // Connects over `socket` (a jump host's tunnel; -1: TCP to the profile's host),
    // verifies the host key and authenticates; nullptr and `error` on failure.
    ssh_session openSession(const ConnectionProfile &profile, int socket, const QString &what, Error &error);
    // The profile's ProxyJump hops, each through the one before; returns the socket
    // for the login node's session, or -1 (with `error` when there were hops).
    int openJumps(const ConnectionProfile &profile, Error &error);
    ssh_channel openChannel(const QByteArray &command, std::optional<PtySize> pty, Error &error);
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
    // ProxyJump hops, first hop first; the session runs over the last one.
    std::vector<std::unique_ptr<SshJumpTunnel>> m_jumps;
    HostKeyInfo m_hostKeyOfLastSession;
    QString m_host;
};

} // namespace podbay::core
