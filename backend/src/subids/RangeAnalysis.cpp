#include "RangeAnalysis.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <stdexcept>

namespace podbay::helper::subids {

namespace {

std::uint64_t hashName(std::string_view name)
{
    return std::hash<std::string_view>{}(name);
}

} // namespace

OwnerIndex::OwnerIndex(const std::vector<Account> &accounts) : m_accounts(accounts)
{
    indexNames();
}

OwnerIndex::OwnerIndex(const AccountList &list) : m_accounts(list.accounts)
{
    // std::hash<std::string> and std::hash<std::string_view> agree ([string.view.hash]).
    if (list.byName.size() == list.accounts.size())
        m_byName = &list.byName;
    else
        indexNames();
}

void OwnerIndex::indexNames()
{
    m_ownByName.reset(m_accounts.size());
    for (std::size_t i = 0; i < m_accounts.size(); ++i) {
        const std::string &name = m_accounts[i].name;
        m_ownByName.insert(hashName(name), static_cast<std::uint32_t>(i),
                           [&](std::uint32_t q) { return m_accounts[q].name == name; });
    }
}

const Account *OwnerIndex::resolve(std::string_view owner) const
{
    if (const auto p = m_byName->find(hashName(owner), [&](std::uint32_t q) { return m_accounts[q].name == owner; }))
        return &m_accounts[*p];
    if (!owner.empty() && owner.find_first_not_of("0123456789") == std::string_view::npos && owner.size() <= 10) {
        if (!m_byUid) {
            m_byUid.emplace();
            m_byUid->reset(m_accounts.size());
            for (std::size_t i = 0; i < m_accounts.size(); ++i) {
                const std::uint64_t uid = m_accounts[i].uid;
                m_byUid->insert(hashId(uid), static_cast<std::uint32_t>(i),
                                [&](std::uint32_t q) { return m_accounts[q].uid == uid; });
            }
        }
        std::uint64_t uid = 0;
        std::from_chars(owner.data(), owner.data() + owner.size(), uid);
        if (const auto p = m_byUid->find(hashId(uid), [&](std::uint32_t q) { return m_accounts[q].uid == uid; }))
            return &m_accounts[*p];
    }
    return nullptr;
}

std::size_t OwnerIndex::indexOf(const Account *account) const
{
    const std::less<const Account *> before;
    if (m_accounts.empty() || before(account, m_accounts.data()) || !before(account, m_accounts.data() + m_accounts.size()))
        throw std::logic_error("OwnerIndex::indexOf: the account is not in this index's list");
    return static_cast<std::size_t>(account - m_accounts.data());
}

std::vector<EntryRef> entriesOf(const SubidFile &file)
{
    std::vector<EntryRef> refs;
    refs.reserve(file.lines.size());
    for (std::size_t i = 0; i < file.lines.size(); ++i)
        if (const auto entry = file.lines[i].entry())
            refs.push_back(refTo(*entry, static_cast<int>(i + 1)));
    return refs;
}

std::string describeEntry(const EntryRef &ref)
{
    std::string text = std::string(ref.owner) + ':' + std::to_string(ref.start) + ':' + std::to_string(ref.count);
    if (ref.line > 0)
        text += " (line " + std::to_string(ref.line) + ")";
    return text;
}

namespace {

// Counts every finding, lists the first `maxPerCode` of each code. Messages are built
// only for listed findings: 100,000 users of the multiply strategy overlap 99,999 times.
class Collector
{
public:
    Collector(Analysis &analysis, const AnalysisInput &input) : m_analysis(analysis), m_input(input) {}

