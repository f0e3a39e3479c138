#include "UnifiedDiff.h"

#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#endif
#include <dtl/dtl.hpp>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#include <algorithm>
#include <vector>

namespace podbay::helper::sysfile {
namespace {

constexpr std::size_t kContext = 3;

// diff -u's "start,count" (a zero count names the line before).
std::string range(std::size_t start, std::size_t count)
{
    const std::size_t shown = count == 0 ? start - 1 : start;
    return std::to_string(shown) + (count == 1 ? std::string() : "," + std::to_string(count));
}

// Lines of a text; a last line without '\n' is kept with a marker so that adding the
// newline shows as a change.
std::vector<std::string> splitLines(std::string_view text)
{
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t nl = text.find('\n', at);
        if (nl == std::string_view::npos) {
            lines.emplace_back(std::string(text.substr(at)) + "\n\\ No newline at end of file");
            break;
        }
        lines.emplace_back(text.substr(at, nl - at));
        at = nl + 1;
    }
    return lines;
}

} // namespace

std::string renderUnifiedDiff(std::string_view oldName, std::string_view newName, std::span<const DiffLine> lines)
{
    if (std::ranges::none_of(lines, [](const DiffLine &l) { return l.tag != ' '; }))
        return {};
    std::string out = "--- " + std::string(oldName) + "\n+++ " + std::string(newName) + "\n";

    std::size_t i = 0;
    // Line numbers (1-based) in the old and new file of lines[i].
    std::size_t oldLine = 1, newLine = 1;
    while (i < lines.size()) {
        std::size_t change = i;
        std::size_t oldAt = oldLine, newAt = newLine;
        while (change < lines.size() && lines[change].tag == ' ') {
            ++change;
            ++oldAt;
            ++newAt;
        }
        if (change == lines.size())
            break;
        // A hunk starts kContext lines before a change and ends kContext lines after the last
        // change that is not separated from the previous one by more than 2*kContext lines.
        const std::size_t lead = std::min(kContext, change - i);
        const std::size_t start = change - lead;
        const std::size_t hunkOld = oldAt - lead, hunkNew = newAt - lead;
        std::size_t end = change + 1;
        for (std::size_t j = change; j < lines.size();) {
            if (lines[j].tag != ' ') {
                end = ++j;
                continue;
            }
            std::size_t k = j;
            while (k < lines.size() && lines[k].tag == ' ')
                ++k;
            if (k == lines.size() || k - j > 2 * kContext)
                break;
            j = k;
        }
        end = std::min(lines.size(), end + kContext);
        std::size_t oldCount = 0, newCount = 0;
        std::string body;
        for (std::size_t j = start; j < end; ++j) {
            oldCount += lines[j].tag != '+';
            newCount += lines[j].tag != '-';
            body += lines[j].tag;
            body += lines[j].text;
            body += '\n';
        }
        out += "@@ -" + range(hunkOld, oldCount) + " +" + range(hunkNew, newCount) + " @@\n" + body;
        oldLine = hunkOld + oldCount;
        newLine = hunkNew + newCount;
        i = end;
    }
    return out;
}

std::string textDiff(std::string_view oldName, std::string_view newName, std::string_view before,
                     std::string_view after)
{
    if (before == after)
        return {};
    const std::vector<std::string> a = splitLines(before), b = splitLines(after);
    dtl::Diff<std::string> diff(a, b);
    diff.compose();
    // Named locals: getSes() and getSequence() return copies, and the DiffLines below
    // point into the sequence's strings.
    const auto ses = diff.getSes();
    const auto sequence = ses.getSequence();
    std::vector<DiffLine> lines;
    for (const auto &[text, info] : sequence) {
        const char tag = info.type == dtl::SES_ADD ? '+' : info.type == dtl::SES_DELETE ? '-' : ' ';
        lines.push_back({tag, text});
    }
    return renderUnifiedDiff(oldName, newName, lines);
}

} // namespace podbay::helper::sysfile
