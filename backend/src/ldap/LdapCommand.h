#pragma once

#include "CommandContext.h"

namespace podbay::helper {

// `podbay-helper ldap shuffle [--file PATH] [--hostname NAME] [--force] [--dry-run]` (LdapShuffle.h).
int runLdap(CommandContext &ctx, Args args);

} // namespace podbay::helper
