#include "JumpHosts.h"

#include "ErrorCodes.h"
#include "SshConfig.h"

#include <QObject>
#include <QStringList>

namespace podbay::core {
namespace {

Error badSpec(const QString &spec, const QString &why)
{
    return Error{QString(errc::kConnect), QObject::tr("The jump host \"%1\" (ProxyJump) is not valid: %2").arg(spec, why),
                 QObject::tr("Write it as user@host:port, several separated by commas.")};
}

} // namespace

Result<QList<ConnectionProfile>> jumpProfiles(const ConnectionProfile &target, const SshConfig &config)
{
    QList<ConnectionProfile> hops;
    if (target.jumpHost.trimmed().isEmpty())
        return hops;
    const QStringList specs = target.jumpHost.split(QLatin1Char(','));
    for (const QString &raw : specs) {
        QString spec = raw.trimmed();
        if (spec.startsWith(QLatin1String("ssh://")))
            spec = spec.mid(6);
        if (spec.isEmpty())
            return badSpec(target.jumpHost, QObject::tr("an empty hop"));
        QString user;
        if (const qsizetype at = spec.lastIndexOf(QLatin1Char('@')); at >= 0) {
            user = spec.left(at);
            spec = spec.mid(at + 1);
            if (user.isEmpty())
                return badSpec(target.jumpHost, QObject::tr("an empty user name"));
        }
        QString host = spec;
        QString portText;
        if (spec.startsWith(QLatin1Char('['))) {
            // An IPv6 literal: "[::1]" or "[::1]:2222".
            const qsizetype close = spec.indexOf(QLatin1Char(']'));
            if (close < 0)
                return badSpec(target.jumpHost, QObject::tr("a \"[\" without \"]\""));
            host = spec.mid(1, close - 1);
            const QString rest = spec.mid(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(QLatin1Char(':')))
                    return badSpec(target.jumpHost, QObject::tr("text after \"]\""));
                portText = rest.mid(1);
            }
        } else if (spec.count(QLatin1Char(':')) == 1) {
            host = spec.section(QLatin1Char(':'), 0, 0);
            portText = spec.section(QLatin1Char(':'), 1);
        }
        if (host.isEmpty() || host.contains(QLatin1Char(' ')) || host.startsWith(QLatin1Char('-')))
            return badSpec(target.jumpHost, QObject::tr("the host name \"%1\"").arg(host));
        int port = 0;
        if (!portText.isNull()) {
            bool ok = false;
            port = portText.toInt(&ok);
            if (!ok || port < 1 || port > 65535)
                return badSpec(target.jumpHost, QObject::tr("the port \"%1\"").arg(portText));
        }

        ConnectionProfile base;
        base.user = target.user;
        base.identityFile = target.identityFile;
        base.knownHostsFile = target.knownHostsFile;
        base.timeoutSeconds = target.timeoutSeconds;
        ConnectionProfile hop = config.resolve(host, base);
        hop.jumpHost.clear();
        hop.password.clear(); // the target's password is not sent to another host
        if (!user.isEmpty())
            hop.user = user;
        if (port)
            hop.port = port;
        hops << hop;
    }
    return hops;
}

QString describeHop(const ConnectionProfile &hop)
{
    const QString host = hop.host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(hop.host) : hop.host;
    return QStringLiteral("%1@%2:%3").arg(hop.user, host).arg(hop.port);
}

} // namespace podbay::core
