#include "SshWorker.h"

#include "ErrorCodes.h"
#include "JumpHosts.h"
#include "SshAuth.h"
#include "SshConfig.h"
#include "SshJumpTunnel.h"

#include <QFile>
#include <QObject>
#include <QSocketNotifier>
#include <QTimer>

#ifdef PODBAY_HAVE_OPENSSL
#include <openssl/crypto.h>
#endif

#include <libssh/libssh.h>
#include <libssh/server.h> // ssh_send_keepalive is declared here but works for clients

#include <mutex>

#include <unistd.h>

namespace podbay::core {
namespace {

// How often a keepalive@openssh.com request checks the connection; a dead peer
// shows within one interval plus the session timeout.
constexpr int kKeepaliveMs = 15000;
// Safety net for exec deadlines and data libssh buffered without a socket event.
constexpr int kPollMs = 50;
// Per channel and pass, so one chatty channel cannot starve the others.
constexpr int kReadChunk = 65536;

Error makeError(QLatin1StringView code, QString message, QString hint = {})
{
    return Error{QString(code), std::move(message), std::move(hint)};
}

template<typename T>
void fulfil(const PromisePtr<T> &promise, T value)
{
    if (!promise)
        return;
    promise->addResult(std::move(value));
    promise->finish();
}

} // namespace

SshWorker::SshWorker(PromptBridge *bridge)
    : m_bridge(bridge)
{
}

SshWorker::~SshWorker()
{
    shutdown();
}

namespace {

// Session options shared by the login node and every jump host. Only the profile
// decides where we connect: ~/.ssh/config is read explicitly (SshConfig), not behind
// our back by libssh at connect time.
void setSessionOptions(ssh_session s, const ConnectionProfile &profile, const QByteArray &knownHostsPath)
{
    const QByteArray host = profile.host.toUtf8();
    const QByteArray user = profile.user.toUtf8();
    const unsigned int port = static_cast<unsigned int>(profile.port);
    const long timeout = profile.timeoutSeconds;
    const int processConfig = 0;
    ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &processConfig);
    ssh_options_set(s, SSH_OPTIONS_HOST, host.constData());
    ssh_options_set(s, SSH_OPTIONS_PORT, &port);
    ssh_options_set(s, SSH_OPTIONS_USER, user.constData());
    ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeout);
    ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, knownHostsPath.constData());
    if (!profile.knownHostsFile.isEmpty()) {
        // An explicit file is the only source of truth: no system-wide keys.
        ssh_options_set(s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, knownHostsPath.constData());
    }
}

} // namespace

ssh_session SshWorker::openSession(const ConnectionProfile &profile, int socket, const QString &what, Error &error)
{
    ssh_session s = ssh_new();
    if (!s) {
        if (socket >= 0)
            ::close(socket); // not given to libssh yet
        error = makeError(errc::kConnect, QObject::tr("Out of memory."));
        return nullptr;
    }
    const QString knownHosts = profile.knownHostsFile.isEmpty() ? defaultKnownHostsFile() : profile.knownHostsFile;
    setSessionOptions(s, profile, QFile::encodeName(knownHosts));
    if (socket >= 0) // through a jump host; libssh owns the socket from here on
        ssh_options_set(s, SSH_OPTIONS_FD, &socket);

    if (ssh_connect(s) != SSH_OK) {
        const QString why = QString::fromUtf8(ssh_get_error(s));
        freeSshSession(s);
        error = makeError(errc::kConnect, QObject::tr("Cannot connect to %1 port %2: %3").arg(what).arg(profile.port).arg(why),
                          socket >= 0 ? QObject::tr("Check that the jump host can reach it.")
                                      : QObject::tr("Check the host name and port, and that the login node is reachable."));
        return nullptr;
    }
    Result<HostKeyInfo> key = verifyHostKey(s, profile, knownHosts, m_bridge);
    if (key.ok()) {
        if (Result<void> auth = authenticate(s, profile, m_bridge); !auth.ok())
            key = auth.error();
    }
    if (!key.ok()) {
        freeSshSession(s);
        error = key.error();
        return nullptr;
    }
    m_hostKeyOfLastSession = key.value();
    return s;
}

