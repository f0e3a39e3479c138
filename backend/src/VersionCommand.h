#pragma once

#include "CommandContext.h"

#include <nlohmann/json.hpp>

namespace podbay::helper {

// `podbay-helper version [--json]`: what clients check before anything else.
nlohmann::json versionInfo();
int runVersion(CommandContext &ctx, Args args);

} // namespace podbay::helper
