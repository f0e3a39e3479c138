#pragma once
// Running a program without a shell: an argv vector goes to posix_spawnp(3), stdout and
// stderr are captured through pipes, and a timeout kills the whole process group.
// Reused by every helper command that calls a tool (getsubids, podman, sbatch, ...),
// so no caller ever builds a shell string (architecture.md, "never trusts its input").

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::process {

struct SubprocessOptions
{
    // Killed (SIGKILL to its process group) when it runs longer than this.
    std::chrono::milliseconds timeout{std::chrono::seconds(30)};
    // Output beyond this many bytes per stream is read and dropped, and `truncated` is set,
    // so a runaway tool cannot exhaust the helper's memory.
    std::size_t maxOutputBytes = 16 * 1024 * 1024;
    // Extra environment entries ("NAME=value") on top of the helper's own environment.
    std::vector<std::string> extraEnvironment;
    // Names removed from the inherited environment (e.g. XDG_RUNTIME_DIR, platform.md).
    std::vector<std::string> unsetEnvironment;
    // Working directory of the child; empty: the helper's own.
    std::string workingDirectory;
    // Written to the child's stdin, which is then closed; without it stdin is /dev/null.
    std::optional<std::string> input;
    // A stop request ($/cancel) sends SIGTERM to the child's process group, and SIGKILL
    // after killGrace if it is still there; the result then has `cancelled` set.
    std::stop_token stop;
    std::chrono::milliseconds killGrace{std::chrono::seconds(3)};
    // Called with each chunk of output as it arrives (stream is "stdout" or "stderr"),
    // for `log` notifications; the output is captured in the result as well.
    std::function<void(std::string_view stream, std::string_view chunk)> onOutput;
};

struct SubprocessResult
{
    // The exit status when the program exited normally.
    std::optional<int> exitCode;
    // The signal that ended it, when it was killed (including by the timeout).
    std::optional<int> signal;
    bool timedOut = false;
    bool cancelled = false;
    bool truncated = false;
    std::string out;
    std::string err;

    // A cancelled run never succeeded, whatever it exited with: podman push, for one,
    // exits 0 on SIGTERM without having written the manifest.
    bool succeeded() const { return exitCode == 0 && !cancelled; }
    // "exit status 3", "killed by signal 9", "timed out after 30000 ms": for error messages.
    std::string describe() const;
};

// Runs argv[0] (looked up in PATH when it has no slash) with argv, stdin from /dev/null
// unless options.input is given.
// Throws HelperError(E_IO) when the program cannot be started at all (not found,
// not executable); a program that starts and fails is reported in the result.
SubprocessResult runSubprocess(const std::vector<std::string> &argv, const SubprocessOptions &options = {});

} // namespace podbay::helper::process
