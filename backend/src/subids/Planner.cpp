#include "Planner.h"

#include <algorithm>
#include <charconv>
#include <optional>

namespace podbay::helper::subids {
namespace {

constexpr std::string_view kStaleGone = "no such account";
constexpr std::string_view kStaleIneligible = "account not eligible";
constexpr std::string_view kSecondRange = "second managed range of the user";
constexpr std::uint32_t kNotEligible = 0xffffffffU;

// Whether lines of a file are managed, for lines asked in file order. The state lists the
// managed lines in file order too, so a cursor over that list answers most lines with one
// comparison; only a line that is not next there is looked up in the set's hash index.
class ManagedLookup
{
public:
    explicit ManagedLookup(const ManagedSet *set) : m_set(set) {}

    bool contains(std::string_view line)
    {
        if (!m_set)
            return false;
        const auto order = m_set->lines();
        if (m_next < order.size() && order[m_next] == line) {
            ++m_next;
            return true;
        }
        const auto at = m_set->position(line); // may drop repeated lines from lines()
        if (at)
            m_next = *at + 1;
        return at.has_value();
    }

private:
    const ManagedSet *m_set;
    std::size_t m_next = 0;
};

class FilePlanner
{
public:
    FilePlanner(const PlanInput &input, const FileInput &file, std::vector<Refusal> &refused)
        : m_in(input), m_file(file), m_refused(refused)
    {
        m_plan.path = file.path;
        m_plan.old = file.file;
    }

    FilePlan run()
    {
        m_keptAt.resize(m_file.file->lines.size());
        indexLines();
        std::optional<PoolAllocator> pool;
        if (m_in.params.kind == Strategy::Allocate)
            pool.emplace(m_file.poolStart, m_file.poolEnd, occupied());
        for (std::size_t slot = 0; slot < m_in.eligible.size(); ++slot) {
            const Account &account = *m_in.eligible[slot];
            splitLines(slot);
            if (pool)
                planAllocate(account, *pool);
            else
                planDeterministic(account);
        }
        removeStale();
        finish();
        return std::move(m_plan);
    }

private:
    EntryView entryAt(std::size_t i) const { return *m_file.file->lines[i].entry(); }
    std::string_view textAt(std::size_t i) const { return m_file.file->lines[i].text; }

    // The entry lines of each eligible user, in file order, as one array grouped by user
    // (counting sort on the user's position in `eligible`): no container per user.
    void indexLines()
    {
        const auto &lines = m_file.file->lines;
        std::vector<std::uint32_t> slotOf(m_in.owners->size(), kNotEligible);
        for (std::size_t slot = 0; slot < m_in.eligible.size(); ++slot)
            slotOf[m_in.owners->indexOf(m_in.eligible[slot])] = static_cast<std::uint32_t>(slot);

        std::vector<std::uint32_t> lineSlot(lines.size(), kNotEligible);
        m_start.assign(m_in.eligible.size() + 1, 0);
        m_isManaged.resize(lines.size());
        m_plan.lineAccounts.assign(lines.size(), nullptr);
        ManagedLookup managedLines(m_file.managed);
        // Lines the helper appended are in UID order, like `eligible`: try the user after
        // the previous line's before hashing the owner (names are unique, and an all-digit
        // owner, a UID, never equals a name).
        std::size_t guess = 0;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (!lines[i].isEntry())
                continue;
            const bool managed = managedLines.contains(lines[i].text);
            m_isManaged[i] = managed;
            const std::string_view owner = lines[i].entry()->owner;
            const Account *account = guess < m_in.eligible.size() && m_in.eligible[guess]->name == owner
                                       ? m_in.eligible[guess]
                                       : m_in.owners->resolve(owner);
            m_plan.lineAccounts[i] = account;
            const std::uint32_t slot = account ? slotOf[m_in.owners->indexOf(account)] : kNotEligible;
            if (slot != kNotEligible)
                guess = slot + 1;
            if (slot == kNotEligible) {
                if (managed)
                    m_stale.emplace_back(i, account ? kStaleIneligible : kStaleGone);
                continue;
            }
            lineSlot[i] = slot;
            ++m_start[slot + 1];
        }
        std::size_t withoutLines = 0; // users who may get a line appended
        for (std::size_t slot = 0; slot < m_in.eligible.size(); ++slot) {
            withoutLines += m_start[slot + 1] == 0;
            m_start[slot + 1] += m_start[slot];
        }
        m_plan.appended.reserve(withoutLines);
        m_plan.appendedAccounts.reserve(withoutLines);
        m_managedAppended.reserve(withoutLines);
        m_userLines.resize(m_start.back());
        std::vector<std::uint32_t> fill(m_start.begin(), m_start.end() - 1);
        for (std::size_t i = 0; i < lines.size(); ++i)
            if (lineSlot[i] != kNotEligible)
                m_userLines[fill[lineSlot[i]]++] = i;
    }

