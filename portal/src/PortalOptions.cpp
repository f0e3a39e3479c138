#include "PortalOptions.h"

#include <QCommandLineParser>
#include <QObject>

namespace podbay::portal {

bool splitHostPort(const QString &text, QString &host, int &port, int minPort)
{
    QString portText;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1Char(']'));
        if (close < 0)
            return false;
        host = text.mid(1, close - 1);
        const QString rest = text.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(QLatin1Char(':')))
                return false;
            portText = rest.mid(1);
        }
    } else {
        const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
        if (colon >= 0 && text.indexOf(QLatin1Char(':')) == colon) {
            host = text.left(colon);
            portText = text.mid(colon + 1);
        } else {
            host = text;
        }
    }
    if (host.isEmpty())
        return false;
    if (!portText.isNull()) {
        bool ok = false;
        const int value = portText.toInt(&ok);
        if (!ok || value < minPort || value > 65535)
            return false;
        port = value;
    }
    return true;
}

core::Result<PortalOptions> parsePortalOptions(const QStringList &arguments)
{
    const auto usage = [](const QString &message) {
        return core::Error{QStringLiteral("E_USAGE"), message,
                           QObject::tr("Run podbay-portal --help for the options.")};
    };
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Podbay portal: self-service containers in a browser."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption loginNode(QStringLiteral("login-node"), QObject::tr("Login node to log users in to."),
                                       QStringLiteral("HOST[:PORT]"));
    const QCommandLineOption listen(QStringLiteral("listen"), QObject::tr("Address and port to serve on."),
                                    QStringLiteral("ADDR:PORT"), QStringLiteral("127.0.0.1:8080"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"), QObject::tr("TLS certificate (PEM)."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"), QObject::tr("TLS private key (PEM)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption insecure(QStringLiteral("insecure-http"),
                                      QObject::tr("Allow plain HTTP on a non-loopback address."));
    const QCommandLineOption knownHosts(QStringLiteral("known-hosts"),
                                        QObject::tr("known_hosts file with the login node's host key."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption helper(QStringLiteral("helper"), QObject::tr("podbay-helper's path on the login node."),
                                    QStringLiteral("PATH"), QStringLiteral("podbay-helper"));
    const QCommandLineOption publicHost(QStringLiteral("public-host"),
                                        QObject::tr("Host name browsers use to reach the portal."),
                                        QStringLiteral("HOST[:PORT]"));
    parser.addOptions({loginNode, listen, tlsCert, tlsKey, insecure, knownHosts, helper, publicHost});
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("version"))) {
        parser.process(arguments); // prints and exits, as every Qt tool does
    }

    PortalOptions options;
    if (parser.isSet(loginNode)
        && !splitHostPort(parser.value(loginNode), options.loginNodeHost, options.loginNodePort, 1))
        return usage(QObject::tr("--login-node wants HOST[:PORT], not '%1'.").arg(parser.value(loginNode)));

    QString listenHost;
    int listenPort = options.listenPort;
    // Port 0 asks the kernel for a free port (the embedded portal's mode).
    if (!splitHostPort(parser.value(listen), listenHost, listenPort, 0)
        || !options.listenAddress.setAddress(listenHost))
        return usage(QObject::tr("--listen wants an IP address and port, not '%1'.").arg(parser.value(listen)));
    options.listenPort = static_cast<quint16>(listenPort);

    options.tlsCertificate = parser.value(tlsCert);
    options.tlsKey = parser.value(tlsKey);
    if (options.tlsCertificate.isEmpty() != options.tlsKey.isEmpty())
        return usage(QObject::tr("--tls-cert and --tls-key go together."));
    options.insecureHttp = parser.isSet(insecure);
    options.knownHostsFile = parser.value(knownHosts);
    options.helperCommand = parser.value(helper);
    options.publicHost = parser.value(publicHost);
    if (!options.listenAddress.isLoopback() && !options.tls() && !options.insecureHttp)
        return core::Error{QStringLiteral("E_INSECURE"),
                           QObject::tr("Refusing to serve plain HTTP on %1: cluster passwords would cross the "
                                       "network unencrypted.")
                               .arg(options.listenAddress.toString()),
                           QObject::tr("Give --tls-cert and --tls-key, listen on 127.0.0.1 behind a TLS proxy, "
                                       "or pass --insecure-http if you really mean it.")};
    return options;
}

} // namespace podbay::portal
