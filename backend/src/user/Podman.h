#pragma once
// Running podman (and other tools) for a user method: argv only, the call's stop token
// (so $/cancel kills the child), output streamed as `log` notifications when asked, and
// podman's failures turned into stable error codes with a hint the user can act on.

#include "process/Subprocess.h"
#include "rpc/Method.h"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::user {

struct ToolOptions
{
    std::chrono::milliseconds timeout{std::chrono::minutes(2)};
    bool streamLog = false; // forward output chunks as `log` notifications
    std::optional<std::string> input;
    std::vector<std::string> extraEnvironment;
};

// Runs argv for `call`. XDG_RUNTIME_DIR is dropped when it names a directory that does
// not exist (platform.md: podman then falls back to /tmp/podman-run-UID).
process::SubprocessResult runTool(const rpc::Call &call, std::vector<std::string> argv, const ToolOptions &options = {});

// `podman ARGS...`.
process::SubprocessResult runPodman(const rpc::Call &call, std::vector<std::string> args,
                                    const ToolOptions &options = {});

// Throws the HelperError that describes a failed run: E_CANCELLED, E_NO_SUBUID,
// E_REGISTRY_DOWN, E_NOT_FOUND, E_IO (disk full, everything else), with `what` ("commit",
// "push to 127.0.0.1:5000") in the message and the tool's last error line.
[[noreturn]] void throwToolError(const process::SubprocessResult &result, std::string_view what);

// Runs and throws on failure; returns stdout.
std::string podmanOrThrow(const rpc::Call &call, std::vector<std::string> args, std::string_view what,
                          const ToolOptions &options = {});

// The error code a podman failure message maps to (exposed for unit tests).
std::string_view classifyToolError(std::string_view stderrText);

} // namespace podbay::helper::user
