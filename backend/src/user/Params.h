#pragma once
// Typed access to a method's params object. Every value a client sends is checked here
// for type and bounds before any handler looks at it; a wrong one is E_BAD_INPUT naming
// the field (architecture.md: the helper never trusts its input).

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace podbay::helper::user {

// A string field of at most maxBytes bytes, without NUL.
std::string requireString(const nlohmann::json &params, std::string_view key, std::size_t maxBytes = 4096);
std::optional<std::string> optionalString(const nlohmann::json &params, std::string_view key,
                                          std::size_t maxBytes = 4096);
std::int64_t boundedInteger(const nlohmann::json &params, std::string_view key, std::int64_t min, std::int64_t max,
                            std::int64_t fallback);
bool optionalBool(const nlohmann::json &params, std::string_view key, bool fallback);

} // namespace podbay::helper::user