    // This user's lines, managed and foreign, in file order.
    void splitLines(std::size_t slot)
    {
        m_managed.clear();
        m_foreign.clear();
        m_userManaged.clear();
        for (std::size_t k = m_start[slot]; k < m_start[slot + 1]; ++k) {
            const std::size_t i = m_userLines[k];
            (m_isManaged[i] ? m_managed : m_foreign).push_back(i);
        }
    }

    // Everything allocate must not hand out: every range in the file and every id of a
    // real account (a range covering one would let a container act as that account).
    std::vector<Interval> occupied() const
    {
        std::vector<Interval> taken;
        for (const auto &line : m_file.file->lines)
            if (const auto entry = line.entry(); entry && entry->count > 0)
                taken.push_back({entry->start, entry->end()});
        for (const std::uint64_t id : m_file.accountIds)
            taken.push_back({id, id + 1});
        return taken;
    }

    // Records that the current user's line i stays managed; once per text, since a file may
    // repeat a line.
    void keep(std::size_t i)
    {
        if (newForUser(textAt(i)))
            m_keptAt[i] = true;
    }

    bool newForUser(std::string_view text)
    {
        if (std::ranges::find(m_userManaged, text) != m_userManaged.end())
            return false;
        m_userManaged.push_back(text);
        return true;
    }

    void remove(std::size_t i, const Account *account, std::string_view note)
    {
        m_plan.ops.push_back({i, LineOpKind::Delete, {}});
        m_plan.removed.push_back(
            {account ? std::string_view(account->name) : std::string_view(entryAt(i).owner), account ? account->uid : 0,
             textAt(i), {}, note});
    }

    void refuse(const Account &account, std::string reason)
    {
        m_refused.push_back({account.name, account.uid, m_file.path, std::move(reason)});
    }

    void planAllocate(const Account &account, PoolAllocator &pool)
    {
        // allocate keeps every existing range, managed or not.
        for (const std::size_t i : m_managed)
            keep(i);
        if (!m_managed.empty())
            return;
        if (!m_foreign.empty()) {
            m_plan.keptForeign.push_back(account.name);
            return;
        }
        const auto start = pool.allocate(m_file.count);
        if (!start) {
            refuse(account, "no free block of " + std::to_string(m_file.count) + " ids left in the pool "
                                + std::to_string(m_file.poolStart) + "-" + std::to_string(m_file.poolEnd));
            return;
        }
        append(account, *start);
    }

    // "owner:start:count" in the plan's arena.
    std::string_view lineFor(const Account &account, std::uint64_t start)
    {
        const auto appendNumber = [&](std::uint64_t n) {
            char digits[24];
            m_line.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
        };
        m_line.assign(account.name);
        m_line += ':';
        appendNumber(start);
        m_line += ':';
        appendNumber(m_file.count);
        return m_plan.texts.add(m_line);
    }

    void append(const Account &account, std::uint64_t start)
    {
        const std::string_view text = lineFor(account, start);
        m_plan.appended.push_back(text);
        m_plan.appendedAccounts.push_back(&account);
        if (newForUser(text))
            m_managedAppended.push_back(text);
    }

