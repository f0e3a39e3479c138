#pragma once
// /etc/subuid and /etc/subgid as subuid(5)/subgid(5) define them: one `owner:start:count`
// per line, owner a login name or a numeric UID (for both files: subgid is keyed by the
// user, never by a group). shadow-utils' lib/commonio.c keeps every line it cannot parse
// (comments, NIS +/- lines) verbatim, and so does this class: only entries are
// interpreted, every other line is carried through unchanged.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::subids {

// (uid_t)-1 is never a valid id (user_namespaces(7)), so usable ids are 0 .. 2^32-2 and a
// range [start, start+count) must end at or below this value.
inline constexpr std::uint64_t kIdLimit = 4294967295ULL;
// The largest number accepted in a start or count field; larger is a malformed line.
inline constexpr std::uint64_t kMaxFieldValue = 4294967296ULL;

struct SubidEntry
{
    std::string owner;
    std::uint64_t start = 0;
    std::uint64_t count = 0;

    std::uint64_t end() const { return start + count; } // one past the last id
    std::string line() const;                             // "owner:start:count"
    bool operator==(const SubidEntry &) const = default;
};

// An entry as a view into a line of text (SubidFile's lines, a plan's lines).
struct EntryView
{
    std::string_view owner;
    std::uint64_t start = 0;
    std::uint64_t count = 0;
    std::uint64_t end() const { return start + count; } // one past the last id
};

// One line: 40 bytes, not the 56 of a view plus an optional EntryView (200,000 lines at
// 100,000 users; bench/subids). An entry's owner is always the text up to its first ':'.
class SubidLine
{
public:
    SubidLine() = default;
    SubidLine(std::string_view text, const std::optional<EntryView> &entry)
        : text(text)
    {
        if (entry) {
            m_start = entry->start;
            m_count = entry->count;
            m_ownerSize = static_cast<std::uint32_t>(entry->owner.size());
            m_isEntry = true;
        }
    }

    // Empty for comments, blank and NIS lines; views `text`.
    std::optional<EntryView> entry() const
    {
        if (!m_isEntry)
            return std::nullopt;
        return EntryView{text.substr(0, m_ownerSize), m_start, m_count};
    }
    bool isEntry() const { return m_isEntry; }

    std::string_view text; // the line as read (without newline), in the file's text

private:
    std::uint64_t m_start = 0;
    std::uint64_t m_count = 0;
    std::uint32_t m_ownerSize = 0;
    bool m_isEntry = false;
};

// The lines view the file's text, which the SubidFile (and every copy of it) shares and
// keeps alive: one allocation for the file instead of one per line (bench/subids).
class SubidFile
{
public:
    // Throws HelperError(E_BAD_INPUT) "SOURCE:LINE: ..." on a line that is neither an entry,
    // a comment (#), blank, nor a NIS line (+/-).
    static SubidFile parse(std::string text, const std::string &source);
    // Lines joined by '\n', with a final newline when there is any line.
    std::string serialise() const;

    std::vector<SubidLine> lines;
    // The text the lines view: the file's bytes exactly as parse() got them.
    const std::shared_ptr<const std::string> &storage() const { return m_text; }

private:
    std::shared_ptr<const std::string> m_text;
};

// Parses one entry line ("alice:100000:65536"); std::nullopt with `why` set when it is not one.
std::optional<SubidEntry> parseEntry(std::string_view line, std::string *why = nullptr);

std::optional<EntryView> parseEntryView(std::string_view line, std::string *why = nullptr);

} // namespace podbay::helper::subids
