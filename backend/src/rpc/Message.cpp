#include "Message.h"

#include <podbay/protocol/Protocol.h>

namespace podbay::helper::rpc {
namespace {

RpcError invalid(const nlohmann::json &id, std::string message)
{
    return RpcError{kInvalidRequest,
                    HelperError(protocol::error::kBadInput, std::move(message),
                                "send one JSON-RPC 2.0 request object per line"),
                    id};
}

} // namespace

Request parseRequest(const std::string &frame)
{
    nlohmann::json document = nlohmann::json::parse(frame, nullptr, false);
    if (document.is_discarded())
        throw RpcError{kParseError,
                       HelperError(protocol::error::kBadInput, "the frame is not valid JSON",
                                   "send one JSON-RPC 2.0 request object per line"),
                       nullptr};
    if (!document.is_object())
        throw invalid(nullptr, document.is_array() ? "batch requests are not supported"
                                                   : "a request must be a JSON object");

    Request request;
    if (const auto id = document.find("id"); id != document.end()) {
        // Section 4: an id is a string, a number or null; we refuse null and
        // fractions so ids stay usable as $/cancel targets.
        if (!id->is_string() && !id->is_number_integer())
            throw invalid(nullptr, "the request id must be a string or an integer");
        request.id = *id;
    }
    const nlohmann::json replyId = request.id.value_or(nullptr);
    // Compared as JSON: value("jsonrpc", "") throws type_error for a number such as 2.0,
    // which escaped the serve loop and ended the helper (found by fuzz/rpc_frames).
    if (const auto version = document.find("jsonrpc"); version == document.end() || *version != "2.0")
        throw invalid(replyId, "the request must say \"jsonrpc\": \"2.0\"");
    const auto method = document.find("method");
    if (method == document.end() || !method->is_string() || method->get_ref<const std::string &>().empty())
        throw invalid(replyId, "the request has no method name");
    request.method = method->get<std::string>();
    if (const auto params = document.find("params"); params != document.end()) {
        if (!params->is_object())
            throw RpcError{kInvalidParams,
                           HelperError(protocol::error::kBadInput, "params must be a JSON object (named parameters)",
                                       "see docs/protocol.md for each method's parameters"),
                           replyId};
        request.params = *params;
    }
    return request;
}

nlohmann::json makeResult(const nlohmann::json &id, nlohmann::json result)
{
    return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

nlohmann::json makeError(const nlohmann::json &id, int code, const HelperError &error)
{
    return {{"jsonrpc", "2.0"},
            {"id", id},
            {"error",
             {{"code", code},
              {"message", error.what()},
              {"data", {{"code", error.code()}, {"hint", error.hint()}}}}}};
}

nlohmann::json makeNotification(std::string_view method, nlohmann::json params)
{
    return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

} // namespace podbay::helper::rpc