    void planDeterministic(const Account &account)
    {
        StrategyParams params = m_in.params;
        params.count = m_file.count;
        const RangeOrRefusal range = deterministicRange(params, account.uid);
        if (!range.range) {
            // Keep whatever it has: taking a working range away helps nobody.
            for (const std::size_t i : m_managed)
                keep(i);
            refuse(account, range.refusal);
            return;
        }
        const std::uint64_t start = range.range->start;
        const auto sameRange = [&](std::size_t i) {
            return entryAt(i).start == start && entryAt(i).count == m_file.count;
        };
        if (!m_managed.empty()) {
            // Keep one line with the wanted range (preferring the exact text), fix or drop the rest.
            auto best = std::ranges::find_if(
                m_managed, [&](std::size_t i) { return sameRange(i) && entryAt(i).owner == account.name; });
            if (best == m_managed.end())
                best = std::ranges::find_if(m_managed, sameRange);
            for (const std::size_t i : m_managed) {
                if (best != m_managed.end() && i == *best) {
                    keep(i);
                } else if (best == m_managed.end() && i == m_managed.front()) {
                    const std::string_view text = lineFor(account, start);
                    m_plan.ops.push_back({i, LineOpKind::Replace, text});
                    m_plan.modified.push_back({account.name, account.uid, textAt(i), text, {}});
                    newForUser(text); // the replacement is managed (finish() takes it from the op)
                } else {
                    remove(i, &account, kSecondRange);
                }
            }
            return;
        }
        if (!m_foreign.empty()) {
            const auto same = std::ranges::find_if(m_foreign, sameRange);
            if (same != m_foreign.end()) {
                keep(*same);
                m_plan.adopted.push_back({account.name, account.uid, textAt(*same), textAt(*same), {}});
            } else {
                m_plan.keptForeign.push_back(account.name);
            }
            return;
        }
        append(account, start);
    }

    void removeStale()
    {
        for (const auto &[i, why] : m_stale)
            remove(i, m_in.owners->resolve(entryAt(i).owner), why);
    }

    void finish()
    {
        std::ranges::sort(m_plan.ops, {}, &LineOp::index);
        // The managed lines in the order of the new file: kept and replaced lines where they
        // are, appended ones at the end.
        std::vector<std::string_view> after;
        after.reserve(m_managedAppended.size() + m_userLines.size());
        auto op = m_plan.ops.begin();
        for (std::size_t i = 0; i < m_keptAt.size(); ++i) {
            if (op != m_plan.ops.end() && op->index == i) {
                if (op->kind == LineOpKind::Replace)
                    after.push_back(op->text);
                ++op;
            } else if (m_keptAt[i]) {
                after.push_back(textAt(i));
            }
        }
        after.insert(after.end(), m_managedAppended.begin(), m_managedAppended.end());
        compareManaged(after);
        m_plan.managedAfter = std::move(after);
    }

    // managedChanged and droppedManaged: `after` against the recorded set.
    void compareManaged(const std::vector<std::string_view> &after)
    {
        m_plan.managedChanged = !after.empty();
        if (!m_file.managed)
            return;
        const ManagedSet &before = *m_file.managed;
        // The same list in the same order (sync writes the state in file order): unchanged,
        // found without hashing a line.
        if (std::ranges::equal(after, before.lines())) {
            m_plan.managedChanged = false;
            return;
        }
        SetComparison c = compareWith(before, after);
        m_plan.managedChanged = !c.onlyInSet.empty() || c.inBoth != after.size();
        m_plan.droppedManaged = std::move(c.onlyInSet);
    }

    const PlanInput &m_in;
    const FileInput &m_file;
    std::vector<Refusal> &m_refused;
    FilePlan m_plan;
    std::vector<std::uint32_t> m_start;     // user slot -> first of its lines in m_userLines
    std::vector<std::uint32_t> m_userLines; // line indices grouped by user
    std::vector<std::size_t> m_managed, m_foreign; // the current user's lines
    std::vector<std::pair<std::size_t, std::string_view>> m_stale;
    std::vector<bool> m_isManaged;                   // old line i is a managed entry
    std::vector<bool> m_keptAt;                      // old line i stays, managed
    std::vector<std::string_view> m_managedAppended; // managed lines appended
    std::vector<std::string_view> m_userManaged;     // the current user's managed lines
    std::string m_line;                              // scratch for lineFor
};

} // namespace

std::size_t Plan::staleRemovals() const
{
    std::size_t n = 0;
    for (const FilePlan *plan : {&subuid, &subgid})
        n += static_cast<std::size_t>(std::ranges::count_if(plan->removed, [](const Change &c) {
            return c.note == kStaleGone || c.note == kStaleIneligible;
        }));
    return n;
}

FilePlan planFile(const PlanInput &input, const FileInput &file, std::vector<Refusal> &refused)
{
    return FilePlanner(input, file, refused).run();
}

} // namespace podbay::helper::subids
