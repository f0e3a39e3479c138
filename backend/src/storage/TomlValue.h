#pragma once
// Reading TOML config files (containers-storage.conf(5)) with a real parser, toml++
// (Debian libtomlplusplus-dev, used header-only so login nodes need no extra library).
// Used to validate a file before and after the helper edits it in place, and to read
// settings; the helper never writes a file through toml++ (that would drop comments).

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace podbay::helper::storage {

// Throws HelperError(E_BAD_INPUT) "SOURCE:LINE:COLUMN: what is wrong" for invalid TOML.
void validateToml(std::string_view text, const std::string &source);

// The string at `path` (e.g. {"storage", "graphroot"}); std::nullopt when the key is
// absent. A key of another type throws HelperError(E_BAD_INPUT), as does invalid TOML.
std::optional<std::string> tomlString(std::string_view text, const std::string &source,
                                      std::initializer_list<std::string_view> path);

} // namespace podbay::helper::storage
