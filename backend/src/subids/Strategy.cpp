#include "Strategy.h"

#include "SubidFile.h"

#include <algorithm>

namespace podbay::helper::subids {

std::optional<Strategy> strategyFromName(std::string_view name)
{
    if (name == "multiply")
        return Strategy::Multiply;
    if (name == "block")
        return Strategy::Block;
    if (name == "allocate")
        return Strategy::Allocate;
    return std::nullopt;
}

std::string_view strategyName(Strategy strategy)
{
    switch (strategy) {
    case Strategy::Multiply:
        return "multiply";
    case Strategy::Block:
        return "block";
    case Strategy::Allocate:
        return "allocate";
    }
    return "?";
}

RangeOrRefusal deterministicRange(const StrategyParams &p, std::uint64_t uid)
{
    // Every factor is at most 2^32, so the products below fit in 64 bits.
    std::uint64_t start = 0;
    if (p.kind == Strategy::Multiply) {
        start = uid * p.multiplier + 1;
    } else {
        if (uid < p.minUid)
            return {std::nullopt, "uid " + std::to_string(uid) + " is below min_uid " + std::to_string(p.minUid)};
        start = p.base + (uid - p.minUid) * p.count;
    }
    if (start == 0)
        return {std::nullopt, "the range would start at 0"};
    if (start > kIdLimit || p.count > kIdLimit - start)
        return {std::nullopt, "the range " + std::to_string(start) + "+" + std::to_string(p.count)
                                  + " would pass 2^32 (the last usable id is 4294967294)"};
    return {Interval{start, start + p.count}, {}};
}

PoolAllocator::PoolAllocator(std::uint64_t poolStart, std::uint64_t poolEnd, std::vector<Interval> occupied)
    : m_cursor(std::max<std::uint64_t>(poolStart, 1))
    , m_poolEnd(std::min(poolEnd, kIdLimit - 1))
    , m_occupied(std::move(occupied))
{
    std::ranges::sort(m_occupied, {}, &Interval::start);
}

std::optional<std::uint64_t> PoolAllocator::allocate(std::uint64_t count)
{
    if (count == 0)
        return std::nullopt;
    for (;;) {
        // Blocks are handed out in increasing order, so intervals behind the cursor never
        // matter again.
        while (m_next < m_occupied.size() && m_occupied[m_next].end <= m_cursor)
            ++m_next;
        if (m_cursor > m_poolEnd || count - 1 > m_poolEnd - m_cursor)
            return std::nullopt;
        const std::uint64_t end = m_cursor + count;
        if (m_next < m_occupied.size() && m_occupied[m_next].start < end) {
            m_cursor = std::max(m_cursor, m_occupied[m_next].end);
            ++m_next;
            continue;
        }
        const std::uint64_t start = m_cursor;
        m_cursor = end;
        return start;
    }
}

} // namespace podbay::helper::subids
