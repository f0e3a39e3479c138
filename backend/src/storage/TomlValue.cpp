#include "TomlValue.h"

#include "HelperError.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

// toml++ 3.3 checks its own parser state with assert(): a table header whose key starts
// with a character no key can start with (`[=x]`) fails one, which aborted the helper in
// a build without NDEBUG, e.g. root's `prune` reading a user's storage.conf (found by
// fuzz/storage_conf). A failed check throws instead and the file is refused like any other
// invalid TOML. (With NDEBUG the check is compiled out and the parser reports the key.)
// (A function, so a check inside a noexcept function is not a -Wterminate warning; unused
// where NDEBUG leaves toml++ without checks.)
[[noreturn, maybe_unused]] static void tomlCheckFailed(const char *expr)
{
    throw std::logic_error(std::string("toml++ check failed: ") + expr);
}
#define TOML_ASSERT(expr) ((expr) ? static_cast<void>(0) : tomlCheckFailed(#expr))
#include <toml++/toml.h>

namespace podbay::helper::storage {
namespace {

// Where a byte >= 0x80 stands outside strings and comments, which TOML 1.0 never allows
// (keys, numbers, dates and whitespace are ASCII), or right after a string's backslash and
// the whitespace it trims. toml++ 3.3 asks is_non_ascii_horizontal_whitespace() about such a
// character, and for most of U+00A1..U+0499, U+2D3E..U+3137 and U+FB96..U+FEFE that function
// reaches __builtin_unreachable(): undefined behaviour in every build (found by
// fuzz/storage_conf). They are refused before toml++ sees them.
std::optional<std::size_t> unsafeNonAscii(std::string_view t)
{
    const auto high = [&](std::size_t i) { return i < t.size() && static_cast<unsigned char>(t[i]) >= 0x80; };
    for (std::size_t i = 0; i < t.size();) {
        const char c = t[i];
        if (c == '#') {
            while (i < t.size() && t[i] != '\n')
                ++i;
        } else if (c == '"' || c == '\'') {
            const std::size_t quotes = t.substr(i, 3) == std::string(3, c) ? 3 : 1;
            const std::string_view close = t.substr(i, quotes);
            for (i += quotes; i < t.size();) {
                if (c == '"' && t[i] == '\\') {
                    std::size_t j = i + 1;
                    while (j < t.size() && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r' || t[j] == '\n'))
                        ++j;
                    if (high(j))
                        return j;
                    i = j == i + 1 ? i + 2 : j;
                } else if (t.substr(i, quotes) == close) {
                    i += quotes;
                    break;
                } else if (quotes == 1 && t[i] == '\n') {
                    break;
                } else {
                    ++i;
                }
            }
        } else if (high(i)) {
            return i;
        } else {
            ++i;
        }
    }
    return std::nullopt;
}

toml::table parse(std::string_view text, const std::string &source)
{
    if (const auto at = unsafeNonAscii(text)) {
        const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(*at), '\n');
        throw HelperError(protocol::error::kBadInput,
                          source + ":" + std::to_string(line) + ": a non-ASCII character outside a string or comment",
                          "fix the file by hand; it must be valid TOML (containers-storage.conf(5))");
    }
    try {
        return toml::parse(text, source);
    } catch (const toml::parse_error &e) {
        std::ostringstream where;
        where << source << ':' << e.source().begin.line << ':' << e.source().begin.column << ": "
              << e.description();
        throw HelperError(protocol::error::kBadInput, where.str(),
                          "fix the file by hand; it must be valid TOML (containers-storage.conf(5))");
    } catch (const std::logic_error &) {
        throw HelperError(protocol::error::kBadInput, source + ": not valid TOML (a key or table header is malformed)",
                          "fix the file by hand; it must be valid TOML (containers-storage.conf(5))");
    }
}

} // namespace

void validateToml(std::string_view text, const std::string &source)
{
    parse(text, source);
}

std::optional<std::string> tomlString(std::string_view text, const std::string &source,
                                      std::initializer_list<std::string_view> path)
{
    const toml::table doc = parse(text, source);
    toml::node_view<const toml::node> node{doc};
    std::string dotted;
    for (const std::string_view key : path) {
        node = node[key];
        dotted += (dotted.empty() ? "" : ".") + std::string(key);
    }
    if (!node)
        return std::nullopt;
    if (const auto value = node.value<std::string>(); value && node.is_string())
        return value;
    throw HelperError(protocol::error::kBadInput, source + ": " + dotted + " is not a string",
                      "fix the file by hand (containers-storage.conf(5))");
}

} // namespace podbay::helper::storage
