#pragma once
// What a JSON-RPC method handler sees (its Call) and how methods are declared.

#include "CommandContext.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>

#include <sys/types.h>

namespace podbay::helper::rpc {

// Who is calling: in `serve` the user the helper runs as; in `serve --privileged`
// the user sudo ran us for (SUDO_UID), never anything the client claims.
struct Caller
{
    uid_t uid = 0;
    gid_t gid = 0;
    std::string user;
    bool helpdesk = false;
    bool admin = false;
    bool privileged = false; // running as root through sudo

    nlohmann::json roles() const;
};

// The audience of a method. User methods exist only in the unprivileged server
// (they run as the caller); helpdesk and admin methods only in the privileged one.
enum class Audience { Everyone, User, Helpdesk, Admin };

struct Method;

class Call
{
public:
    using Notify = std::function<void(std::string_view method, nlohmann::json params)>;

    Call(nlohmann::json id, nlohmann::json params, const Caller &caller, const CommandContext &context,
         std::span<const Method> methods, std::stop_token stop, Notify notify)
        : m_id(std::move(id))
        , m_params(std::move(params))
        , m_caller(caller)
        , m_context(context)
        , m_methods(methods)
        , m_stop(std::move(stop))
        , m_notify(std::move(notify))
    {
    }

    const nlohmann::json &params() const { return m_params; }
    const Caller &caller() const { return m_caller; }
    const CommandContext &context() const { return m_context; }
    // The methods of the server this call runs in.
    std::span<const Method> methods() const { return m_methods; }
    // Set when the client sent $/cancel for this call or went away.
    std::stop_token stopToken() const { return m_stop; }

    // `progress` notification: fraction in [0,1] (negative: unknown) and a message.
    void progress(double fraction, std::string message) const;
    // `log` notification: a chunk of a child's output (stream "stdout"/"stderr").
    void log(std::string_view stream, std::string text) const;

private:
    nlohmann::json m_id;
    nlohmann::json m_params;
    const Caller &m_caller;
    const CommandContext &m_context;
    std::span<const Method> m_methods;
    std::stop_token m_stop;
    Notify m_notify;
};

struct Method
{
    std::string_view name;
    Audience audience;
    nlohmann::json (*handler)(Call &call);
};

// Methods the given caller may call in this server (privileged or not).
bool mayCall(const Method &method, const Caller &caller);

} // namespace podbay::helper::rpc
