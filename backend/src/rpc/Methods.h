#pragma once
// The table of every JSON-RPC method of `podbay-helper serve` (docs/protocol.md).

#include "Method.h"

#include <span>

namespace podbay::helper::rpc {

std::span<const Method> allMethods();

// system.hello: protocol and helper version, the methods this caller may call,
// who the caller is and what the node has. Clients call it first.
nlohmann::json hello(Call &call);

} // namespace podbay::helper::rpc
