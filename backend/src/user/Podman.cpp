#include "Podman.h"

#include "HelperError.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include <unistd.h>

namespace podbay::helper::user {
namespace {

bool contains(std::string_view haystack, std::string_view needle)
{
    return std::ranges::search(haystack, needle, [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
           }).begin() != haystack.end();
}

// The last non-empty line: podman prints its actual error last ("Error: ...").
std::string lastLine(std::string_view text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.remove_suffix(1);
    const auto nl = text.rfind('\n');
    std::string line(nl == std::string_view::npos ? text : text.substr(nl + 1));
    if (line.size() > 500)
        line = line.substr(0, 500) + "...";
    return line;
}

// The tool's own error lines: podman and buildah print "Error: ...", skopeo and the
// containers libraries "level=fatal/error msg=...". A build's stderr also carries the
// user's RUN output ("cat: x: not found"), which must not decide the code; without such
// lines (an older tool, a crash) the last lines stand for it.
std::string toolErrorLines(std::string_view err)
{
    std::string lines;
    std::vector<std::string_view> all;
    for (std::size_t start = 0; start <= err.size();) {
        const std::size_t end = std::min(err.find('\n', start), err.size());
        std::string_view line = err.substr(start, end - start);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
            line.remove_prefix(1);
        if (!line.empty())
            all.push_back(line);
        if (line.starts_with("Error:") || line.starts_with("error:") || line.find("level=fatal") != line.npos ||
            line.find("level=error") != line.npos)
            lines.append(line).push_back('\n');
        start = end + 1;
    }
    if (lines.empty())
        for (std::size_t i = all.size() > 3 ? all.size() - 3 : 0; i < all.size(); ++i)
            lines.append(all[i]).push_back('\n');
    return lines;
}

} // namespace

std::string_view classifyToolError(std::string_view stderrText)
{
    // newuidmap/newgidmap messages and podman's own when /etc/subuid has no range: podman
    // says why in warnings before the error, so all of stderr counts here.
    const std::string_view all = stderrText;
    if (contains(all, "no subuid ranges") || contains(all, "no subgid ranges") ||
        contains(all, "cannot find UID/GID for user") || contains(all, "newuidmap") ||
        contains(all, "newgidmap") || contains(all, "insufficient UIDs or GIDs"))
        return protocol::error::kNoSubuid;
    // The rest from the tool's own error lines only (a build log is the user's text).
    const std::string own = toolErrorLines(stderrText);
    const std::string_view err = own;
    // "use of closed network connection": Go's net package when the registry went away
    // in the middle of an upload (tests/faults/tst_faults_push).
    if (contains(err, "connection refused") || contains(err, "no such host") || contains(err, "i/o timeout") ||
        contains(err, "dial tcp") || contains(err, "connection reset by peer") ||
        contains(err, "use of closed network connection") || contains(err, "server misbehaving"))
        return protocol::error::kRegistryDown;
    if (contains(err, "no such container") || contains(err, "image not known") ||
        contains(err, "manifest unknown") || contains(err, "name unknown") || contains(err, "no such image") ||
        contains(err, "not found"))
        return protocol::error::kNotFound;
    return protocol::error::kIo;
}

[[noreturn]] void throwToolError(const process::SubprocessResult &result, std::string_view what)
{
    if (result.cancelled)
        throw HelperError(protocol::error::kCancelled, std::string(what) + " was cancelled");
    const std::string detail = lastLine(result.err.empty() ? result.out : result.err);
    const std::string message = std::string(what) + " failed (" + result.describe() + ")" +
                                (detail.empty() ? std::string() : ": " + detail);
    if (contains(result.err, "no space left on device"))
        throw HelperError(protocol::error::kIo, message,
                          "your container storage is full: remove old images and containers (Images page, or "
                          "`podman system prune`), or ask the helpdesk for more space");
    if (result.timedOut)
        throw HelperError(protocol::error::kIo, message, "it took too long; try again, or ask the helpdesk");
    const std::string_view code = classifyToolError(result.err);
    std::string hint;
    if (code == protocol::error::kNoSubuid)
        hint = "your account has no subordinate user ids (/etc/subuid, /etc/subgid); run Doctor and send its "
               "report to the helpdesk";
    else if (code == protocol::error::kRegistryDown)
        hint = "the registry does not answer; check the address, or ask the helpdesk whether it is down";
    else if (code == protocol::error::kNotFound)
        hint = "check the name: the image or container does not exist";
    else
        hint = "see the log for podman's full output";
    throw HelperError(code, message, hint);
}

process::SubprocessResult runTool(const rpc::Call &call, std::vector<std::string> argv, const ToolOptions &options)
{
    process::SubprocessOptions sub;
    sub.timeout = options.timeout;
    sub.stop = call.stopToken();
    sub.input = options.input;
    sub.extraEnvironment = options.extraEnvironment;
    const char *runtime = std::getenv("XDG_RUNTIME_DIR");
    if (runtime && !std::filesystem::is_directory(runtime))
        sub.unsetEnvironment.emplace_back("XDG_RUNTIME_DIR");
    // skopeo without a runtime dir (an SSH session with no systemd --user) reads
    // credentials from /run/containers/UID/auth.json, and /run/containers is root's 0700
    // once root has run podman: every call fails "permission denied". Rootless podman
    // instead makes /tmp/podman-run-UID its runtime dir. Point skopeo at the file podman
    // logs in to, else the user's own fallback (containers-auth.json(5)); skopeo reads a
    // missing file as no credentials (podman would refuse it, so podman is left alone).
    if (!argv.empty() && argv.front() == "skopeo" && (!runtime || !std::filesystem::is_directory(runtime)) &&
        !std::getenv("REGISTRY_AUTH_FILE")) {
        const std::string podmans = "/tmp/podman-run-" + std::to_string(::getuid()) + "/containers/auth.json";
        const char *home = std::getenv("HOME");
        if (std::filesystem::exists(podmans))
            sub.extraEnvironment.push_back("REGISTRY_AUTH_FILE=" + podmans);
        else if (home && *home == '/')
            sub.extraEnvironment.push_back(std::string("REGISTRY_AUTH_FILE=") + home + "/.config/containers/auth.json");
    }
    if (options.streamLog)
        sub.onOutput = [&call](std::string_view stream, std::string_view chunk) {
            call.log(stream, std::string(chunk));
        };
    return process::runSubprocess(argv, sub);
}

process::SubprocessResult runPodman(const rpc::Call &call, std::vector<std::string> args, const ToolOptions &options)
{
    args.insert(args.begin(), "podman");
    return runTool(call, std::move(args), options);
}

std::string podmanOrThrow(const rpc::Call &call, std::vector<std::string> args, std::string_view what,
                          const ToolOptions &options)
{
    process::SubprocessResult result = runPodman(call, std::move(args), options);
    if (!result.succeeded())
        throwToolError(result, what);
    return std::move(result.out);
}

} // namespace podbay::helper::user
