#include "MainWindow.h"
#include "Translations.h"

#include <podbay/protocol/Version.h>

#include <QApplication>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Podbay"));
    QApplication::setOrganizationName(QStringLiteral("Podbay"));
    QApplication::setApplicationVersion(QString::fromLatin1(podbay::kVersion));
    podbay::gui::installTranslations(app);
    podbay::gui::MainWindow window;
    window.show();
    return QApplication::exec();
}
