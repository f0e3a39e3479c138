#include "ServerOrder.h"

#include <algorithm>
#include <limits>
#include <random>

namespace podbay::helper::ldap {
namespace {

// A uniform integer in [0, bound) by rejection, so no value is more likely than another.
std::uint64_t below(std::mt19937_64 &rng, std::uint64_t bound)
{
    const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    const std::uint64_t limit = max - (max % bound + 1) % bound; // largest multiple of bound, minus 1
    std::uint64_t r = 0;
    do
        r = rng();
    while (r > limit);
    return r % bound;
}

} // namespace

std::uint64_t fnv1a64(std::string_view data)
{
    std::uint64_t hash = 14695981039346656037ULL;
    for (const char c : data) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

std::vector<std::string> hostOrder(std::vector<std::string> servers, std::string_view seed)
{
    std::ranges::sort(servers);
    std::mt19937_64 rng(fnv1a64(seed));
    for (std::size_t i = servers.size(); i > 1; --i)
        std::swap(servers[i - 1], servers[below(rng, i)]);
    return servers;
}

} // namespace podbay::helper::ldap
