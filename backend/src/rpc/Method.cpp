#include "Method.h"

#include <podbay/protocol/Protocol.h>

namespace podbay::helper::rpc {

nlohmann::json Caller::roles() const
{
    nlohmann::json roles = nlohmann::json::array({"user"});
    if (helpdesk || admin)
        roles.push_back("helpdesk");
    if (admin)
        roles.push_back("admin");
    return roles;
}

void Call::progress(double fraction, std::string message) const
{
    m_notify(protocol::notification::kProgress,
             {{"id", m_id}, {"fraction", fraction}, {"message", std::move(message)}});
}

void Call::log(std::string_view stream, std::string text) const
{
    m_notify(protocol::notification::kLog, {{"id", m_id}, {"stream", stream}, {"text", std::move(text)}});
}

bool mayCall(const Method &method, const Caller &caller)
{
    switch (method.audience) {
    case Audience::Everyone:
        return true;
    case Audience::User:
        return !caller.privileged;
    case Audience::Helpdesk:
        return caller.privileged && (caller.helpdesk || caller.admin);
    case Audience::Admin:
        return caller.privileged && caller.admin;
    }
    return false;
}

} // namespace podbay::helper::rpc
