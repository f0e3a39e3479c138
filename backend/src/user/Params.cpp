#include "Params.h"

#include "HelperError.h"

#include <podbay/protocol/Protocol.h>

namespace podbay::helper::user {
namespace {

[[noreturn]] void bad(std::string_view key, const std::string &what)
{
    throw HelperError(protocol::error::kBadInput, "parameter \"" + std::string(key) + "\" " + what,
                      "see docs/protocol.md for the method's parameters");
}

const nlohmann::json *field(const nlohmann::json &params, std::string_view key)
{
    if (!params.is_object())
        return nullptr;
    const auto it = params.find(key);
    return it == params.end() || it->is_null() ? nullptr : &*it;
}

} // namespace

std::optional<std::string> optionalString(const nlohmann::json &params, std::string_view key, std::size_t maxBytes)
{
    const nlohmann::json *value = field(params, key);
    if (!value)
        return std::nullopt;
    if (!value->is_string())
        bad(key, "must be a string");
    std::string text = value->get<std::string>();
    if (text.size() > maxBytes)
        bad(key, "is longer than " + std::to_string(maxBytes) + " bytes");
    if (text.find('\0') != std::string::npos)
        bad(key, "contains a NUL byte");
    return text;
}

std::string requireString(const nlohmann::json &params, std::string_view key, std::size_t maxBytes)
{
    std::optional<std::string> text = optionalString(params, key, maxBytes);
    if (!text || text->empty())
        bad(key, "is required");
    return *text;
}

std::int64_t boundedInteger(const nlohmann::json &params, std::string_view key, std::int64_t min, std::int64_t max,
                            std::int64_t fallback)
{
    const nlohmann::json *value = field(params, key);
    if (!value)
        return fallback;
    if (!value->is_number_integer())
        bad(key, "must be an integer");
    const std::int64_t n = value->get<std::int64_t>();
    if (n < min || n > max)
        bad(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return n;
}

bool optionalBool(const nlohmann::json &params, std::string_view key, bool fallback)
{
    const nlohmann::json *value = field(params, key);
    if (!value)
        return fallback;
    if (!value->is_boolean())
        bad(key, "must be true or false");
    return value->get<bool>();
}

} // namespace podbay::helper::user
