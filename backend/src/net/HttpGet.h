#pragma once
// A small blocking HTTP/1.1 GET over a plain TCP socket (RFC 9112), for the helper's
// checks of the site registry (`registry status`, `registry gc`).
// Why not curl: the helper only ever talks plain HTTP to the address `registry setup`
// wrote (setup never configures TLS), so this needs no TLS; it keeps the helper free of a
// runtime dependency and of a second process per request, and gives typed errors
// (refused, timed out, malformed) instead of parsing curl's exit codes and -w output.
// Requests carry `Connection: close`, so the response ends at EOF; Content-Length and
// chunked bodies are both understood.

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace podbay::helper::net {

struct HttpResponse
{
    int status = 0;
    std::map<std::string, std::string> headers; // names lower-cased; repeated headers joined with ", "
    std::string body;

    std::string header(const std::string &lowerName) const;
};

// GET http://host:port/target. `host` is an IPv4 or IPv6 literal or a name. Throws
// HelperError(E_REGISTRY_DOWN) when the connection fails or times out, E_BAD_INPUT when
// the answer is not HTTP. The whole exchange must finish within `timeout`; bodies above
// `maxBody` bytes are an error.
HttpResponse httpGet(const std::string &host, std::uint16_t port, const std::string &target,
                     std::chrono::milliseconds timeout = std::chrono::seconds(5),
                     std::size_t maxBody = 16 * 1024 * 1024);

// Parses one complete response (status line, headers, body) as read until EOF.
// Throws HelperError(E_BAD_INPUT). Exposed for unit tests.
HttpResponse parseHttpResponse(const std::string &raw);

} // namespace podbay::helper::net
