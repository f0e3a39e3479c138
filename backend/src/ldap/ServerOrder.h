#pragma once
// A per-host order of a list of servers that is the same on every run: the list is sorted,
// then shuffled by Fisher-Yates (Knuth, TAOCP vol. 2, 3.4.2, algorithm P) driven by
// std::mt19937_64 seeded with the 64-bit FNV-1a hash of a seed text (host name and section).
// mt19937_64's output sequence is fixed by the C++ standard ([rand.predef]), unlike
// std::shuffle and std::uniform_int_distribution, whose algorithms are up to the library:
// the same host computes the same order with any compiler, and hosts differ from each other.
// Starting from the sorted list makes the result independent of the current order, so a
// second run (or a run after configuration management restored the original) changes nothing.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::ldap {

// FNV-1a, 64 bit (offset basis 14695981039346656037, prime 1099511628211).
std::uint64_t fnv1a64(std::string_view data);

// `servers` in the order for `seed`.
std::vector<std::string> hostOrder(std::vector<std::string> servers, std::string_view seed);

} // namespace podbay::helper::ldap