int SshWorker::openJumps(const ConnectionProfile &profile, Error &error)
{
    const Result<QList<ConnectionProfile>> hops = jumpProfiles(profile, SshConfig::loadUserConfig());
    if (!hops.ok()) {
        error = hops.error();
        return -1;
    }
    int socket = -1;
    for (qsizetype i = 0; i < hops.value().size(); ++i) {
        const ConnectionProfile &hop = hops.value().at(i);
        const ConnectionProfile &next = i + 1 < hops.value().size() ? hops.value().at(i + 1) : profile;
        ssh_session s = openSession(hop, socket, QObject::tr("the jump host %1").arg(hop.host), error);
        if (!s) {
            error.message = QObject::tr("Jump host %1: %2").arg(describeHop(hop), error.message);
            return -1;
        }
        // RFC 4254 section 7.2: the jump host connects to the next host itself, so
        // names resolve as they do there (often a cluster-internal name).
        ssh_channel channel = ssh_channel_new(s);
        const QByteArray nextHost = next.host.toUtf8();
        if (!channel || ssh_channel_open_forward(channel, nextHost.constData(), next.port, "127.0.0.1", 0) != SSH_OK) {
            const QString why = QString::fromUtf8(ssh_get_error(s));
            if (channel)
                ssh_channel_free(channel);
            freeSshSession(s);
            error = makeError(errc::kConnect,
                              QObject::tr("The jump host %1 could not open a connection to %2 port %3: %4")
                                  .arg(describeHop(hop), next.host)
                                  .arg(next.port)
                                  .arg(why),
                              QObject::tr("Check the login node's name as the jump host knows it, and that the jump "
                                          "host allows TCP forwarding (sshd_config(5) AllowTcpForwarding)."));
            return -1;
        }
        QString why;
        std::unique_ptr<SshJumpTunnel> tunnel = SshJumpTunnel::start(s, channel, why);
        if (!tunnel) {
            error = makeError(errc::kConnect, why);
            return -1;
        }
        socket = tunnel->takeNextHopSocket();
        m_jumps.push_back(std::move(tunnel));
    }
    return socket;
}

void SshWorker::connectToHost(ConnectionProfile profile, PromisePtr<Result<HostKeyInfo>> done)
{
    static std::once_flag initOnce;
    std::call_once(initOnce, [] { ssh_init(); });

    disconnectFromHost();
    m_host = profile.host;
    Error error;
    const int socket = openJumps(profile, error);
    if (socket < 0 && !profile.jumpHost.trimmed().isEmpty()) {
        freeSession();
        return fulfil<Result<HostKeyInfo>>(done, error);
    }
    m_session = openSession(profile, socket, profile.host, error);
    if (!m_session) {
        freeSession();
        return fulfil<Result<HostKeyInfo>>(done, error);
    }

    m_notifier = new QSocketNotifier(ssh_get_fd(m_session), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SshWorker::pump);
    m_keepalive = new QTimer(this);
    connect(m_keepalive, &QTimer::timeout, this, &SshWorker::keepalive);
    m_keepalive->start(kKeepaliveMs);
    m_poll = new QTimer(this);
    connect(m_poll, &QTimer::timeout, this, &SshWorker::pump);
    fulfil<Result<HostKeyInfo>>(done, m_hostKeyOfLastSession);
}

