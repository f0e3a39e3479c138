#pragma once
// What this login node has, for system.hello: container tools, scheduler, GPUs.
// Cheap checks only (PATH lookups and /dev entries): hello must stay fast.

#include "CommandContext.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string_view>

namespace podbay::helper::rpc {

// First executable `name` in $PATH (or the default PATH when unset).
std::optional<std::filesystem::path> findInPath(std::string_view name);

nlohmann::json nodeFacts(const CommandContext &context);

} // namespace podbay::helper::rpc
