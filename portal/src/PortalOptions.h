#pragma once
// Command line of the headless portal:
//   podbay-portal --login-node HOST[:PORT] --listen ADDR:PORT
//                 [--tls-cert F --tls-key F] [--insecure-http]
//                 [--known-hosts FILE] [--helper PATH] [--public-host HOST[:PORT]]

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
    // Host keys of the login node are checked against this file (never accepted blindly:
    // the portal has nobody to ask); empty: ~/.ssh/known_hosts of the portal's account.
    QString knownHostsFile;
    // The helper's path on the login node.
    QString helperCommand = QStringLiteral("podbay-helper");
    // The host name browsers use to reach the portal (behind a proxy), for the Host and
    // Origin checks; the listen address and "localhost" are always accepted.
    QString publicHost;
    // Embedded in the desktop app: no password logins at all; sessions only come from the
    // app's one-time links (PortalServer::embedConnection).
    bool embedded = false;

    bool tls() const { return !tlsCertificate.isEmpty(); }
};

// Parses and validates argv (argv[0] included). Refuses a non-loopback listen
// address without TLS unless --insecure-http is given: passwords cross that socket.
core::Result<PortalOptions> parsePortalOptions(const QStringList &arguments);

// "HOST[:PORT]" or "[V6]:PORT" into host and port (left as is when absent); false
// when malformed or the port is outside minPort..65535.
bool splitHostPort(const QString &text, QString &host, int &port, int minPort);

} // namespace podbay::portal
