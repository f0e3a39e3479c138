#pragma once
// A tiny HTTP/1.1 server on 127.0.0.1 in a thread of its own, for tests of the helper's
// blocking HTTP client (which would dead-lock against a server in the test's event loop).
// Each request gets the canned response for its target, or 404; connections close after
// one response, as the client asks (Connection: close).

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace podbay::test {

class FakeHttpServer
{
public:
    FakeHttpServer()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
        ::listen(m_fd, 16);
        socklen_t length = sizeof addr;
        ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&addr), &length);
        m_port = ntohs(addr.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    FakeHttpServer(const FakeHttpServer &) = delete;
    FakeHttpServer &operator=(const FakeHttpServer &) = delete;
    ~FakeHttpServer()
    {
        m_stop = true;
        m_thread.join();
        ::close(m_fd);
    }

    std::uint16_t port() const { return m_port; }
    // The whole response (status line, headers, body) for a request target.
    void respond(const std::string &target, const std::string &raw)
    {
        std::lock_guard lock(m_mutex);
        m_responses[target] = raw;
    }
    std::vector<std::string> targets() const
    {
        std::lock_guard lock(m_mutex);
        return m_seen;
    }

    static std::string json(int status, const std::string &body, const std::string &extraHeaders = {})
    {
        return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: application/json\r\nContent-Length: "
               + std::to_string(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
    }

private:
    void serve()
    {
        while (!m_stop) {
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0)
                continue;
            const int client = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
            if (client < 0)
                continue;
            std::string request;
            char buffer[4096];
            while (request.find("\r\n\r\n") == std::string::npos) {
                const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
                if (n <= 0)
                    break;
                request.append(buffer, static_cast<std::size_t>(n));
            }
            const std::size_t sp1 = request.find(' ');
            const std::size_t sp2 = request.find(' ', sp1 + 1);
            const std::string target = sp1 == std::string::npos ? "" : request.substr(sp1 + 1, sp2 - sp1 - 1);
            std::string response;
            {
                std::lock_guard lock(m_mutex);
                m_seen.push_back(target);
                const auto it = m_responses.find(target);
                response = it != m_responses.end() ? it->second : json(404, "{}");
            }
            for (std::size_t sent = 0; sent < response.size();) {
                const ssize_t n = ::send(client, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
                if (n <= 0)
                    break;
                sent += static_cast<std::size_t>(n);
            }
            ::close(client);
        }
    }

    int m_fd = -1;
    std::uint16_t m_port = 0;
    std::atomic<bool> m_stop{false};
    mutable std::mutex m_mutex;
    std::map<std::string, std::string> m_responses;
    std::vector<std::string> m_seen;
    std::thread m_thread;
};

// A loopback port nothing listens on (bound, then released).
inline std::uint16_t unusedPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    socklen_t length = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &length);
    ::close(fd);
    return ntohs(addr.sin_port);
}

} // namespace podbay::test
