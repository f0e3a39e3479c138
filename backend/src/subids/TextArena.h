#pragma once
// Storage for many short strings (entry lines, user names) that are looked at through
// std::string_view: one allocation per 64 KiB block instead of one per string, and a
// string never moves once added, so views stay valid while the arena lives (also when
// the arena itself is moved). Not copyable: a copy would leave the views pointing into
// the original.

#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace podbay::helper::subids {

class TextArena
{
public:
    TextArena() = default;
    TextArena(TextArena &&) noexcept = default;
    TextArena &operator=(TextArena &&) noexcept = default;
    TextArena(const TextArena &) = delete;
    TextArena &operator=(const TextArena &) = delete;

    std::string_view add(std::string_view text)
    {
        if (text.empty())
            return {};
        if (text.size() > m_free) {
            const std::size_t size = text.size() > kBlockSize ? text.size() : kBlockSize;
            m_blocks.push_back(std::make_unique_for_overwrite<char[]>(size));
            m_next = m_blocks.back().get();
            m_free = size;
        }
        char *at = m_next;
        std::memcpy(at, text.data(), text.size());
        m_next += text.size();
        m_free -= text.size();
        return {at, text.size()};
    }

private:
    static constexpr std::size_t kBlockSize = 64 * 1024;
    std::vector<std::unique_ptr<char[]>> m_blocks;
    char *m_next = nullptr;
    std::size_t m_free = 0;
};

} // namespace podbay::helper::subids
