#pragma once
// One SSH connection to a login node, many channels on it. The libssh session
// lives on a worker thread of this connection's own (SshWorker); this main-thread
// object offers QCoro coroutines and signals. A dropped connection is reported at
// once (connectionLost), every pending call fails with E_DISCONNECTED, and
// connectToHost() again reconnects.

#include "ConnectionProfile.h"
#include "Error.h"
#include "KnownHosts.h"
#include "PromptBridge.h"
#include "SshChannel.h"
#include "SshWorker.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <QCoroTask>

#include <chrono>

namespace podbay::core {

class SshConnection : public QObject
{
    Q_OBJECT

public:
    explicit SshConnection(QObject *parent = nullptr);
    ~SshConnection() override;

    // Who answers host-key, password, passphrase and one-time-code questions.
    // Not owned; nullptr (the default) answers every question "no".
    void setPrompter(Prompter *prompter);

    // Connects, verifies the host key (asking about an unknown one, refusing a
    // changed one) and authenticates with what the server offers.
    QCoro::Task<Result<void>> connectToHost(ConnectionProfile profile);

    // Runs `command` through the login node's shell (an SSH "exec" request, RFC
    // 4254 section 6.5) on a channel of its own; many may run at once.
    QCoro::Task<Result<ExecResult>> exec(QString command,
                                         std::chrono::milliseconds timeout = std::chrono::seconds(60));

    // A long-lived channel running `command`, with a PTY when `pty` is given.
    // The channel is owned by this connection; delete it or close() it when done.
    QCoro::Task<Result<SshChannel *>> openChannel(QString command, std::optional<PtySize> pty = std::nullopt);

    bool isConnected() const { return m_connected; }
    void disconnectFromHost();

    const ConnectionProfile &profile() const { return m_profile; }
    const HostKeyInfo &hostKey() const { return m_hostKey; }

Q_SIGNALS:
    void connectedChanged(bool connected);
    // The connection dropped on its own (not through disconnectFromHost()).
    void connectionLost(podbay::core::Error error);

private:
    void onStreamData(quint64 id, const QByteArray &data, bool isStderr);
    void onStreamFinished(quint64 id, int exitStatus, const QString &error);
    void onConnectionLost(const QString &reason);
    void setConnected(bool connected);

    PromptBridge m_bridge;
    QThread m_thread;
    SshWorker *m_worker;
    ConnectionProfile m_profile;
    HostKeyInfo m_hostKey;
    bool m_connected = false;
    quint64 m_nextId = 0;
    QHash<quint64, QPointer<SshChannel>> m_channels;
};

} // namespace podbay::core
