#pragma once

#include "setup/Part.h"

namespace podbay::helper::ldap {

// setup part "ldap": `ldap shuffle` when helper.conf [ldap] shuffle = yes ([ldap] file
// overrides /etc/sssd/sssd.conf). The 24-hour rule applies as in the command.
setup::Part ldapPart();

} // namespace podbay::helper::ldap
