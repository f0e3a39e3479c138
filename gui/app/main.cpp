#include "MainWindow.h"
#include "Translations.h"

#include <podbay/protocol/Version.h>

#include <QApplication>
#include <QIcon>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Podbay"));
    QApplication::setOrganizationName(QStringLiteral("Podbay"));
    QApplication::setApplicationVersion(QString::fromLatin1(podbay::kVersion));
    QApplication::setDesktopFileName(QStringLiteral("org.podbay.Podbay"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/org.podbay.Podbay.svg")));
    podbay::gui::installTranslations(app, podbay::gui::preferredLocale());
    podbay::gui::MainWindow window;
    window.show();
    return QApplication::exec();
}
