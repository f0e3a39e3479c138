#pragma once
// The helper running one of its own commands in a child (admin methods, admin.fix): the
// same binary by argv, with the server's --root and --config, answering JSON.

#include "CommandContext.h"

#include <string>
#include <vector>

namespace podbay::helper::process {

// {"/proc/self/exe", "--json", ["--root", R], ["--config", C]}: append the command.
std::vector<std::string> selfCommand(const CommandContext &ctx);

} // namespace podbay::helper::process
