#include "SshJumpTunnel.h"

#include <QObject>

#include <libssh/libssh.h>
#include <libssh/server.h> // ssh_send_keepalive is declared here but works for clients

#include <cerrno>
#include <cstring>
#include <vector>
#include <chrono>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace podbay::core {
namespace {

// As SshWorker: a dead jump host shows within one interval.
constexpr auto kKeepalive = std::chrono::seconds(15);
constexpr int kChunk = 65536;

// send(2) with MSG_NOSIGNAL: the next session may be gone (EPIPE), which must end
// the relay, not the process (SIGPIPE).
bool sendAll(int fd, const char *data, int size)
{
    while (size > 0) {
        const ssize_t n = ::send(fd, data, static_cast<size_t>(size), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= static_cast<int>(n);
    }
    return true;
}

} // namespace

void freeSshSession(ssh_session session)
{
    if (!session)
        return;
    // Forgetting the option makes ssh_disconnect close the session's socket
    // (libssh client.c: "Do not close the socket, if the fd was set via options").
    const int invalid = -1;
    ssh_options_set(session, SSH_OPTIONS_FD, &invalid);
    ssh_disconnect(session);
    ssh_free(session);
}

std::unique_ptr<SshJumpTunnel> SshJumpTunnel::start(ssh_session session, ssh_channel channel, QString &error)
{
    std::unique_ptr<SshJumpTunnel> tunnel(new SshJumpTunnel(session, channel));
    int pair[2] = {-1, -1};
    const bool ok = ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) == 0;
    tunnel->m_relayEnd = pair[0];
    tunnel->m_nextHopEnd = pair[1];
    if (!ok || ::pipe2(tunnel->m_wake, O_CLOEXEC) != 0) {
        error = QObject::tr("Cannot relay through the jump host: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        return nullptr;
    }
    tunnel->m_thread = std::thread([t = tunnel.get()] { t->relay(); });
    return tunnel;
}

SshJumpTunnel::SshJumpTunnel(ssh_session session, ssh_channel channel)
    : m_session(session)
    , m_channel(channel)
{
}

SshJumpTunnel::~SshJumpTunnel()
{
    if (m_thread.joinable()) {
        const char stop = 1;
        while (::write(m_wake[1], &stop, 1) < 0 && errno == EINTR) {
        }
        m_thread.join();
    }
    for (int fd : {m_relayEnd, m_nextHopEnd, m_wake[0], m_wake[1]})
        if (fd >= 0)
            ::close(fd);
    ssh_channel_close(m_channel);
    ssh_channel_free(m_channel);
    freeSshSession(m_session);
}

int SshJumpTunnel::takeNextHopSocket()
{
    const int fd = m_nextHopEnd;
    m_nextHopEnd = -1;
    return fd;
}

void SshJumpTunnel::relay()
{
    std::vector<char> buffer(kChunk);
    auto lastKeepalive = std::chrono::steady_clock::now();
    while (relayOnce(buffer.data(), static_cast<int>(buffer.size()))) {
        if (std::chrono::steady_clock::now() - lastKeepalive > kKeepalive) {
            ssh_send_keepalive(m_session);
            lastKeepalive = std::chrono::steady_clock::now();
        }
    }
    // The next session reads EOF and reports the connection lost.
    ::shutdown(m_relayEnd, SHUT_RDWR);
}

bool SshJumpTunnel::relayOnce(char *buffer, int size)
{
    // Channel to socket first: libssh may hold data it read while writing.
    for (;;) {
        const int n = ssh_channel_read_nonblocking(m_channel, buffer, static_cast<uint32_t>(size), 0);
        if (n == SSH_ERROR)
            return false;
        if (n <= 0)
            break;
        if (!sendAll(m_relayEnd, buffer, n))
            return false;
    }
    if (ssh_channel_is_eof(m_channel) || ssh_channel_is_closed(m_channel) || !ssh_is_connected(m_session))
        return false;

    pollfd fds[3] = {{m_relayEnd, POLLIN, 0}, {ssh_get_fd(m_session), POLLIN, 0}, {m_wake[0], POLLIN, 0}};
    if (::poll(fds, 3, 1000) < 0)
        return errno == EINTR;
    if (fds[2].revents)
        return false; // the destructor asks to stop
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
        const ssize_t n = ::recv(m_relayEnd, buffer, static_cast<size_t>(size), 0);
        if (n < 0)
            return errno == EINTR;
        // 0: the next session closed its socket (disconnected or freed).
        if (n == 0)
            return false;
        // Blocks while the jump host's window is full; the session timeout bounds it.
        if (ssh_channel_write(m_channel, buffer, static_cast<uint32_t>(n)) != n)
            return false;
    }
    return true;
}

} // namespace podbay::core
