#include "SubidFile.h"

#include "HelperError.h"
#include "config/Numbers.h"
#include "config/TextLines.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>

namespace podbay::helper::subids {

std::string SubidEntry::line() const
{
    return owner + ':' + std::to_string(start) + ':' + std::to_string(count);
}

std::optional<EntryView> parseEntryView(std::string_view line, std::string *why)
{
    const auto fail = [&](const char *reason) -> std::optional<EntryView> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    const std::size_t first = line.find(':');
    const std::size_t second = first == std::string_view::npos ? first : line.find(':', first + 1);
    if (second == std::string_view::npos || line.find(':', second + 1) != std::string_view::npos)
        return fail("expected owner:start:count");
    const std::string_view owner = line.substr(0, first);
    if (owner.empty())
        return fail("the owner is empty");
    for (const char c : owner)
        if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f)
            return fail("the owner contains spaces or control characters");
    // Decimal only: shadow's getulong also takes 0x.. and 0.. forms, which no tool writes
    // and which would make "010" mean 8.
    const auto start = config::parseUnsigned(line.substr(first + 1, second - first - 1), 0, kMaxFieldValue);
    const auto count = config::parseUnsigned(line.substr(second + 1), 0, kMaxFieldValue);
    if (!start || !count) {
        if (why)
            *why = "start and count must be decimal numbers up to " + std::to_string(kMaxFieldValue);
        return std::nullopt;
    }
    return EntryView{owner, *start, *count};
}

std::optional<SubidEntry> parseEntry(std::string_view line, std::string *why)
{
    const auto fields = parseEntryView(line, why);
    if (!fields)
        return std::nullopt;
    return SubidEntry{std::string(fields->owner), fields->start, fields->count};
}

SubidFile SubidFile::parse(std::string content, const std::string &source)
{
    SubidFile file;
    file.m_text = std::make_shared<const std::string>(std::move(content));
    const std::string_view text = *file.m_text;
    file.lines.reserve(static_cast<std::size_t>(std::ranges::count(text, '\n')) + 1);
    config::forEachLine(text, [&](std::string_view line, int lineNumber) {
        std::optional<EntryView> entry;
        const char first = line.empty() ? ' ' : line.front();
        const bool blank = (first == ' ' || first == '\t') && line.find_first_not_of(" \t") == std::string_view::npos;
        const bool verbatim = blank || first == '#' || first == '+' || first == '-';
        if (!verbatim) {
            std::string why;
            entry = parseEntryView(line, &why);
            if (!entry)
                throw HelperError(protocol::error::kBadInput,
                                  source + ":" + std::to_string(lineNumber) + ": malformed line '"
                                      + std::string(line) + "': " + why,
                                  "fix or remove the line (subuid(5): owner:start:count); nothing was changed");
        }
        file.lines.emplace_back(line, entry);
    });
    return file;
}

std::string SubidFile::serialise() const
{
    std::string out;
    std::size_t size = 0;
    for (const auto &line : lines)
        size += line.text.size() + 1;
    out.reserve(size);
    for (const auto &line : lines) {
        out += line.text;
        out += '\n';
    }
    return out;
}

} // namespace podbay::helper::subids
