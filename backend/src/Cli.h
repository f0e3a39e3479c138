#pragma once
// Command-line entry point of podbay-helper:
//   podbay-helper [--root DIR] [--config FILE] [--json] COMMAND [ARGS...]
// `--json` is also accepted after the command (before a `--`), since that is how
// clients call one-shot commands: `podbay-helper version --json`.

#include <ostream>
#include <string>
#include <vector>

namespace podbay::helper {

// Exit codes (sysexits-like, kept small): 0 success, 1 the operation failed,
// 2 the command line was wrong.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

std::vector<std::string> argsFrom(int argc, char **argv);
int runCli(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

} // namespace podbay::helper
