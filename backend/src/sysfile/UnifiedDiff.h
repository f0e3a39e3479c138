#pragma once
// Unified diffs (the `diff -u` format, POSIX diff(1) "-u") for every --dry-run of the
// helper. Callers either hand over lines already tagged with what happens to them (the
// subids planner knows its edits, so its diff costs O(lines)), or two texts, which are
// compared with dtl's O(ND) algorithm (Debian libdtl-dev; Myers 1986 / Wu et al. 1990).

#include <span>
#include <string>
#include <string_view>

namespace podbay::helper::sysfile {

struct DiffLine
{
    char tag; // ' ' kept, '-' removed, '+' added
    std::string_view text;
};

// Hunks with three lines of context, after "--- oldName" / "+++ newName" headers.
// Empty when no line is tagged '-' or '+'.
std::string renderUnifiedDiff(std::string_view oldName, std::string_view newName, std::span<const DiffLine> lines);

// The diff between two whole texts. A missing trailing newline counts as a change of the
// last line, as in diff(1) ("\ No newline at end of file").
std::string textDiff(std::string_view oldName, std::string_view newName, std::string_view before,
                     std::string_view after);

} // namespace podbay::helper::sysfile
