#pragma once
// The `serve` loop: newline-delimited JSON-RPC 2.0 on a pair of file descriptors.
// Each request runs on a thread of its own so several can be in flight; `$/cancel`
// requests a stop of one (handlers pass the stop token to their children); at EOF
// every call still running is cancelled and joined before the loop returns.

#include "Method.h"

#include <atomic>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <thread>

namespace podbay::helper::rpc {

struct ServerLimits
{
    std::size_t maxFrameBytes = 4 * 1024 * 1024;
    std::size_t maxCallsInFlight = 32;
};

class Server
{
public:
    Server(std::span<const Method> methods, Caller caller, const CommandContext &context, int inFd, int outFd,
           ServerLimits limits = {});
    ~Server();

    // Serves until the input ends; returns the process exit code.
    int run();

private:
    struct RunningCall
    {
        std::stop_source stop;
        std::atomic<bool> done = false;
        std::jthread thread;
    };

    void handleFrame(const std::string &frame);
    void cancel(const nlohmann::json &target);
    void start(nlohmann::json id, const Method &method, nlohmann::json params);
    void reapFinished();
    void send(const nlohmann::json &message);

    std::span<const Method> m_methods;
    Caller m_caller;
    const CommandContext &m_context;
    int m_inFd;
    int m_outFd;
    ServerLimits m_limits;

    std::mutex m_writeMutex;
    bool m_outputBroken = false;
    std::mutex m_callsMutex;
    // Keyed by the id's JSON text, so 1 and "1" are different calls.
    std::map<std::string, std::shared_ptr<RunningCall>> m_calls;
    std::list<std::shared_ptr<RunningCall>> m_finishing;
};

} // namespace podbay::helper::rpc
