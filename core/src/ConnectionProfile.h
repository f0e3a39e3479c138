#pragma once
// Where and how to reach a login node; SshConfig fills one from ~/.ssh/config.

#include <QString>

namespace podbay::core {

struct ConnectionProfile
{
    QString host;
    int port = 22;
    QString user;
    // Private key file (OpenSSH or PEM); empty: no public-key authentication.
    QString identityFile;
    // Password authentication; never stored by Podbay, only held for the attempt.
    QString password;
    // Host keys are verified against this file (OpenSSH known_hosts format);
    // empty means ~/.ssh/known_hosts.
    QString knownHostsFile;
    // ProxyJump as in ssh_config(5): [user@]host[:port][,...]; empty for none.
    QString jumpHost;
    // How to call the helper on the login node (a path or a name on the remote PATH).
    QString helperCommand = QStringLiteral("podbay-helper");
    // Helpdesk and admin work: the helper runs through sudo (`serve --privileged`), where
    // only the helpdesk and admin methods exist (docs/protocol.md, "Roles").
    bool privileged = false;
    // Seconds to wait for TCP connect and for each blocking SSH exchange.
    int timeoutSeconds = 15;
};

} // namespace podbay::core
