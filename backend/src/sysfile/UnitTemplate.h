#pragma once
// The systemd units the helper writes: templates from resources/systemd, embedded at build
// time (backend/SystemdUnits.cmake), with @NAME@ placeholders filled in here.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace podbay::helper::sysfile {

// "podbay-registry.service", "podbay-registry.container", "podbay-prune.service",
// "podbay-prune.timer". Throws HelperError(E_INTERNAL) for any other name.
std::string_view unitTemplate(std::string_view name);

// Where the installed helper is (CMAKE_INSTALL_FULL_BINDIR), for ExecStart= lines.
std::string_view helperExecutable();

// Replaces every @NAME@ by its value. Throws HelperError(E_INTERNAL) when the text keeps a
// placeholder no value was given for (a template and its caller out of step).
std::string fillTemplate(std::string_view text, std::initializer_list<std::pair<std::string_view, std::string>> values);

} // namespace podbay::helper::sysfile
