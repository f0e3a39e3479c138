#pragma once
// A hash index over the positions 0..n-1 of some array (accounts, entry lines): open
// addressing with linear probing, 8 bytes per slot and at most half the slots used.
// At 100,000 users a node-based std::unordered_map costs a heap node per element and a
// few cache misses per lookup; this is one flat array (bench/subids, docs/performance.md).
// The caller hashes the key and says whether a stored position matches it.

#include <algorithm>
#include <bit>
#include <cstdint>
#include <optional>
#include <vector>

namespace podbay::helper::subids {

class FlatIndex
{
public:
    // Drops every position and makes room for `expected` of them without growing.
    void reset(std::size_t expected)
    {
        m_slots.assign(std::bit_ceil(std::max<std::size_t>(16, expected * 2)), Slot{});
        m_size = 0;
    }

    std::size_t size() const { return m_size; }

    // The first stored position for which matches(position) holds.
    template <typename Matches>
    std::optional<std::uint32_t> find(std::uint64_t hash, Matches &&matches) const
    {
        if (m_slots.empty())
            return std::nullopt;
        const auto key = static_cast<std::uint32_t>(hash);
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = key & mask;; i = (i + 1) & mask) {
            const Slot &slot = m_slots[i];
            if (slot.position == kEmpty)
                return std::nullopt;
            if (slot.hash == key && matches(slot.position))
                return slot.position;
        }
    }

    // Stores `position` unless a matching one is stored already (which is returned then).
    template <typename Matches>
    std::optional<std::uint32_t> insert(std::uint64_t hash, std::uint32_t position, Matches &&matches)
    {
        if (const auto existing = find(hash, matches))
            return existing;
        if ((m_size + 1) * 2 > m_slots.size())
            grow();
        place({static_cast<std::uint32_t>(hash), position});
        ++m_size;
        return std::nullopt;
    }

private:
    static constexpr std::uint32_t kEmpty = 0xffffffffU;
    // The low 32 bits of the hash choose the slot (tables stay below 2^32 slots) and
    // also filter candidates before `matches` looks at the element.
    struct Slot
    {
        std::uint32_t hash = 0;
        std::uint32_t position = kEmpty;
    };

    void place(Slot slot)
    {
        const std::size_t mask = m_slots.size() - 1;
        std::size_t i = slot.hash & mask;
        while (m_slots[i].position != kEmpty)
            i = (i + 1) & mask;
        m_slots[i] = slot;
    }

    void grow()
    {
        std::vector<Slot> old = std::move(m_slots);
        m_slots.assign(std::max<std::size_t>(16, old.size() * 2), Slot{});
        for (const Slot &slot : old)
            if (slot.position != kEmpty)
                place(slot);
    }

    std::vector<Slot> m_slots;
    std::size_t m_size = 0;
};

// A 64-bit mix of an integer key (splitmix64's finaliser), so that consecutive UIDs
// spread over the table.
inline std::uint64_t hashId(std::uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

} // namespace podbay::helper::subids
