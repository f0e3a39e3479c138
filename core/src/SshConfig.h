#pragma once
// Reads OpenSSH client configuration (~/.ssh/config, ssh_config(5)) for what users
// expect Podbay to honour from `ssh`: Host aliases, HostName, User, Port,
// IdentityFile and ProxyJump, with Include. Match blocks are not evaluated (their
// conditions need a running session); their settings are skipped.

#include "ConnectionProfile.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace podbay::core {

class SshConfig
{
public:
    // Parses `text`; relative Include paths resolve against `sshDir` (ssh_config(5):
    // "relative to ~/.ssh" for a user config).
    static SshConfig parse(const QString &text, const QString &sshDir);
    // ~/.ssh/config, or an empty config when it does not exist.
    static SshConfig loadUserConfig();

    // Concrete Host names (no wildcards, no negations), in file order: the
    // profiles a user can pick.
    QStringList hostAliases() const;

    // The profile for `alias` as `ssh alias` would connect: for each keyword the
    // first value from a matching Host block wins; unset ones keep `base` values.
    ConnectionProfile resolve(const QString &alias, ConnectionProfile base = {}) const;

    // ssh_config(5) PATTERNS: '*' and '?' wildcards, comma-free pattern lists
    // with '!' negation. Exposed for tests.
    static bool hostMatches(const QStringList &patterns, const QString &host);

private:
    struct Block
    {
        QStringList patterns; // empty for the implicit block before any Host line
        bool isMatch = false;
        QList<QPair<QString, QString>> options; // lower-cased keyword, value
    };

    void parseInto(const QString &text, const QString &sshDir, int depth);

    QList<Block> m_blocks;
};

} // namespace podbay::core
