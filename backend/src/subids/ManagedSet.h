#pragma once
// The entry lines the helper manages in one file (/etc/subuid or /etc/subgid), verbatim,
// as recorded in the state file (ManagedState.h): a set that keeps insertion order, with
// the lines stored once, in an arena.
//
// The hash index is built only when a lookup needs it. `sync` writes the state in the
// order of the files, so on the hourly run where nothing changed the planner finds every
// managed line by walking the file and this list side by side (lines()), and never hashes
// the 200,000 lines of a 100,000-user site (bench/subids).

#include "FlatIndex.h"
#include "SubidFile.h"
#include "TextArena.h"

#include <initializer_list>
#include <memory>
#include <string>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace podbay::helper::subids {

class ManagedSet
{
public:
    ManagedSet() = default;
    template <typename It>
    ManagedSet(It first, It last)
    {
        for (; first != last; ++first)
            insert(std::string_view(*first));
    }
    ManagedSet(std::initializer_list<std::string_view> lines) : ManagedSet(lines.begin(), lines.end()) {}

    // False when the line is there already.
    bool insert(std::string_view line);
    // Adds without looking for the line first (loading the state file): a repeated line
    // is dropped when the index is built.
    void append(std::string_view line);
    void reserve(std::size_t n) { m_lines.reserve(n); }
    // Takes lines that point into `storage` without copying them (the state file's text).
    void adopt(std::vector<std::string_view> lines, std::shared_ptr<const std::string> storage);
    // Points every line that is also a line of `file` (found walking both in order) at the
    // file's text, copies the others, and lets go of adopted storage: the state file's
    // 6 MB at 100,000 users need not stay in memory next to the files. Returns the lines
    // that are not in the file.
    std::vector<std::string_view> rebase(const SubidFile &file);

    bool contains(std::string_view line) const { return position(line).has_value(); }
    // Where the line is in lines().
    std::optional<std::size_t> position(std::string_view line) const;
    std::size_t size() const;
    bool empty() const { return m_lines.empty(); }

    // In insertion order. lines() may still hold a line appended twice; begin()/end() do not.
    std::span<const std::string_view> lines() const { return m_lines; }
    auto begin() const
    {
        index();
        return m_lines.begin();
    }
    auto end() const { return m_lines.end(); }

private:
    const FlatIndex &index() const;

    TextArena m_text;
    std::vector<std::shared_ptr<const std::string>> m_storage; // adopted texts and rebased files' texts
    // Mutable: the first lookup builds the index and drops repeated lines; what the set
    // holds does not change.
    mutable std::vector<std::string_view> m_lines;
    mutable std::optional<FlatIndex> m_index;
};

// `lines` (distinct, as a plan's managedAfter) against `set`: the set's lines that `lines`
// lacks (each once, in the set's order) and how many of `lines` the set holds. Uses one
// transient index over `lines`; the set's own index is not built, so a set that has none
// keeps none (2 MB per file at 100,000 users, bench/subids).
struct SetComparison
{
    std::vector<std::string_view> onlyInSet;
    std::size_t inBoth = 0;
};
SetComparison compareWith(const ManagedSet &set, std::span<const std::string_view> lines);

} // namespace podbay::helper::subids
