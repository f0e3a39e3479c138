#include "KnownHosts.h"

#include <QDir>
#include <QFile>
#include <QTextStream>

namespace podbay::core {

QString knownHostsPattern(const QString &host, int port)
{
    return port == 22 ? host : QStringLiteral("[%1]:%2").arg(host).arg(port);
}

QString defaultKnownHostsFile()
{
    return QDir::homePath() + QStringLiteral("/.ssh/known_hosts");
}

QList<int> knownHostsLines(const QString &file, const QString &host, int port)
{
    QList<int> lines;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return lines;
    const QString pattern = knownHostsPattern(host, port);
    QTextStream in(&f);
    int number = 0;
    while (!in.atEnd()) {
        ++number;
        QStringList fields = in.readLine().simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (fields.isEmpty() || fields.first().startsWith(QLatin1Char('#')))
            continue;
        // An optional marker (@cert-authority, @revoked) precedes the host field.
        if (fields.first().startsWith(QLatin1Char('@')))
            fields.removeFirst();
        if (fields.isEmpty())
            continue;
        const QStringList hosts = fields.first().split(QLatin1Char(','));
        if (hosts.contains(pattern, Qt::CaseInsensitive))
            lines << number;
    }
    return lines;
}

} // namespace podbay::core