ssh_channel SshWorker::openChannel(const QByteArray &command, std::optional<PtySize> pty, Error &error)
{
    if (!m_session || !ssh_is_connected(m_session)) {
        error = makeError(errc::kNotConnected, QObject::tr("Not connected to the login node."),
                          QObject::tr("Connect again."));
        return nullptr;
    }
    ssh_channel channel = ssh_channel_new(m_session);
    bool ok = channel && ssh_channel_open_session(channel) == SSH_OK;
    // RFC 4254 section 6.2: a PTY for terminals (the shell channel); xterm-256color
    // is what the terminal widgets emulate.
    if (ok && pty)
        ok = ssh_channel_request_pty_size(channel, "xterm-256color", pty->columns, pty->rows) == SSH_OK;
    ok = ok && ssh_channel_request_exec(channel, command.constData()) == SSH_OK;
    if (!ok) {
        error = makeError(errc::kChannel, QObject::tr("Cannot run a command on the login node: %1")
                                              .arg(QString::fromUtf8(ssh_get_error(m_session))));
        if (channel)
            ssh_channel_free(channel);
        if (!ssh_is_connected(m_session))
            lose(error.message);
        return nullptr;
    }
    if (!m_poll->isActive())
        m_poll->start(kPollMs);
    return channel;
}

void SshWorker::exec(quint64 id, QByteArray command, std::chrono::milliseconds timeout,
                     PromisePtr<Result<ExecResult>> done)
{
    Error error;
    ssh_channel handle = openChannel(command, std::nullopt, error);
    if (!handle)
        return fulfil<Result<ExecResult>>(done, error);
    Channel &channel = m_channels[id];
    channel.handle = handle;
    channel.deadline = QDeadlineTimer(timeout);
    channel.done = std::move(done);
    pump();
}

void SshWorker::openStream(quint64 id, QByteArray command, std::optional<PtySize> pty, PromisePtr<Result<void>> done)
{
    Error error;
    ssh_channel handle = openChannel(command, pty, error);
    if (!handle)
        return fulfil<Result<void>>(done, error);
    Channel &channel = m_channels[id];
    channel.handle = handle;
    channel.stream = true;
    channel.deadline = QDeadlineTimer(QDeadlineTimer::Forever);
    fulfil(done, Result<void>{});
    pump();
}

void SshWorker::write(quint64 id, QByteArray data)
{
    const auto it = m_channels.find(id);
    if (it == m_channels.end())
        return;
    // ssh_channel_write blocks while the remote window is full; the session
    // timeout bounds it.
    if (ssh_channel_write(it->second.handle, data.constData(), static_cast<uint32_t>(data.size())) != data.size())
        finish(id, it->second,
               makeError(errc::kChannel, QObject::tr("Writing to the login node failed: %1")
                                             .arg(QString::fromUtf8(ssh_get_error(m_session)))));
}

void SshWorker::sendEof(quint64 id)
{
    if (const auto it = m_channels.find(id); it != m_channels.end())
        ssh_channel_send_eof(it->second.handle);
}

void SshWorker::resizePty(quint64 id, PtySize size)
{
    if (const auto it = m_channels.find(id); it != m_channels.end())
        ssh_channel_change_pty_size(it->second.handle, size.columns, size.rows);
}

void SshWorker::closeChannel(quint64 id)
{
    const auto it = m_channels.find(id);
    if (it == m_channels.end())
        return;
    finish(id, it->second, makeError(errc::kChannel, QObject::tr("Closed.")));
}

bool SshWorker::drain(quint64 id, Channel &channel)
{
    bool any = false;
    char buffer[kReadChunk];
    for (const int isStderr : {0, 1}) {
        const int n = ssh_channel_read_nonblocking(channel.handle, buffer, sizeof buffer, isStderr);
        if (n == SSH_ERROR) {
            finish(id, channel, makeError(errc::kChannel, QObject::tr("The connection to the login node failed: %1")
                                                               .arg(QString::fromUtf8(ssh_get_error(m_session)))));
            return false;
        }
        if (n <= 0)
            continue;
        any = true;
        if (channel.stream) {
            Q_EMIT streamData(id, QByteArray(buffer, n), isStderr != 0);
        } else {
            (isStderr ? channel.result.standardError : channel.result.standardOutput).append(buffer, n);
        }
    }
    return any;
}

