#pragma once
// The registry's listen address, `--listen ADDR:PORT` and distribution's `http.addr`:
// an IPv4 literal (127.0.0.1:5000), a bracketed IPv6 literal ([::1]:5000), or localhost.
// Host names other than localhost are refused: which interface a name binds to depends on
// DNS at start time, and the loopback decision (plain http allowed or not) must not.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace podbay::helper::registry {

struct ListenAddress
{
    std::string host; // without brackets: "127.0.0.1", "::1", "localhost", "0.0.0.0"
    std::uint16_t port = 5000;

    // "127.0.0.1:5000", "[::1]:5000".
    std::string text() const;
    // 127.0.0.0/8, ::1, ::ffff:127.0.0.0/104 or localhost: reachable only from this node.
    bool loopback() const;
    // 0.0.0.0 or :: : every interface.
    bool wildcard() const;
    // Where a client on this node connects: the wildcard addresses mean loopback.
    std::string connectHost() const;

    bool operator==(const ListenAddress &) const = default;
};

std::optional<ListenAddress> parseListenAddress(std::string_view text);

} // namespace podbay::helper::registry
