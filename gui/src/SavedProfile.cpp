#include "SavedProfile.h"

#include <QSettings>

namespace podbay::gui {

void saveLastProfile(const core::ConnectionProfile &profile)
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("lastProfile"));
    settings.setValue(QStringLiteral("host"), profile.host);
    settings.setValue(QStringLiteral("port"), profile.port);
    settings.setValue(QStringLiteral("user"), profile.user);
    settings.setValue(QStringLiteral("identityFile"), profile.identityFile);
    settings.setValue(QStringLiteral("knownHostsFile"), profile.knownHostsFile);
    settings.setValue(QStringLiteral("helperCommand"), profile.helperCommand);
    settings.setValue(QStringLiteral("privileged"), profile.privileged);
    settings.endGroup();
}

core::ConnectionProfile loadLastProfile()
{
    core::ConnectionProfile profile;
    QSettings settings;
    settings.beginGroup(QStringLiteral("lastProfile"));
    profile.host = settings.value(QStringLiteral("host"), profile.host).toString();
    const int port = settings.value(QStringLiteral("port"), profile.port).toInt();
    if (port > 0 && port < 65536)
        profile.port = port;
    profile.user = settings.value(QStringLiteral("user"), profile.user).toString();
    profile.identityFile = settings.value(QStringLiteral("identityFile"), profile.identityFile).toString();
    profile.knownHostsFile = settings.value(QStringLiteral("knownHostsFile"), profile.knownHostsFile).toString();
    profile.helperCommand = settings.value(QStringLiteral("helperCommand"), profile.helperCommand).toString();
    profile.privileged = settings.value(QStringLiteral("privileged"), false).toBool();
    settings.endGroup();
    return profile;
}

} // namespace podbay::gui
