#include "Connection.h"

#include "ErrorCodes.h"

#include <QPointer>
#include <QProcessEnvironment>

namespace podbay::core {

Connection::Connection(QObject *parent)
    : QObject(parent)
{
    connect(&m_ssh, &SshConnection::connectedChanged, this, [this](bool connected) {
        if (!connected)
            setState(State::Disconnected);
    });
}

QCoro::Task<Result<HelloInfo>> Connection::open(ConnectionProfile profile)
{
    QPointer<Connection> self(this);
    setState(State::Connecting);
    const HelperRpc::Mode mode = profile.privileged ? HelperRpc::Mode::Privileged : HelperRpc::Mode::User;
    const Result<void> connected = co_await m_ssh.connectToHost(std::move(profile));
    if (!self)
        co_return Error{};
    if (!connected.ok()) {
        setState(State::Disconnected);
        co_return connected.error();
    }
    Result<HelloInfo> hello = co_await m_rpc.start(mode);
    if (!self)
        co_return hello;
    if (!hello.ok()) {
        m_ssh.disconnectFromHost();
        setState(State::Disconnected);
        co_return hello;
    }
    setState(State::Connected);
    co_return hello;
}

void Connection::close()
{
    m_rpc.stop();
    m_ssh.disconnectFromHost();
    setState(State::Disconnected);
}

ConnectionProfile Connection::profileFromEnvironment(ConnectionProfile base)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    ConnectionProfile profile = std::move(base);
    profile.host = env.value(QStringLiteral("PODBAY_SSH_HOST"), profile.host);
    bool portOk = false;
    const int port = env.value(QStringLiteral("PODBAY_SSH_PORT")).toInt(&portOk);
    if (portOk && port > 0 && port < 65536)
        profile.port = port;
    profile.user = env.value(QStringLiteral("PODBAY_SSH_USER"), profile.user);
    profile.identityFile = env.value(QStringLiteral("PODBAY_SSH_KEY"), profile.identityFile);
    profile.knownHostsFile = env.value(QStringLiteral("PODBAY_KNOWN_HOSTS"), profile.knownHostsFile);
    profile.helperCommand = env.value(QStringLiteral("PODBAY_HELPER"), profile.helperCommand);
    return profile;
}

void Connection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace podbay::core
