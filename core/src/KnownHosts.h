#pragma once
// Helpers around OpenSSH's known_hosts format (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"),
// used to tell the user exactly which line holds a key that no longer matches.

#include <QList>
#include <QString>

namespace podbay::core {

struct HostKeyInfo
{
    QString type;        // e.g. "ssh-ed25519"
    QString fingerprint; // "SHA256:..." as ssh-keygen -l prints it
};

// The host field OpenSSH writes: "host" for port 22, "[host]:port" otherwise.
QString knownHostsPattern(const QString &host, int port);

// ~/.ssh/known_hosts of the current user.
QString defaultKnownHostsFile();

// 1-based numbers of the lines in `file` whose (unhashed) host field names
// host:port. Hashed entries (|1|...) cannot be matched without the salt's HMAC
// and are not reported.
QList<int> knownHostsLines(const QString &file, const QString &host, int port);

} // namespace podbay::core
