#include "ListenAddress.h"

#include "config/Numbers.h"

#include <arpa/inet.h>
#include <cstring>

namespace podbay::helper::registry {

std::string ListenAddress::text() const
{
    return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

bool ListenAddress::loopback() const
{
    if (host == "localhost")
        return true;
    in_addr v4{};
    if (::inet_pton(AF_INET, host.c_str(), &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (::inet_pton(AF_INET6, host.c_str(), &v6) == 1) {
        if (IN6_IS_ADDR_LOOPBACK(&v6))
            return true;
        return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
    }
    return false;
}

bool ListenAddress::wildcard() const
{
    in_addr v4{};
    if (::inet_pton(AF_INET, host.c_str(), &v4) == 1)
        return v4.s_addr == htonl(INADDR_ANY);
    in6_addr v6{};
    return ::inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_UNSPECIFIED(&v6);
}

std::string ListenAddress::connectHost() const
{
    if (!wildcard())
        return host;
    return host.find(':') != std::string::npos ? "::1" : "127.0.0.1";
}

std::optional<ListenAddress> parseListenAddress(std::string_view text)
{
    ListenAddress address;
    std::string_view portText;
    if (text.starts_with('[')) {
        const std::size_t close = text.find(']');
        if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
            return std::nullopt;
        address.host = std::string(text.substr(1, close - 1));
        portText = text.substr(close + 2);
        in6_addr v6{};
        if (::inet_pton(AF_INET6, address.host.c_str(), &v6) != 1)
            return std::nullopt;
    } else {
        const std::size_t colon = text.rfind(':');
        if (colon == std::string_view::npos || text.find(':') != colon)
            return std::nullopt; // an IPv6 literal needs brackets
        address.host = std::string(text.substr(0, colon));
        portText = text.substr(colon + 1);
        in_addr v4{};
        if (address.host != "localhost" && ::inet_pton(AF_INET, address.host.c_str(), &v4) != 1)
            return std::nullopt;
    }
    const auto port = config::parseUnsigned(portText, 1, 65535);
    if (!port)
        return std::nullopt;
    address.port = static_cast<std::uint16_t>(*port);
    return address;
}

} // namespace podbay::helper::registry
