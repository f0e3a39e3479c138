#pragma once
// A small INI reader for /etc/podbay/helper.conf (documented in docs/helper-conf.md):
//   # or ; starts a comment line      [section]      key = value
// Values are taken verbatim after trimming (no quotes, no inline comments). A key appears
// once per section; keys before the first section, duplicate keys and lines that are none
// of the above are errors naming file and line. Typed getters check bounds and name the
// offending line; keys no command knows are reported as warnings, not errors, so an older
// helper can read a newer site's file.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::config {

struct KnownKey
{
    std::string_view section;
    std::string_view key;
};

class IniFile
{
public:
    // Throws HelperError(E_BAD_INPUT) naming `source` and the line on a syntax error.
    static IniFile parse(std::string_view text, std::string source);
    // A missing file gives an empty configuration; an unreadable one throws E_IO.
    static IniFile load(const std::filesystem::path &path);

    const std::string &source() const { return m_source; }
    bool has(std::string_view section, std::string_view key) const;

    std::optional<std::string> string(std::string_view section, std::string_view key) const;
    std::optional<std::uint64_t> integer(std::string_view section, std::string_view key, std::uint64_t min,
                                         std::uint64_t max) const;
    // yes/no, true/false, on/off, 1/0.
    std::optional<bool> boolean(std::string_view section, std::string_view key) const;
    // Words separated by spaces and/or commas; an empty value is an empty list.
    std::optional<std::vector<std::string>> list(std::string_view section, std::string_view key) const;
    // One of `allowed`.
    std::optional<std::string> choice(std::string_view section, std::string_view key,
                                      std::span<const std::string_view> allowed) const;

    // "FILE:LINE: unknown key [section] key (ignored)" for every key not in `known`
    // (a section listed with an empty key accepts any key in it).
    std::vector<std::string> unknownKeyWarnings(std::span<const KnownKey> known) const;

private:
    struct Value
    {
        std::string text;
        int line = 0;
    };
    const Value *find(std::string_view section, std::string_view key) const;
    [[noreturn]] void badValue(std::string_view section, std::string_view key, const Value &value,
                               const std::string &expected) const;

    std::string m_source;
    // section -> key -> value; std::less<> for lookups by string_view.
    std::map<std::string, std::map<std::string, Value, std::less<>>, std::less<>> m_sections;
};

} // namespace podbay::helper::config
