#pragma once
// What is wrong with a set of subordinate ranges (subuid(5), user_namespaces(7)):
// a range starting at 0, an empty one, one passing 2^32, ranges of different users that
// overlap (they could read each other's container files), ranges covering ids of real
// accounts, owners that are no known account. Used by `check` and for `plan` warnings.

#include "FlatIndex.h"
#include "SubidFile.h"
#include "UserSource.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::subids {

// Resolves a subuid owner field: a login name, or else a numeric UID (subuid(5)).
// Refers to `accounts`, which must outlive it and not change.
class OwnerIndex
{
public:
    explicit OwnerIndex(const std::vector<Account> &accounts);
    // The same, using the name index the list was made with when it is current.
    explicit OwnerIndex(const AccountList &list);
    OwnerIndex(const OwnerIndex &) = delete; // m_byName may point into the object
    OwnerIndex &operator=(const OwnerIndex &) = delete;
    const Account *resolve(std::string_view owner) const;
    bool empty() const { return m_accounts.empty(); }
    std::size_t size() const { return m_accounts.size(); }
    // The position in `accounts` of an account this index resolves to. Throws
    // std::logic_error for an account of another list.
    std::size_t indexOf(const Account *account) const;

private:
    void indexNames();

    const std::vector<Account> &m_accounts;
    FlatIndex m_ownByName;
    const FlatIndex *m_byName = &m_ownByName;
    // Built on the first numeric owner (rare): first account with a UID wins, as getpwuid.
    mutable std::optional<FlatIndex> m_byUid;
};

// One range as the analysis sees it. The owner is a view: into a SubidFile, a SubidEntry
// or a plan, which must outlive the EntryRef.
struct EntryRef
{
    std::string_view owner;
    std::uint64_t start = 0;
    std::uint64_t count = 0;
    int line = 0; // 1-based; 0 when the range did not come from a file (getsubids)
    // The owner's account, when the caller resolved it already (AnalysisInput::resolved).
    const Account *account = nullptr;

    std::uint64_t end() const { return start + count; } // one past the last id
};

inline EntryRef refTo(const SubidEntry &entry, int line = 0)
{
    return {entry.owner, entry.start, entry.count, line};
}
inline EntryRef refTo(const EntryView &entry, int line = 0)
{
    return {entry.owner, entry.start, entry.count, line};
}

std::vector<EntryRef> entriesOf(const SubidFile &file);

struct Finding
{
    std::string severity; // "error" or "warning"
    std::string code;     // start-zero, empty-range, past-32bit, overlap, covers-account-ids, unknown-owner
    std::string file;
    std::string message;
    std::vector<std::string> owners;
};

struct Analysis
{
    std::vector<Finding> findings;           // at most `maxPerCode` of each code
    std::map<std::string, std::size_t, std::less<>> totals; // per code, all of them
    std::size_t errors = 0;
};

struct AnalysisInput
{
    std::string file;                      // for messages: /etc/subuid
    std::vector<EntryRef> entries;
    const OwnerIndex *owners = nullptr;
    std::vector<std::uint64_t> accountIds; // sorted: UIDs (subuid) or GIDs (subgid) in use
    std::string_view idWord = "UID";
    std::size_t maxPerCode = 20;
    bool reportUnknownOwners = true;
    // Every EntryRef::account is set already (nullptr: no such account), so `owners` is
    // not asked again: the planner resolved them (bench/subids).
    bool resolved = false;
};

Analysis analyzeRanges(const AnalysisInput &input);

// "alice:100000:65536 (line 3)"
std::string describeEntry(const EntryRef &ref);

} // namespace podbay::helper::subids
