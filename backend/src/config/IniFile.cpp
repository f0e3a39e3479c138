#include "IniFile.h"

#include "HelperError.h"
#include "Numbers.h"
#include "TextLines.h"
#include "sysfile/AtomicFile.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>

namespace podbay::helper::config {
namespace {

constexpr std::string_view kSpace = " \t\r";

std::string_view trim(std::string_view s)
{
    const auto first = s.find_first_not_of(kSpace);
    if (first == std::string_view::npos)
        return {};
    return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

bool validName(std::string_view name)
{
    return !name.empty()
        && std::ranges::all_of(name, [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                   || c == '-' || c == '.';
           });
}

} // namespace

IniFile IniFile::parse(std::string_view text, std::string source)
{
    IniFile ini;
    ini.m_source = std::move(source);
    const auto fail = [&](int line, const std::string &message) {
        throw HelperError(protocol::error::kBadInput, ini.m_source + ":" + std::to_string(line) + ": " + message,
                          "fix the file; its format is described in docs/helper-conf.md");
    };
    std::string section;
    forEachLine(text, [&](std::string_view raw, int lineNumber) {
        const std::string_view line = trim(raw);
        if (line.empty() || line.front() == '#' || line.front() == ';')
            return;
        if (line.front() == '[') {
            if (line.back() != ']' || !validName(trim(line.substr(1, line.size() - 2))))
                fail(lineNumber, "expected [section] with a name of letters, digits, _ - .");
            section = std::string(trim(line.substr(1, line.size() - 2)));
            ini.m_sections[section]; // an empty section still exists
            return;
        }
        const std::size_t eq = line.find('=');
        if (eq == std::string_view::npos)
            fail(lineNumber, "expected key = value, [section] or a # comment, got '" + std::string(line) + "'");
        const std::string_view key = trim(line.substr(0, eq));
        if (!validName(key))
            fail(lineNumber, "invalid key '" + std::string(key) + "'");
        if (section.empty())
            fail(lineNumber, "key '" + std::string(key) + "' is outside any [section]");
        auto &keys = ini.m_sections[section];
        if (const auto it = keys.find(key); it != keys.end())
            fail(lineNumber, "[" + section + "] " + std::string(key) + " is already set on line "
                                 + std::to_string(it->second.line));
        keys.emplace(std::string(key), Value{std::string(trim(line.substr(eq + 1))), lineNumber});
    });
    return ini;
}

IniFile IniFile::load(const std::filesystem::path &path)
{
    const auto text = sysfile::readFileIfExists(path);
    return parse(text.value_or(std::string()), path.string());
}

const IniFile::Value *IniFile::find(std::string_view section, std::string_view key) const
{
    const auto s = m_sections.find(section);
    if (s == m_sections.end())
        return nullptr;
    const auto k = s->second.find(key);
    return k == s->second.end() ? nullptr : &k->second;
}

bool IniFile::has(std::string_view section, std::string_view key) const
{
    return find(section, key) != nullptr;
}

void IniFile::badValue(std::string_view section, std::string_view key, const Value &value,
                       const std::string &expected) const
{
    throw HelperError(protocol::error::kBadInput,
                      m_source + ":" + std::to_string(value.line) + ": [" + std::string(section) + "] "
                          + std::string(key) + " = '" + value.text + "' must be " + expected,
                      "fix the value; every key is described in docs/helper-conf.md");
}

std::optional<std::string> IniFile::string(std::string_view section, std::string_view key) const
{
    const Value *value = find(section, key);
    return value ? std::optional(value->text) : std::nullopt;
}

std::optional<std::uint64_t> IniFile::integer(std::string_view section, std::string_view key, std::uint64_t min,
                                              std::uint64_t max) const
{
    const Value *value = find(section, key);
    if (!value)
        return std::nullopt;
    const auto number = parseUnsigned(value->text, min, max);
    if (!number)
        badValue(section, key, *value, boundsText(min, max));
    return number;
}

std::optional<bool> IniFile::boolean(std::string_view section, std::string_view key) const
{
    const Value *value = find(section, key);
    if (!value)
        return std::nullopt;
    const std::string &t = value->text;
    if (t == "yes" || t == "true" || t == "on" || t == "1")
        return true;
    if (t == "no" || t == "false" || t == "off" || t == "0")
        return false;
    badValue(section, key, *value, "yes or no");
}

std::optional<std::vector<std::string>> IniFile::list(std::string_view section, std::string_view key) const
{
    const Value *value = find(section, key);
    if (!value)
        return std::nullopt;
    std::vector<std::string> words;
    std::string_view rest = value->text;
    while (!rest.empty()) {
        const std::size_t start = rest.find_first_not_of(" \t,");
        if (start == std::string_view::npos)
            break;
        rest = rest.substr(start);
        const std::size_t end = rest.find_first_of(" \t,");
        words.emplace_back(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    }
    return words;
}

std::optional<std::string> IniFile::choice(std::string_view section, std::string_view key,
                                           std::span<const std::string_view> allowed) const
{
    const Value *value = find(section, key);
    if (!value)
        return std::nullopt;
    if (std::ranges::find(allowed, value->text) == allowed.end()) {
        std::string expected = "one of";
        for (const auto a : allowed)
            expected += " " + std::string(a);
        badValue(section, key, *value, expected);
    }
    return value->text;
}

std::vector<std::string> IniFile::unknownKeyWarnings(std::span<const KnownKey> known) const
{
    std::vector<std::string> warnings;
    for (const auto &[section, keys] : m_sections) {
        for (const auto &[key, value] : keys) {
            // Named captures: clang before 16 cannot capture structured bindings (scripts/fuzz builds with clang 14).
            const bool isKnown = std::ranges::any_of(known, [&section = section, &key = key](const KnownKey &k) {
                return k.section == section && (k.key.empty() || k.key == key);
            });
            if (!isKnown)
                warnings.push_back(m_source + ":" + std::to_string(value.line) + ": unknown key [" + section + "] "
                                   + key + " (ignored)");
        }
    }
    return warnings;
}

} // namespace podbay::helper::config
