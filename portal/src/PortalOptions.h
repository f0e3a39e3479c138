#pragma once
// Command line of the headless portal:
//   podbay-portal --login-node HOST[:PORT] --listen ADDR:PORT
//                 [--tls-cert F --tls-key F] [--insecure-http]

#include <Error.h>

#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace podbay::portal {

struct PortalOptions
{
    QString loginNodeHost = QStringLiteral("127.0.0.1");
    int loginNodePort = 22;
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 8080;
    QString tlsCertificate;
    QString tlsKey;
    bool insecureHttp = false;

    bool tls() const { return !tlsCertificate.isEmpty(); }
};

// Parses and validates argv (argv[0] included). Refuses a non-loopback listen
// address without TLS unless --insecure-http is given: passwords cross that socket.
core::Result<PortalOptions> parsePortalOptions(const QStringList &arguments);

// "HOST[:PORT]" or "[V6]:PORT" into host and port (left as is when absent); false
// when malformed or the port is outside minPort..65535.
bool splitHostPort(const QString &text, QString &host, int &port, int minPort);

} // namespace podbay::portal
