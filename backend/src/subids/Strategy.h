#pragma once
// How a user's subordinate range is chosen (issue "user namespaces", docs/helper-conf.md):
//  multiply  start = uid * multiplier + 1: what sites' shell loops write today, so
//            switching changes nothing for existing users; neighbours may overlap.
//  block     start = base + (uid - min_uid) * count: the same on every node, never
//            overlapping; users past 2^32 are refused.
//  allocate  existing ranges are kept, a new user gets the first free block of the pool
//            (login.defs SUB_UID_MIN..SUB_UID_MAX, as useradd(8) does).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::subids {

enum class Strategy { Multiply, Block, Allocate };

std::optional<Strategy> strategyFromName(std::string_view name);
std::string_view strategyName(Strategy strategy);

struct StrategyParams
{
    Strategy kind = Strategy::Multiply;
    std::uint64_t count = 65536;
    std::uint64_t multiplier = 10000;
    std::uint64_t base = 100000;
    std::uint64_t minUid = 1000;
};

// Half-open [start, end).
struct Interval
{
    std::uint64_t start = 0;
    std::uint64_t end = 0;
};

// multiply and block: the range of `uid`, or the reason it cannot have one (past 2^32).
struct RangeOrRefusal
{
    std::optional<Interval> range;
    std::string refusal;
};
RangeOrRefusal deterministicRange(const StrategyParams &params, std::uint64_t uid);

// allocate: hands out blocks inside [poolStart, poolEnd] (inclusive, as login.defs) that
// touch none of the occupied intervals, lowest first, like shadow's find_free_range.
class PoolAllocator
{
public:
    PoolAllocator(std::uint64_t poolStart, std::uint64_t poolEnd, std::vector<Interval> occupied);
    std::optional<std::uint64_t> allocate(std::uint64_t count);

private:
    std::uint64_t m_cursor;
    std::uint64_t m_poolEnd;
    std::vector<Interval> m_occupied; // sorted by start
    std::size_t m_next = 0;
};

} // namespace podbay::helper::subids
