#include "HttpGet.h"

#include "HelperError.h"
#include "config/Numbers.h"

#include <podbay/protocol/Protocol.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <memory>

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace podbay::helper::net {
namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void down(const std::string &where, const std::string &why)
{
    throw HelperError(protocol::error::kRegistryDown, "cannot reach http://" + where + ": " + why,
                      "is the registry running? `podbay-helper registry status` shows its address");
}

[[noreturn]] void malformed(const std::string &why)
{
    throw HelperError(protocol::error::kBadInput, "malformed HTTP response: " + why,
                      "is something other than a registry listening on that port?");
}

std::string lower(std::string s)
{
    for (char &c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string trim(const std::string &s)
{
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

struct Fd
{
    int fd = -1;
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

int msLeft(Clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return static_cast<int>(std::max<long long>(0, left));
}

// Waits for `events` on fd until the deadline; false on timeout.
bool waitFor(int fd, short events, Clock::time_point deadline)
{
    for (;;) {
        pollfd p{fd, events, 0};
        const int n = ::poll(&p, 1, msLeft(deadline));
        if (n > 0)
            return true;
        if (n == 0)
            return false;
        if (errno != EINTR)
            return false;
    }
}

// Non-blocking connect to the first address that answers (RFC 6555 without the racing:
// these are loopback or site-local addresses, tried in getaddrinfo order).
void connectTo(Fd &sock, const std::string &host, std::uint16_t port, Clock::time_point deadline, const std::string &where)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo *found = nullptr;
    const std::string service = std::to_string(port);
    if (const int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0)
        down(where, std::string("cannot resolve the host: ") + ::gai_strerror(rc));
    std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, &::freeaddrinfo);
    std::string lastError = "no address";
    for (const addrinfo *ai = found; ai; ai = ai->ai_next) {
        Fd candidate;
        candidate.fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
        if (candidate.fd < 0) {
            lastError = std::strerror(errno);
            continue;
        }
        if (::connect(candidate.fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            if (errno != EINPROGRESS) {
                lastError = std::strerror(errno);
                continue;
            }
            if (!waitFor(candidate.fd, POLLOUT, deadline))
                down(where, "connection timed out");
            int error = 0;
            socklen_t length = sizeof error;
            ::getsockopt(candidate.fd, SOL_SOCKET, SO_ERROR, &error, &length);
            if (error != 0) {
                lastError = std::strerror(error);
                continue;
            }
        }
        std::swap(sock.fd, candidate.fd);
        return;
    }
    down(where, lastError);
}

std::string decodeChunked(const std::string &body)
{
    std::string out;
    std::size_t pos = 0;
    for (;;) {
        const std::size_t lineEnd = body.find("\r\n", pos);
        if (lineEnd == std::string::npos)
            malformed("truncated chunked body");
        std::string sizeText = body.substr(pos, lineEnd - pos);
        sizeText = sizeText.substr(0, sizeText.find(';')); // chunk extensions
        std::size_t size = 0;
        if (sizeText.empty() || sizeText.size() > 15)
            malformed("bad chunk size");
        for (const char c : sizeText) {
            const int digit = c >= '0' && c <= '9' ? c - '0'
                              : c >= 'a' && c <= 'f' ? c - 'a' + 10
                              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                     : -1;
            if (digit < 0)
                malformed("bad chunk size '" + sizeText + "'");
            size = size * 16 + static_cast<std::size_t>(digit);
        }
        pos = lineEnd + 2;
        if (size == 0)
            return out;
        if (pos + size > body.size())
            malformed("truncated chunk");
        out.append(body, pos, size);
        pos += size + 2; // the chunk's CRLF
    }
}

} // namespace

std::string HttpResponse::header(const std::string &lowerName) const
{
    const auto it = headers.find(lowerName);
    return it == headers.end() ? std::string() : it->second;
}

HttpResponse parseHttpResponse(const std::string &raw)
{
    const std::size_t headEnd = raw.find("\r\n\r\n");
    if (headEnd == std::string::npos)
        malformed(raw.empty() ? "empty answer" : "no end of headers");
    HttpResponse response;
    std::size_t pos = raw.find("\r\n");
    const std::string statusLine = raw.substr(0, pos);
    // status-line = HTTP-version SP status-code SP [ reason-phrase ]
    if (!statusLine.starts_with("HTTP/1.") || statusLine.size() < 12 || statusLine[8] != ' ')
        malformed("bad status line '" + statusLine.substr(0, 80) + "'");
    const auto status = config::parseUnsigned(std::string_view(statusLine).substr(9, 3), 100, 599);
    if (!status)
        malformed("bad status code in '" + statusLine.substr(0, 80) + "'");
    response.status = static_cast<int>(*status);
    while (pos < headEnd) {
        const std::size_t next = raw.find("\r\n", pos + 2);
        const std::string line = raw.substr(pos + 2, next - pos - 2);
        pos = next;
        if (line.empty())
            break;
        const std::size_t colon = line.find(':');
        if (colon == std::string::npos || colon == 0)
            malformed("bad header line '" + line.substr(0, 80) + "'");
        std::string &value = response.headers[lower(line.substr(0, colon))];
        value += (value.empty() ? "" : ", ") + trim(line.substr(colon + 1));
    }
    std::string body = raw.substr(headEnd + 4);
    if (lower(response.header("transfer-encoding")).find("chunked") != std::string::npos) {
        body = decodeChunked(body);
    } else if (const std::string length = response.header("content-length"); !length.empty()) {
        const auto n = config::parseUnsigned(length, 0, body.size());
        if (!n)
            malformed("body shorter than Content-Length " + length);
        body.resize(*n);
    }
    response.body = std::move(body);
    return response;
}

HttpResponse httpGet(const std::string &host, std::uint16_t port, const std::string &target,
                     std::chrono::milliseconds timeout, std::size_t maxBody)
{
    const bool ipv6 = host.find(':') != std::string::npos;
    const std::string authority = (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
    const std::string where = authority + target;
    const auto deadline = Clock::now() + timeout;
    Fd sock;
    connectTo(sock, host, port, deadline, where);

    const std::string request = "GET " + target + " HTTP/1.1\r\nHost: " + authority
                                + "\r\nUser-Agent: podbay-helper\r\nAccept: application/json\r\nConnection: close\r\n\r\n";
    std::size_t sent = 0;
    while (sent < request.size()) {
        if (!waitFor(sock.fd, POLLOUT, deadline))
            down(where, "timed out sending the request");
        const ssize_t n = ::send(sock.fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno != EINTR && errno != EAGAIN)
            down(where, std::string("send: ") + std::strerror(errno));
        if (n > 0)
            sent += static_cast<std::size_t>(n);
    }

    std::string raw;
    std::array<char, 16384> buffer;
    for (;;) {
        if (!waitFor(sock.fd, POLLIN, deadline))
            down(where, "timed out waiting for the answer");
        const ssize_t n = ::recv(sock.fd, buffer.data(), buffer.size(), 0);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            down(where, std::string("recv: ") + std::strerror(errno));
        }
        raw.append(buffer.data(), static_cast<std::size_t>(n));
        if (raw.size() > maxBody + 65536)
            malformed("answer larger than " + std::to_string(maxBody) + " bytes");
    }
    return parseHttpResponse(raw);
}

} // namespace podbay::helper::net
