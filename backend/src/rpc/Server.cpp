#include "Server.h"

#include "HelperError.h"
#include "LineReader.h"
#include "Message.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>
#include <cerrno>
#include <unistd.h>

namespace podbay::helper::rpc {
namespace {

HelperError forbidden(const Method &method, const Caller &caller)
{
    const std::string name(method.name);
    if (method.audience == Audience::User)
        return HelperError(protocol::error::kForbidden, name + " runs only in the unprivileged helper",
                           "connect with podbay-helper serve (no sudo)");
    if (!caller.privileged)
        return HelperError(protocol::error::kForbidden, name + " needs the privileged helper",
                           "connect with sudo -n podbay-helper serve --privileged");
    return HelperError(protocol::error::kForbidden,
                       caller.user + " may not call " + name + " (needs the " +
                           (method.audience == Audience::Admin ? "admin" : "helpdesk") + " role)",
                       "ask your site to add you to the helpdesk or admin group in /etc/podbay/helper.conf");
}

} // namespace

Server::Server(std::span<const Method> methods, Caller caller, const CommandContext &context, int inFd, int outFd,
               ServerLimits limits)
    : m_methods(methods)
    , m_caller(std::move(caller))
    , m_context(context)
    , m_inFd(inFd)
    , m_outFd(outFd)
    , m_limits(limits)
{
}

Server::~Server()
{
    std::map<std::string, std::shared_ptr<RunningCall>> calls;
    {
        std::lock_guard lock(m_callsMutex);
        calls.swap(m_calls);
    }
    for (auto &[key, call] : calls)
        call->stop.request_stop();
    // jthread members join when the last reference goes.
}

void Server::send(const nlohmann::json &message)
{
    const std::string frame =
        message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
    std::lock_guard lock(m_writeMutex);
    if (m_outputBroken)
        return;
    std::size_t written = 0;
    while (written < frame.size()) {
        const ssize_t n = ::write(m_outFd, frame.data() + written, frame.size() - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            // The client is gone (EPIPE with SIGPIPE ignored): stop writing; the
            // read side sees EOF and ends the loop.
            m_outputBroken = true;
            return;
        }
        written += static_cast<std::size_t>(n);
    }
}

int Server::run()
{
    LineReader reader(m_inFd, m_limits.maxFrameBytes);
    std::string frame;
    for (;;) {
        const LineReader::Status status = reader.next(frame);
        if (status == LineReader::Status::Eof || status == LineReader::Status::Error)
            break;
        if (status == LineReader::Status::Oversize) {
            send(makeError(nullptr, kInvalidRequest,
                           HelperError(protocol::error::kBadInput,
                                       "frame larger than " + std::to_string(m_limits.maxFrameBytes) + " bytes refused",
                                       "send large content in pieces")));
            continue;
        }
        if (frame.find_first_not_of(" \t\r") == std::string::npos)
            continue; // blank lines between frames are harmless
        handleFrame(frame);
        reapFinished();
    }

    // Input ended: the client is gone, so nothing still running has anyone to
    // report to. Cancel it all and wait, so children are cleaned up before exit.
    std::map<std::string, std::shared_ptr<RunningCall>> calls;
    {
        std::lock_guard lock(m_callsMutex);
        calls.swap(m_calls);
    }
    for (auto &[key, call] : calls)
        call->stop.request_stop();
    for (auto &[key, call] : calls)
        if (call->thread.joinable())
            call->thread.join();
    for (auto &call : m_finishing)
        if (call->thread.joinable())
            call->thread.join();
    return 0;
}

void Server::handleFrame(const std::string &frame)
{
    Request request;
    try {
        request = parseRequest(frame);
    } catch (const RpcError &e) {
        send(makeError(e.id, e.code, e.error));
        return;
    }

    if (request.method == protocol::method::kCancel) {
        cancel(request.params.value("id", nlohmann::json()));
        if (request.id)
            send(makeResult(*request.id, nullptr));
        return;
    }
    // Notifications other than $/cancel have nothing to answer and nothing to do.
    if (!request.id)
        return;

    const auto method = std::ranges::find(m_methods, request.method, &Method::name);
    if (method == m_methods.end()) {
        send(makeError(*request.id, kMethodNotFound,
                       HelperError(protocol::error::kUnknownMethod, "unknown method '" + request.method + "'",
                                   "call system.hello for the list of methods this helper has")));
        return;
    }
    if (!mayCall(*method, m_caller)) {
        send(makeError(*request.id, kServerError, forbidden(*method, m_caller)));
        return;
    }
    start(*request.id, *method, std::move(request.params));
}

void Server::cancel(const nlohmann::json &target)
{
    std::lock_guard lock(m_callsMutex);
    if (const auto it = m_calls.find(target.dump()); it != m_calls.end())
        it->second->stop.request_stop();
}

void Server::start(nlohmann::json id, const Method &method, nlohmann::json params)
{
    const std::string key = id.dump();
    auto call = std::make_shared<RunningCall>();
    {
        std::lock_guard lock(m_callsMutex);
        if (m_calls.contains(key)) {
            send(makeError(id, kInvalidRequest,
                           HelperError(protocol::error::kBadInput, "a call with id " + key + " is still running",
                                       "use a new id for every request")));
            return;
        }
        if (m_calls.size() >= m_limits.maxCallsInFlight) {
            send(makeError(id, kServerError,
                           HelperError(protocol::error::kBusy,
                                       "too many calls in flight (" + std::to_string(m_limits.maxCallsInFlight) + ")",
                                       "wait for earlier calls to finish")));
            return;
        }
        m_calls.emplace(key, call);
    }

    call->thread = std::jthread([this, call, key, id = std::move(id), handler = method.handler,
                                 params = std::move(params)]() mutable {
        Call context(id, std::move(params), m_caller, m_context, m_methods, call->stop.get_token(),
                     [this](std::string_view name, nlohmann::json notification) {
                         send(makeNotification(name, std::move(notification)));
                     });
        try {
            send(makeResult(id, handler(context)));
        } catch (const HelperError &e) {
            send(makeError(id, kServerError, e));
        } catch (const std::exception &e) {
            send(makeError(id, kServerError,
                           HelperError(protocol::error::kInternal, e.what(), "this is a bug in podbay-helper")));
        }
        {
            std::lock_guard lock(m_callsMutex);
            if (auto it = m_calls.find(key); it != m_calls.end() && it->second == call) {
                m_finishing.push_back(call);
                m_calls.erase(it);
            }
        }
        call->done = true;
    });
}

void Server::reapFinished()
{
    std::list<std::shared_ptr<RunningCall>> done;
    {
        std::lock_guard lock(m_callsMutex);
        for (auto it = m_finishing.begin(); it != m_finishing.end();) {
            if ((*it)->done)
                done.splice(done.end(), m_finishing, it++);
            else
                ++it;
        }
    }
    for (auto &call : done)
        if (call->thread.joinable())
            call->thread.join();
}

} // namespace podbay::helper::rpc