void SshWorker::pump()
{
    if (!m_session)
        return;
    // Keep reading while any channel produced data: libssh may have buffered
    // packets for one channel while reading another.
    for (int round = 0; round < 64; ++round) {
        bool any = false;
        for (auto it = m_channels.begin(); it != m_channels.end();) {
            const quint64 id = it->first;
            Channel &channel = it->second;
            ++it; // finish() may erase the current entry
            any = drain(id, channel) || any;
        }
        if (!any)
            break;
    }
    for (auto it = m_channels.begin(); it != m_channels.end();) {
        const quint64 id = it->first;
        Channel &channel = it->second;
        ++it;
        // ssh_channel_poll: bytes waiting, 0, SSH_EOF or SSH_ERROR. Done when the
        // remote sent EOF (or closed) and nothing is left to read.
        const bool drained = ssh_channel_poll(channel.handle, 0) <= 0 && ssh_channel_poll(channel.handle, 1) <= 0;
        if (drained && (ssh_channel_is_eof(channel.handle) || ssh_channel_is_closed(channel.handle)))
            finish(id, channel, std::nullopt);
        else if (channel.deadline.hasExpired())
            finish(id, channel,
                   makeError(errc::kTimeout, QObject::tr("The login node did not finish the command in time.")));
    }
    if (!ssh_is_connected(m_session))
        lose(QObject::tr("The connection to %1 was closed: %2").arg(m_host, QString::fromUtf8(ssh_get_error(m_session))));
    else if (m_channels.empty() && m_poll)
        m_poll->stop();
}

void SshWorker::finish(quint64 id, Channel &channel, std::optional<Error> error)
{
    int exitStatus = -1;
    if (!error) {
        // RFC 4254 section 6.10: exit-status follows EOF; libssh waits for it
        // (bounded by the session timeout).
        exitStatus = ssh_channel_get_exit_status(channel.handle);
    }
    ssh_channel_close(channel.handle);
    ssh_channel_free(channel.handle);
    if (channel.stream) {
        Q_EMIT streamFinished(id, exitStatus, error ? error->message : QString());
    } else if (error) {
        fulfil<Result<ExecResult>>(channel.done, *error);
    } else {
        channel.result.exitStatus = exitStatus;
        fulfil<Result<ExecResult>>(channel.done, channel.result);
    }
    m_channels.erase(id);
}

void SshWorker::keepalive()
{
    if (!m_session)
        return;
    ssh_send_keepalive(m_session);
    pump();
}

void SshWorker::lose(const QString &reason)
{
    failAll(makeError(errc::kDisconnected, reason, QObject::tr("Reconnect to continue.")));
    freeSession();
    Q_EMIT connectionLost(reason);
}

void SshWorker::failAll(const Error &error)
{
    while (!m_channels.empty()) {
        auto it = m_channels.begin();
        finish(it->first, it->second, error);
    }
}

void SshWorker::disconnectFromHost()
{
    failAll(makeError(errc::kDisconnected, QObject::tr("Disconnected."), QObject::tr("Reconnect to continue.")));
    freeSession();
}

void SshWorker::freeSession()
{
    delete m_notifier;
    m_notifier = nullptr;
    delete m_keepalive;
    m_keepalive = nullptr;
    delete m_poll;
    m_poll = nullptr;
    freeSshSession(m_session);
    m_session = nullptr;
    // After the session that runs over them; the hop nearest the login node first.
    while (!m_jumps.empty())
        m_jumps.pop_back();
}

void SshWorker::shutdown()
{
    disconnectFromHost();
#ifdef PODBAY_HAVE_OPENSSL
    // libssh's key exchange gave this thread OpenSSL state of its own (its public and
    // private DRBGs, ~9 KB). OpenSSL frees it from a thread-specific-data destructor as the
    // thread exits (OPENSSL_thread_stop(3)), but QThread::wait() returns before that runs:
    // a process that exits right after closing its last connection ran OPENSSL_cleanup
    // (atexit) while this thread was still exiting, and LeakSanitizer found the DRBGs lost
    // (docs/reliability.md, "The test suite under ASan and UBSan"). Freed here, on the
    // thread, before SshConnection's destructor stops it; OpenSSL makes new state should the
    // thread use it again.
    OPENSSL_thread_stop();
#endif
}

} // namespace podbay::core
