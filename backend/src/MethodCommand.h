#pragma once
// Every JSON-RPC method as a one-shot CLI command: `podbay-helper images list --json`
// calls images.list, `podbay-helper steps run --container c --command 'make'` calls
// steps.run with {"container": "c", "command": "make"}. Scripts and admins get the same
// behaviour and the same JSON as the apps, without a serve session.

#include "CommandContext.h"

#include <string_view>

namespace podbay::helper {

// True when some method is named GROUP.VERB.
bool isMethodGroup(std::string_view group);

// args: VERB [--KEY VALUE]... [--params JSON]. A VALUE that parses as JSON (number,
// true/false, array, object, quoted string) is taken as such, anything else as a string.
// `log` notifications go to stderr as they come, progress too unless --json.
int runMethodCommand(CommandContext &ctx, std::string_view group, Args args);

} // namespace podbay::helper
