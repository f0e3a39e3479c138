#pragma once
// Quoting for text the helper shows or writes as shell (Slurm batch scripts, the
// "copy this command" lines). Never used to run anything from the helper itself:
// subprocesses get argv vectors.

#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::workflow {

// POSIX single quoting: ' becomes '\'' (POSIX.1-2017 XCU 2.2.2). Words made only
// of safe characters are left bare for readability.
std::string shellQuote(std::string_view word);
std::string shellJoin(const std::vector<std::string> &words);

} // namespace podbay::helper::workflow
