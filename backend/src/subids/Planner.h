#pragma once
// From the accounts and the current /etc/subuid or /etc/subgid to the file `sync` would
// write. Rules (docs/helper-conf.md, "What sync changes"):
//  - Lines the helper does not manage (manual entries, service accounts, useradd's own
//    allocations, comments) are never changed or moved.
//  - A user whose range the helper manages gets it corrected in place; managed lines of
//    accounts that are gone or no longer eligible are removed.
//  - A user with no managed line but a foreign one keeps the foreign one and gets nothing
//    more; if the foreign line is exactly what the strategy gives, the helper adopts it
//    (records it as managed, the file is unchanged): the migration from the shell loop.
//  - A user with no line at all gets one, appended at the end, in UID order.
//  - subgid is keyed by the user name, like subuid (subgid(5)), never by a group.

//
// Memory: a plan refers to the old file, the accounts and the constant notes through
// std::string_view, and keeps the lines it creates once, in its own arena; so it must not
// outlive the SubidFile and the accounts it was made from (at 100,000 users, copies per
// change used over 60 MB; bench/subids).

#include "ManagedSet.h"
#include "RangeAnalysis.h"
#include "Strategy.h"
#include "SubidFile.h"
#include "TextArena.h"
#include "UserSource.h"

#include <iterator>
#include <ranges>
#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::subids {

struct PlanInput
{
    const OwnerIndex *owners = nullptr;
    std::vector<const Account *> eligible; // sorted by UID
    StrategyParams params;
};

struct FileInput
{
    std::string path; // for messages: /etc/subuid
    const SubidFile *file = nullptr;
    const ManagedSet *managed = nullptr;
    std::uint64_t count = 65536;
    std::uint64_t poolStart = 100000; // allocate only
    std::uint64_t poolEnd = 600100000;
    std::vector<std::uint64_t> accountIds; // sorted UIDs or GIDs in use: allocate avoids them
};

enum class LineOpKind { Replace, Delete };
struct LineOp
{
    std::size_t index = 0; // line in the old file
    LineOpKind kind = LineOpKind::Replace;
    std::string_view text; // the replacement
};

struct Change
{
    std::string_view user;
    std::uint64_t uid = 0;
    std::string_view before; // entry line, empty when added
    std::string_view after;  // entry line, empty when removed
    std::string_view note;
};

struct Refusal
{
    std::string user;
    std::uint64_t uid = 0;
    std::string file;
    std::string reason;
};

struct FilePlan;

// One Change per appended line (user, uid, after), made when asked for from the plan's
// appended lines and their accounts: 100,000 new users would otherwise hold 14 MB of
// Change records (bench/subids). A range of Change values; its iterators stay valid as
// long as the plan does.
class AddedChanges
{
public:
    class iterator
    {
    public:
        using value_type = Change;
        using difference_type = std::ptrdiff_t;
        using iterator_concept = std::forward_iterator_tag;
        using iterator_category = std::input_iterator_tag;
        iterator() = default;
        iterator(const FilePlan *plan, std::size_t i) : m_plan(plan), m_i(i) {}
        Change operator*() const;
        iterator &operator++() { return ++m_i, *this; }
        iterator operator++(int) { return {m_plan, m_i++}; }
        bool operator==(const iterator &o) const { return m_i == o.m_i; }

    private:
        const FilePlan *m_plan = nullptr;
        std::size_t m_i = 0;
    };

    explicit AddedChanges(const FilePlan &plan) : m_plan(&plan) {}
    std::size_t size() const;
    bool empty() const { return size() == 0; }
    Change operator[](std::size_t i) const { return *iterator(m_plan, i); }
    iterator begin() const { return {m_plan, 0}; }
    iterator end() const { return {m_plan, size()}; }

private:
    const FilePlan *m_plan;
};

struct FilePlan
{
    FilePlan() = default;
    FilePlan(FilePlan &&) noexcept = default;
    FilePlan &operator=(FilePlan &&) noexcept = default;

    std::string path;
    const SubidFile *old = nullptr;
    std::vector<LineOp> ops; // sorted by index
    std::vector<std::string_view> appended;
    std::vector<Change> modified, removed, adopted;
    std::vector<std::string> keptForeign;       // eligible users left with a range the helper does not manage
    std::vector<std::string_view> managedAfter; // managed entry lines after the change, in file order
    bool managedChanged = false;                // managedAfter differs from the recorded set
    // Recorded lines that managedAfter lacks (each once); they view the recorded set (the
    // Workspace's state), valid while it is.
    std::vector<std::string_view> droppedManaged;
    TextArena texts;                            // the lines the plan creates
    // The account of each old line's owner and of each appended line, as the planner
    // resolved them (nullptr: not an entry, or no such account).
    std::vector<const Account *> lineAccounts, appendedAccounts;

    AddedChanges added() const { return AddedChanges(*this); }

    bool fileChanged() const { return !ops.empty() || !appended.empty(); }
    SubidFile newFile() const;
    // The new file's text: what newFile().serialise() gives, without building it.
    std::string serialise() const;
    // The new file's entries with their line numbers and accounts, for RangeAnalysis with
    // `resolved` set (they view the plan and the old file). `owners` resolves what the plan
    // did not record.
    std::vector<EntryRef> newEntries(const OwnerIndex &owners) const;
};

struct Plan
{
    FilePlan subuid;
    FilePlan subgid;
    std::vector<Refusal> refused;
    std::size_t eligible = 0;

    bool changesFiles() const { return subuid.fileChanged() || subgid.fileChanged(); }
    bool changesState() const { return subuid.managedChanged || subgid.managedChanged; }
    // Managed entries removed because their account is gone or no longer eligible.
    std::size_t staleRemovals() const;
};

FilePlan planFile(const PlanInput &input, const FileInput &file, std::vector<Refusal> &refused);

} // namespace podbay::helper::subids

template <>
inline constexpr bool std::ranges::enable_borrowed_range<podbay::helper::subids::AddedChanges> = true;
