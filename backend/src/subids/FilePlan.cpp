#include "Planner.h"

// FilePlan's views of the new file: its text, its entries, the changes for appended lines.

namespace podbay::helper::subids {

std::size_t AddedChanges::size() const
{
    return m_plan->appended.size();
}

Change AddedChanges::iterator::operator*() const
{
    const std::string_view text = m_plan->appended[m_i];
    const auto &accounts = m_plan->appendedAccounts;
    if (m_i < accounts.size() && accounts[m_i])
        return {accounts[m_i]->name, accounts[m_i]->uid, {}, text, {}};
    return {text.substr(0, text.find(':')), 0, {}, text, {}}; // a plan made by hand
}

SubidFile FilePlan::newFile() const
{
    return SubidFile::parse(serialise(), path);
}

std::string FilePlan::serialise() const
{
    std::size_t size = 0;
    for (const auto &line : old->lines)
        size += line.text.size() + 1;
    for (const std::string_view text : appended)
        size += text.size() + 1;
    std::string out;
    out.reserve(size);
    const auto add = [&](std::string_view text) {
        out += text;
        out += '\n';
    };
    auto op = ops.begin();
    for (std::size_t i = 0; i < old->lines.size(); ++i) {
        if (op != ops.end() && op->index == i) {
            if (op->kind == LineOpKind::Replace)
                add(op->text);
            ++op;
            continue;
        }
        add(old->lines[i].text);
    }
    for (const std::string_view text : appended)
        add(text);
    return out;
}

std::vector<EntryRef> FilePlan::newEntries(const OwnerIndex &owners) const
{
    const bool knowLines = lineAccounts.size() == old->lines.size();
    const bool knowAppended = appendedAccounts.size() == appended.size();
    std::vector<EntryRef> refs;
    refs.reserve(old->lines.size() + appended.size());
    int line = 0;
    // A line the plan wrote: valid by construction.
    const auto created = [&](std::string_view text, const Account *account, bool known) {
        const EntryView e = *parseEntryView(text);
        refs.push_back({e.owner, e.start, e.count, ++line, known ? account : owners.resolve(e.owner)});
    };
    auto op = ops.begin();
    for (std::size_t i = 0; i < old->lines.size(); ++i) {
        const Account *recorded = knowLines ? lineAccounts[i] : nullptr;
        if (op != ops.end() && op->index == i) {
            // A replacement keeps the line's owner (the planner rewrites a user's own line).
            if (op->kind == LineOpKind::Replace)
                created(op->text, recorded, knowLines);
            ++op;
            continue;
        }
        ++line;
        if (const auto entry = old->lines[i].entry()) {
            EntryRef ref = refTo(*entry, line);
            ref.account = knowLines ? recorded : owners.resolve(entry->owner);
            refs.push_back(ref);
        }
    }
    for (std::size_t k = 0; k < appended.size(); ++k)
        created(appended[k], knowAppended ? appendedAccounts[k] : nullptr, knowAppended);
    return refs;
}

} // namespace podbay::helper::subids
