#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>

namespace podbay::gui {

bool installTranslations(QCoreApplication &app, const QLocale &locale)
{
    // Qt's own strings (standard dialogs, context menus) from the Qt installation.
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    // QTranslator::load(QLocale, ...) tries each of the locale's UI languages in turn
    // (de_AT -> de), as users with a regional locale expect.
    auto *podbay = new QTranslator(&app);
    if (podbay->load(locale, QStringLiteral("podbay"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(podbay);
        return true;
    }
    delete podbay;
    return false;
}

namespace {
const QString kLanguageKey = QStringLiteral("language");
}

QString languageSetting()
{
    return QSettings().value(kLanguageKey).toString();
}

void setLanguageSetting(const QString &language)
{
    QSettings settings;
    if (language.isEmpty())
        settings.remove(kLanguageKey);
    else
        settings.setValue(kLanguageKey, language);
}

QLocale preferredLocale()
{
    const QString language = languageSetting();
    return language.isEmpty() ? QLocale() : QLocale(language);
}

} // namespace podbay::gui
