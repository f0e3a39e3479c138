#include "ManagedSet.h"

#include <algorithm>
#include <functional>

namespace podbay::helper::subids {
namespace {

std::uint64_t hashText(std::string_view text)
{
    return std::hash<std::string_view>{}(text);
}

} // namespace

const FlatIndex &ManagedSet::index() const
{
    if (!m_index) {
        m_index.emplace();
        m_index->reset(m_lines.size());
        std::size_t kept = 0;
        for (std::size_t i = 0; i < m_lines.size(); ++i) {
            const std::string_view line = m_lines[i];
            const bool repeated = m_index
                                      ->insert(hashText(line), static_cast<std::uint32_t>(kept),
                                               [&](std::uint32_t p) { return m_lines[p] == line; })
                                      .has_value();
            if (!repeated)
                m_lines[kept++] = line;
        }
        m_lines.resize(kept);
    }
    return *m_index;
}

bool ManagedSet::insert(std::string_view line)
{
    index();
    const auto position = static_cast<std::uint32_t>(m_lines.size());
    if (m_index->insert(hashText(line), position, [&](std::uint32_t p) { return m_lines[p] == line; }))
        return false;
    m_lines.push_back(m_text.add(line));
    return true;
}

void ManagedSet::append(std::string_view line)
{
    m_index.reset();
    m_lines.push_back(m_text.add(line));
}

void ManagedSet::adopt(std::vector<std::string_view> lines, std::shared_ptr<const std::string> storage)
{
    m_index.reset();
    m_storage.push_back(std::move(storage));
    if (m_lines.empty())
        m_lines = std::move(lines);
    else
        m_lines.insert(m_lines.end(), lines.begin(), lines.end());
}

std::vector<std::string_view> ManagedSet::rebase(const SubidFile &file)
{
    std::vector<std::string_view> missing;
    // The state lists lines in file order; look a few lines ahead for the next one, past
    // foreign lines and comments, and copy what is not found there.
    constexpr std::size_t kLookAhead = 16;
    const auto &lines = file.lines;
    std::size_t next = 0;
    for (std::string_view &line : m_lines) {
        const std::size_t stop = std::min(lines.size(), next + kLookAhead);
        std::size_t j = next;
        while (j < stop && lines[j].text != line)
            ++j;
        if (j < stop) {
            line = lines[j].text;
            next = j + 1;
        } else {
            line = m_text.add(line);
            missing.push_back(line);
        }
    }
    m_storage.clear();
    m_storage.push_back(file.storage());
    return missing;
}

SetComparison compareWith(const ManagedSet &set, std::span<const std::string_view> lines)
{
    SetComparison result;
    if (set.lines().empty()) // a first sync: nothing recorded, nothing to index
        return result;
    auto &onlyInSet = result.onlyInSet;
    // Positions below lines.size() are `lines`, the others the set's lines found missing.
    const auto at = [&](std::uint32_t p) { return p < lines.size() ? lines[p] : onlyInSet[p - lines.size()]; };
    FlatIndex index;
    index.reset(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i)
        index.insert(hashText(lines[i]), static_cast<std::uint32_t>(i), [&](std::uint32_t p) { return at(p) == lines[i]; });
    std::vector<bool> found(lines.size());
    for (const std::string_view line : set.lines()) {
        const auto position = static_cast<std::uint32_t>(lines.size() + onlyInSet.size());
        const auto existing = index.insert(hashText(line), position, [&](std::uint32_t p) { return at(p) == line; });
        if (!existing)
            onlyInSet.push_back(line);
        else if (*existing < lines.size() && !found[*existing]) {
            found[*existing] = true;
            ++result.inBoth;
        }
    }
    return result;
}

std::optional<std::size_t> ManagedSet::position(std::string_view line) const
{
    if (const auto p = index().find(hashText(line), [&](std::uint32_t q) { return m_lines[q] == line; }))
        return *p;
    return std::nullopt;
}

std::size_t ManagedSet::size() const
{
    index();
    return m_lines.size();
}

} // namespace podbay::helper::subids
