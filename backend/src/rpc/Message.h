#pragma once
// JSON-RPC 2.0 messages (https://www.jsonrpc.org/specification): requests are
// validated here, responses, errors and notifications built here, so the server
// loop never hand-assembles a frame.

#include "HelperError.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace podbay::helper::rpc {

// Standard JSON-RPC error codes (specification section 5.1). Helper errors use
// kServerError with the stable Podbay code in error.data.code.
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kServerError = -32000;

struct Request
{
    std::string method;
    nlohmann::json params = nlohmann::json::object();
    // Absent for notifications; a string or a number otherwise.
    std::optional<nlohmann::json> id;
};

// Parses one frame. A malformed frame throws RpcError carrying the response to send.
struct RpcError
{
    int code;
    HelperError error;
    nlohmann::json id; // null when the request's id could not be read
};

Request parseRequest(const std::string &frame);

nlohmann::json makeResult(const nlohmann::json &id, nlohmann::json result);
nlohmann::json makeError(const nlohmann::json &id, int code, const HelperError &error);
nlohmann::json makeNotification(std::string_view method, nlohmann::json params);

} // namespace podbay::helper::rpc
