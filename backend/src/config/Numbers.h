#pragma once
// Strict parsing of the numbers the helper reads from files and command lines: decimal
// digits only (no sign, no spaces, no 0x), checked against explicit bounds without
// overflow, as the style notes ask for every number a privileged tool takes.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace podbay::helper::config {

// The value when `text` is a decimal number within [min, max], std::nullopt otherwise.
std::optional<std::uint64_t> parseUnsigned(std::string_view text, std::uint64_t min, std::uint64_t max);

// "between 1 and 4294967295": for error messages.
std::string boundsText(std::uint64_t min, std::uint64_t max);

} // namespace podbay::helper::config
