#pragma once
// A connection to one login node as both front ends use it: the SSH connection
// plus the helper's `serve` channel after its system.hello handshake. The GUI's connect page and the portal's login call the same
// open(); neither contains connection logic of its own.

#include "ConnectionProfile.h"
#include "HelperRpc.h"
#include "HelperVersion.h"
#include "SshConnection.h"

#include <QObject>

namespace podbay::core {

class Connection : public QObject
{
    Q_OBJECT

public:
    enum class State { Disconnected, Connecting, Connected };
    Q_ENUM(State)

    explicit Connection(QObject *parent = nullptr);

    // Connects (host key verified, authenticated), then starts the helper and
    // checks its protocol. On any failure the connection is closed again and the
    // Error says why.
    QCoro::Task<Result<HelloInfo>> open(ConnectionProfile profile);
    void close();

    State state() const { return m_state; }
    const HelloInfo &hello() const { return m_rpc.hello(); }
    SshConnection *ssh() { return &m_ssh; }
    HelperRpc *rpc() { return &m_rpc; }
    // Who answers host-key and password questions (not owned).
    void setPrompter(Prompter *prompter) { m_ssh.setPrompter(prompter); }

    // The local login node when run under scripts/demo or the tests: PODBAY_SSH_HOST,
    // PODBAY_SSH_PORT, PODBAY_SSH_USER, PODBAY_SSH_KEY, PODBAY_KNOWN_HOSTS,
    // PODBAY_HELPER. Unset variables keep what `base` has (by default, the defaults of
    // ConnectionProfile).
    static ConnectionProfile profileFromEnvironment(ConnectionProfile base = {});

Q_SIGNALS:
    void stateChanged(podbay::core::Connection::State state);

private:
    void setState(State state);

    SshConnection m_ssh;
    HelperRpc m_rpc{&m_ssh};
    State m_state = State::Disconnected;
};

} // namespace podbay::core
