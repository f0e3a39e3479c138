#pragma once
// The app's translations (translations/podbay_*.ts, compiled into the app as
// :/i18n/podbay_<lang>.qm by qt_add_translations) and Qt's own, for the user's locale.

#include <QLocale>

class QCoreApplication;

namespace podbay::gui {

// Installs the translators for `locale` on `app`; English needs none. Returns whether a
// Podbay translation for the locale was found.
bool installTranslations(QCoreApplication &app, const QLocale &locale = QLocale());

// The language the user chose in View > Language (QSettings "language": "de", "en"), or
// empty to follow the system locale.
QString languageSetting();
void setLanguageSetting(const QString &language);
// The locale the app runs in: the setting's, else the system's.
QLocale preferredLocale();

} // namespace podbay::gui
