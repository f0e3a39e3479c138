#pragma once
// Splitting one fuzz input into the parts a target needs (a file and its settings, a
// request's head and body), so the fuzzer mutates all of them through one byte string and
// a seed corpus file stays readable text.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace podbay::fuzz {

inline std::string_view asText(const std::uint8_t *data, std::size_t size)
{
    return {reinterpret_cast<const char *>(data), size};
}

// The parts of `text` between occurrences of `separator`, at most `maxParts` (the last
// part keeps any further separators).
inline std::vector<std::string_view> split(std::string_view text, std::string_view separator, std::size_t maxParts)
{
    std::vector<std::string_view> parts;
    while (parts.size() + 1 < maxParts) {
        const std::size_t at = text.find(separator);
        if (at == std::string_view::npos)
            break;
        parts.push_back(text.substr(0, at));
        text.remove_prefix(at + separator.size());
    }
    parts.push_back(text);
    return parts;
}

// The first line of `text` (without its '\n'), removed from `text`.
inline std::string_view takeLine(std::string_view &text)
{
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    return line;
}

// An invariant the code promises broke: a finding like a crash, so abort (libFuzzer
// keeps the input; the replay test fails).
[[noreturn]] inline void broken(const char *what)
{
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
}

} // namespace podbay::fuzz
