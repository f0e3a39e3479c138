#include "PortalOptions.h"
#include "PortalServer.h"
#include "QuitOnSignal.h"

#include <podbay/protocol/Version.h>

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("podbay-portal"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(podbay::kVersion));
    QTextStream err(stderr);
    if (!podbay::portal::quitOnTerminationSignals(app))
        err << "podbay-portal: cannot handle SIGTERM; it will end the process without closing sessions\n";

    const auto options = podbay::portal::parsePortalOptions(QCoreApplication::arguments());
    if (!options.ok()) {
        err << "podbay-portal: " << options.error().message << "\n" << options.error().hint << "\n";
        return 2;
    }
    podbay::portal::PortalServer server(options.value());
    const quint16 port = server.listen();
    if (port == 0) {
        err << "podbay-portal: cannot listen on " << options.value().listenAddress.toString() << ':'
            << options.value().listenPort << "\n";
        return 1;
    }
    QTextStream(stdout) << "podbay-portal listening on http://" << options.value().listenAddress.toString() << ':'
                        << port << "/\n" << Qt::flush;
    return QCoreApplication::exec();
}