    template <typename Message>
    void add(std::string_view severity, std::string_view code, Message &&message, std::vector<std::string_view> owners)
    {
        auto it = m_analysis.totals.find(code);
        if (it == m_analysis.totals.end())
            it = m_analysis.totals.emplace(std::string(code), 0).first;
        const std::size_t total = ++it->second;
        if (severity == "error")
            ++m_analysis.errors;
        if (total <= m_input.maxPerCode)
            m_analysis.findings.push_back({std::string(severity), std::string(code), m_input.file, message(),
                                           std::vector<std::string>(owners.begin(), owners.end())});
    }

private:
    Analysis &m_analysis;
    const AnalysisInput &m_input;
};

// Who an entry belongs to, so that two lines of the same user ("alice" and "1001") are
// not reported as overlapping each other: the UID of a known account, else the owner text.
struct Identity
{
    const Account *account;
    std::string_view owner;
    bool operator==(const Identity &o) const
    {
        if (account && o.account)
            return account->uid == o.account->uid;
        return !account && !o.account && owner == o.owner;
    }
};

void checkEach(const AnalysisInput &input, const std::vector<const Account *> &accounts, Collector &out)
{
    for (std::size_t k = 0; k < input.entries.size(); ++k) {
        const EntryRef &e = input.entries[k];
        const auto what = [&] { return describeEntry(e); };
        if (e.count == 0)
            out.add("error", "empty-range", [&] { return what() + " has a count of 0"; }, {e.owner});
        if (e.start == 0)
            out.add("error", "start-zero", [&] {
                return what() + " starts at 0, which would map " + std::string(input.idWord) + " 0 (root) of the host";
            }, {e.owner});
        if (e.end() > kIdLimit)
            out.add("error", "past-32bit", [&] { return what() + " passes 2^32: the last usable id is 4294967294"; },
                    {e.owner});
        if (input.reportUnknownOwners && input.owners && !input.owners->empty() && !accounts[k])
            out.add("warning", "unknown-owner", [&] { return what() + ": '" + std::string(e.owner) + "' is no known account"; },
                    {e.owner});

        const auto &ids = input.accountIds;
        if (ids.empty() || ids.back() < e.start) // the common case: ranges above every account id
            continue;
        const auto first = std::ranges::lower_bound(ids, e.start);
        if (e.count > 0 && first != ids.end() && *first < e.end()) {
            out.add("error", "covers-account-ids", [&] {
                const auto last = std::ranges::lower_bound(first, ids.end(), e.end());
                const auto more = static_cast<std::size_t>(last - first) - 1;
                return what() + " covers " + std::string(input.idWord) + " " + std::to_string(*first)
                     + (more ? " and " + std::to_string(more) + " more" : std::string()) + " of real accounts";
            }, {e.owner});
        }
    }
}

void checkOverlaps(const AnalysisInput &input, const std::vector<const Account *> &accounts, Collector &out)
{
    // (start, position) pairs: sorting them is cache friendly, and equal starts keep file order.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> sorted;
    sorted.reserve(input.entries.size());
    for (std::size_t k = 0; k < input.entries.size(); ++k)
        if (input.entries[k].count > 0)
            sorted.emplace_back(input.entries[k].start, static_cast<std::uint32_t>(k));
    if (!std::ranges::is_sorted(sorted))
        std::ranges::sort(sorted);
    const auto identity = [&](std::uint32_t k) { return Identity{accounts[k], input.entries[k].owner}; };
    // Sweep: `holder` is the range reaching furthest so far; every range starting before its
    // end overlaps it. Each overlapping range is reported once.
    const EntryRef *holder = nullptr;
    Identity holderId{nullptr, {}};
    for (const auto &[start, k] : sorted) {
        const EntryRef *ref = &input.entries[k];
        const Identity id = identity(k);
        if (holder && start < holder->end() && !(id == holderId)) {
            // `start` captured by name: clang before 16 cannot capture structured bindings.
            out.add("warning", "overlap", [&, start = start] {
                const std::uint64_t shared = std::min(ref->end(), holder->end()) - start;
                return describeEntry(*ref) + " overlaps " + describeEntry(*holder) + " by " + std::to_string(shared)
                     + " ids";
            }, {ref->owner, holder->owner});
        }
        if (!holder || ref->end() > holder->end()) {
            holder = ref;
            holderId = id;
        }
    }
}

} // namespace

Analysis analyzeRanges(const AnalysisInput &input)
{
    Analysis analysis;
    Collector out(analysis, input);
    // Each owner resolved once, for both checks.
    std::vector<const Account *> accounts(input.entries.size(), nullptr);
    for (std::size_t k = 0; k < input.entries.size(); ++k) {
        const EntryRef &ref = input.entries[k];
        accounts[k] = input.resolved ? ref.account : input.owners ? input.owners->resolve(ref.owner) : nullptr;
    }
    checkEach(input, accounts, out);
    checkOverlaps(input, accounts, out);
    return analysis;
}

} // namespace podbay::helper::subids
