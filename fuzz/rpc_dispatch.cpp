// The JSON-RPC request dispatcher (rpc/Server.h): `podbay-helper serve` reading a client's
// byte stream, answering parse errors, unknown methods, forbidden roles, duplicate ids and
// $/cancel, and running calls on their threads. The methods are the protocol's names
// (podbay/protocol/Protocol.h) with the audiences rpc/Methods.cpp gives them; each runs a
// handler that reads its params through the typed accessors the real handlers use
// (user/Params.h) instead of starting podman, and system.hello answers the caller's roles.
// Every frame the server writes must be one JSON object; it must not throw or hang.
// Input: the first byte picks the caller (privileged, admin, helpdesk bits); the rest is
// the stream.

#include "FuzzInput.h"
#include "MemoryFd.h"

#include "HelperError.h"
#include "rpc/Server.h"
#include "user/Params.h"

#include <podbay/protocol/Protocol.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

using namespace podbay::helper;

namespace {

nlohmann::json readParams(rpc::Call &call)
{
    nlohmann::json read = nlohmann::json::object();
    for (const auto &[key, value] : call.params().items()) {
        if (value.is_string())
            read[key] = user::requireString(call.params(), key, 256);
        else if (value.is_boolean())
            read[key] = user::optionalBool(call.params(), key, false);
        else
            read[key] = user::boundedInteger(call.params(), key, -1000, 1000, 0);
        if (call.stopToken().stop_requested())
            throw HelperError(podbay::protocol::error::kCancelled, "cancelled");
    }
    return read;
}

nlohmann::json roles(rpc::Call &call)
{
    return {{"user", call.caller().user}, {"roles", call.caller().roles()}};
}

std::span<const rpc::Method> fuzzMethods()
{
    namespace m = podbay::protocol::method;
    using rpc::Audience;
    static const std::vector<rpc::Method> methods{
        {m::kHello, Audience::Everyone, &roles},
        {m::kImagesList, Audience::User, &readParams},
        {m::kContainersCreate, Audience::User, &readParams},
        {m::kStepsRun, Audience::User, &readParams},
        {m::kSlurmScript, Audience::User, &readParams},
        {m::kSlurmOutput, Audience::User, &readParams},
        {m::kDoctorUser, Audience::Helpdesk, &readParams},
        {m::kAdminFix, Audience::Admin, &readParams},
    };
    return methods;
}

const CommandContext &context()
{
    static std::ostringstream out, err;
    static CommandContext ctx = [] {
        CommandContext c(out, err);
        c.root = "/nonexistent-podbay-fuzz-root"; // the handlers here read no system file
        return c;
    }();
    return ctx;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    rpc::Caller caller;
    caller.uid = ::getuid();
    caller.user = "alice";
    caller.privileged = data[0] & 1;
    caller.admin = data[0] & 2;
    caller.helpdesk = data[0] & 4;
    const int in = podbay::fuzz::memoryFd(podbay::fuzz::asText(data + 1, size - 1));
    const int out = podbay::fuzz::memoryFd({});
    {
        rpc::ServerLimits limits;
        limits.maxFrameBytes = 64 * 1024;
        limits.maxCallsInFlight = 4;
        rpc::Server server(fuzzMethods(), caller, context(), in, out, limits);
        if (server.run() != 0)
            podbay::fuzz::broken("serve ended with an error at the end of its input");
    }
    std::string written(static_cast<std::size_t>(::lseek(out, 0, SEEK_END)), '\0');
    if (::pread(out, written.data(), written.size(), 0) != static_cast<ssize_t>(written.size()))
        std::abort();
    ::close(in);
    ::close(out);
    for (std::string_view rest = written; !rest.empty();) {
        const std::string_view frame = podbay::fuzz::takeLine(rest);
        const nlohmann::json message = nlohmann::json::parse(frame, nullptr, false);
        if (message.is_discarded() || !message.is_object() || message.value("jsonrpc", nlohmann::json()) != "2.0")
            podbay::fuzz::broken("the server wrote a frame that is not a JSON-RPC message");
    }
    return 0;
}
