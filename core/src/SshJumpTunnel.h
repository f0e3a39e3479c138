#pragma once
// One ProxyJump hop on the wire: an authenticated libssh session to a jump host and
// a "direct-tcpip" channel from it to the next host (RFC 4254 section 7.2), relayed
// to one end of a socketpair. The next SSH session runs over the other end
// (SSH_OPTIONS_FD), so every hop does its own key exchange and host-key check end to
// end, as with ssh(1) -J. The relay has a thread of its own: the next session's
// connect and authentication block the worker thread while bytes must keep flowing.

#include <QString>

#include <memory>
#include <thread>

typedef struct ssh_session_struct *ssh_session;
typedef struct ssh_channel_struct *ssh_channel;

namespace podbay::core {

// ssh_disconnect + ssh_free, closing the socket even when it came from
// SSH_OPTIONS_FD: libssh >= 0.10 leaves such a socket open on disconnect but closes
// it itself on some connect errors, so only libssh may close it, never we as well.
void freeSshSession(ssh_session session);

class SshJumpTunnel
{
public:
    // Takes `session` (connected, authenticated) and `channel` (open); nullptr and a
    // message in `error` when no socketpair or thread can be had (both are freed).
    static std::unique_ptr<SshJumpTunnel> start(ssh_session session, ssh_channel channel, QString &error);
    ~SshJumpTunnel();

    SshJumpTunnel(const SshJumpTunnel &) = delete;
    SshJumpTunnel &operator=(const SshJumpTunnel &) = delete;

    // The end for the next session, which owns it from then on: free that session
    // with freeSshSession().
    int takeNextHopSocket();

private:
    SshJumpTunnel(ssh_session session, ssh_channel channel);
    void relay();
    // One pass: channel to socket, then wait for either side; false ends the relay.
    bool relayOnce(char *buffer, int size);

    ssh_session m_session;
    ssh_channel m_channel;
    int m_relayEnd = -1; // this side of the socketpair, read and written by relay()
    int m_nextHopEnd = -1;
    int m_wake[2] = {-1, -1}; // pipe: the destructor stops the relay through it
    std::thread m_thread;
};

} // namespace podbay::core
