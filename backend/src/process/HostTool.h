#pragma once
// Output of a tool about the host (ldconfig -p, nvidia-smi, podman version, nvidia-ctk),
// as one command sees it:
//  - on the real system (--root /) the tool is run (argv, no shell);
//  - on a fixture tree (--root DIR) the recording ROOT/.podbay-fixture/NAME is read instead,
//    and a missing recording means "not installed": a fixture never sees the test machine's
//    own tools. No GPU, nvidia-ctk or Quadlet-capable Podman exists on the test machines
//    (platform.md), so those code paths are tested on recorded output.

#include "CommandContext.h"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::process {

struct HostToolOutput
{
    bool installed = false; // the program could be started (or a recording exists)
    bool succeeded = false; // it exited 0 (a recording always counts as success)
    std::string out;
    std::string err;     // stderr, or why it did not run
    bool recorded = false;
};

// Where recordings live inside a fixture tree.
inline constexpr std::string_view kFixtureDir = ".podbay-fixture";

HostToolOutput hostTool(const CommandContext &ctx, std::string_view recording, const std::vector<std::string> &argv,
                        std::chrono::milliseconds timeout = std::chrono::seconds(30));

} // namespace podbay::helper::process
