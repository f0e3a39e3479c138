#pragma once
// The local login node's coordinates, as `scripts/loginnode env` exports them.
// Integration tests fail (never skip) without it: scripts/test starts the node.

#include <ConnectionProfile.h>

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace podbay::test {

struct LoginNodeEnv
{
    QString host;
    int port = 0;
    QString knownHosts;
    QString helper;
    QString registry;

    static LoginNodeEnv fromEnvironment()
    {
        const auto env = QProcessEnvironment::systemEnvironment();
        LoginNodeEnv node;
        node.host = env.value(QStringLiteral("PODBAY_SSH_HOST"));
        node.port = env.value(QStringLiteral("PODBAY_SSH_PORT")).toInt();
        node.knownHosts = env.value(QStringLiteral("PODBAY_KNOWN_HOSTS"));
        node.helper = env.value(QStringLiteral("PODBAY_HELPER"));
        node.registry = env.value(QStringLiteral("PODBAY_REGISTRY"));
        return node;
    }

    bool valid() const { return !host.isEmpty() && port > 0 && !knownHosts.isEmpty() && !helper.isEmpty(); }

    static const char *missingMessage()
    {
        return "the local login node is not running: run the tests with scripts/test, or "
               "scripts/loginnode start && eval \"$(scripts/loginnode env)\" first";
    }

    // WHO is ALICE, BOB, HELPDESK, ADMIN or OTP (password plus one-time code).
    static QString user(const QString &who)
    {
        return QProcessEnvironment::systemEnvironment().value(QStringLiteral("PODBAY_") + who);
    }
    static QString key(const QString &who)
    {
        return QProcessEnvironment::systemEnvironment().value(QStringLiteral("PODBAY_") + who + QStringLiteral("_KEY"));
    }
    static QString password(const QString &who)
    {
        return QProcessEnvironment::systemEnvironment().value(QStringLiteral("PODBAY_") + who
                                                              + QStringLiteral("_PASSWORD"));
    }

    // A key-authenticated profile for WHO.
    core::ConnectionProfile profile(const QString &who) const
    {
        core::ConnectionProfile p;
        p.host = host;
        p.port = port;
        p.user = user(who);
        p.identityFile = key(who);
        p.knownHostsFile = knownHosts;
        p.helperCommand = helper;
        p.timeoutSeconds = 10;
        return p;
    }
};

} // namespace podbay::test
