#pragma once
// Names that reach podman or NSS lookups: checked before use, never passed on raw.

#include <string>
#include <string_view>

namespace podbay::helper::validate {

// Podman container names: [a-zA-Z0-9][a-zA-Z0-9_.-]* (libpod's NameRegex), at most 64 here.
void checkContainerName(std::string_view name);

// Account names as NSS returns them on Linux sites (useradd's default NAME_REGEX
// plus upper case and dots that LDAP/AD sites use): [A-Za-z0-9_][A-Za-z0-9_.-]*[$]?,
// at most 32 (utmp's limit). Existence is checked separately.
void checkUserName(std::string_view name);

// The site convention for a user's registry namespace: the primary group's name,
// lower-cased, spaces and slashes turned into dashes, anything else outside the
// path-component grammar dropped; falls back to `user` when nothing valid remains.
std::string registryNamespace(std::string_view primaryGroup, std::string_view user);

} // namespace podbay::helper::validate
