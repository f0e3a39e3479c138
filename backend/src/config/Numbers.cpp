#include "Numbers.h"


namespace podbay::helper::config {

std::optional<std::uint64_t> parseUnsigned(std::string_view text, std::uint64_t min, std::uint64_t max)
{
    // One pass with overflow checks: this runs for every number of a 100,000-line file
    // (bench/subids), where find_first_not_of plus from_chars took twice as long.
    if (text.empty() || text.size() > 20)
        return std::nullopt;
    std::uint64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        // 19 digits always fit in 64 bits; only a 20th can overflow.
        if (text.size() < 20)
            value = value * 10 + static_cast<unsigned>(c - '0');
        else if (__builtin_mul_overflow(value, 10U, &value) || __builtin_add_overflow(value, unsigned(c - '0'), &value))
            return std::nullopt;
    }
    if (value < min || value > max)
        return std::nullopt;
    return value;
}

std::string boundsText(std::uint64_t min, std::uint64_t max)
{
    return "a whole number between " + std::to_string(min) + " and " + std::to_string(max);
}

} // namespace podbay::helper::config
