#pragma once
// Printing results and errors the same way in every command: a JSON document on
// stdout with --json, readable text otherwise; errors go to stderr as text, or to
// stdout as {"error": {...}} with --json so scripts parse one stream.

#include "CommandContext.h"
#include "HelperError.h"

#include <nlohmann/json.hpp>

namespace podbay::helper {

void printJson(const CommandContext &ctx, const nlohmann::json &document);
void printError(const CommandContext &ctx, const HelperError &error);
nlohmann::json errorToJson(const HelperError &error);

} // namespace podbay::helper
