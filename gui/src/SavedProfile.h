#pragma once
// The last profile that connected, kept in QSettings so the form is filled in next time
// (host, port, user, key file, known_hosts, helper, helpdesk mode). Never the password.

#include <ConnectionProfile.h>

namespace podbay::gui {

void saveLastProfile(const core::ConnectionProfile &profile);
// Empty fields (defaults) when nothing was saved yet.
core::ConnectionProfile loadLastProfile();

} // namespace podbay::gui
