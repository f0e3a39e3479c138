#include "Subprocess.h"

#include "HelperError.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace podbay::helper::process {
namespace {

using Clock = std::chrono::steady_clock;

// Owns a file descriptor; closes it once.
class Fd
{
public:
    Fd() = default;
    explicit Fd(int fd) : m_fd(fd) {}
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    ~Fd() { reset(); }
    int get() const { return m_fd; }
    void reset(int fd = -1)
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = fd;
    }

private:
    int m_fd = -1;
};

struct Pipe
{
    Fd read;
    Fd write;
};

void makePipe(Pipe &pipe)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw HelperError(protocol::error::kIo, std::string("pipe: ") + std::strerror(errno));
    pipe.read.reset(fds[0]);
    pipe.write.reset(fds[1]);
}

// posix_spawn's attribute and file-action objects need destroying on every path.
struct SpawnSetup
{
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    SpawnSetup()
    {
        posix_spawn_file_actions_init(&actions);
        posix_spawnattr_init(&attr);
    }
    SpawnSetup(const SpawnSetup &) = delete;
    SpawnSetup &operator=(const SpawnSetup &) = delete;
    ~SpawnSetup()
    {
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attr);
    }
};

// Reads what is available on `fd` into `sink`, keeping at most `limit` bytes, and hands
// the chunk to the output callback. Returns false at end of file.
bool drain(int fd, std::string &sink, std::size_t limit, bool &truncated, const SubprocessOptions &options,
           std::string_view stream)
{
    std::array<char, 65536> buffer;
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0)
        return errno == EINTR || errno == EAGAIN;
    if (n == 0)
        return false;
    if (options.onOutput)
        options.onOutput(stream, std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    const std::size_t room = limit > sink.size() ? limit - sink.size() : 0;
    if (static_cast<std::size_t>(n) > room)
        truncated = true;
    sink.append(buffer.data(), std::min(room, static_cast<std::size_t>(n)));
    return true;
}

std::vector<std::string> childEnvironment(const SubprocessOptions &options)
{
    std::vector<std::string> env;
    for (char **e = environ; e && *e; ++e) {
        const std::string_view entry(*e);
        const std::string_view name = entry.substr(0, entry.find('='));
        if (std::ranges::find(options.unsetEnvironment, name) == options.unsetEnvironment.end())
            env.emplace_back(entry);
    }
    env.insert(env.end(), options.extraEnvironment.begin(), options.extraEnvironment.end());
    return env;
}

std::vector<char *> pointers(std::vector<std::string> &strings)
{
    std::vector<char *> result;
    result.reserve(strings.size() + 1);
    for (std::string &s : strings)
        result.push_back(s.data());
    result.push_back(nullptr);
    return result;
}

} // namespace

std::string SubprocessResult::describe() const
{
    if (cancelled)
        return "cancelled";
    if (timedOut)
        return "timed out and was killed";
    if (signal)
        return "killed by signal " + std::to_string(*signal) + " (" + ::strsignal(*signal) + ")";
    if (exitCode)
        return "exit status " + std::to_string(*exitCode);
    return "unknown status";
}

SubprocessResult runSubprocess(const std::vector<std::string> &argv, const SubprocessOptions &options)
{
    if (argv.empty() || argv.front().empty())
        throw HelperError(protocol::error::kInternal, "runSubprocess: empty argv");

    Pipe out, err, in, wake;
    makePipe(out);
    makePipe(err);
    makePipe(wake);
    if (options.input) {
        makePipe(in);
        ::fcntl(in.write.get(), F_SETFL, O_NONBLOCK);
    }

    SpawnSetup setup;
    if (options.input)
        posix_spawn_file_actions_adddup2(&setup.actions, in.read.get(), STDIN_FILENO);
    else
        posix_spawn_file_actions_addopen(&setup.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    if (!options.workingDirectory.empty())
        posix_spawn_file_actions_addchdir_np(&setup.actions, options.workingDirectory.c_str());
    posix_spawn_file_actions_adddup2(&setup.actions, out.write.get(), STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&setup.actions, err.write.get(), STDERR_FILENO);
    // Its own process group, so a timeout also reaches whatever the program started.
    posix_spawnattr_setpgroup(&setup.attr, 0);
    // The helper ignores SIGPIPE while serving; the child must start with defaults.
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&setup.attr, &defaults);
    posix_spawnattr_setflags(&setup.attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);

    std::vector<std::string> args = argv;
    std::vector<std::string> env = childEnvironment(options);
    auto argp = pointers(args);
    auto envp = pointers(env);

    pid_t pid = -1;
    const int rc = ::posix_spawnp(&pid, args.front().c_str(), &setup.actions, &setup.attr, argp.data(), envp.data());
    if (rc != 0)
        throw HelperError(protocol::error::kIo, "cannot run " + argv.front() + ": " + std::strerror(rc),
                          "check that it is installed and in PATH");
    out.write.reset();
    err.write.reset();
    in.read.reset();

    SubprocessResult result;
    // A stop request wakes the poll below through the self-pipe (stop_callback runs in
    // the requesting thread, where only async-signal-safe-ish work belongs: one write).
    const int wakeFd = wake.write.get();
    std::stop_callback onStop(options.stop, [wakeFd] { [[maybe_unused]] auto n = ::write(wakeFd, "x", 1); });
    const auto deadline = Clock::now() + options.timeout;
    // SIGKILL time after a cancel's SIGTERM; max() while none is due (a plain value: GCC 12
    // warns maybe-uninitialized on std::optional<time_point> here).
    Clock::time_point killAt = Clock::time_point::max();
    std::string_view pendingInput = options.input ? std::string_view(*options.input) : std::string_view();
    if (options.input && pendingInput.empty())
        in.write.reset();
    bool outOpen = true, errOpen = true;
    while (outOpen || errOpen) {
        std::array<pollfd, 4> fds{pollfd{outOpen ? out.read.get() : -1, POLLIN, 0},
                                  pollfd{errOpen ? err.read.get() : -1, POLLIN, 0},
                                  pollfd{result.cancelled ? -1 : wake.read.get(), POLLIN, 0},
                                  pollfd{in.write.get(), POLLOUT, 0}};
        const auto next = std::min(deadline, killAt);
        int waitMs = -1;
        if (!result.timedOut) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(next - Clock::now());
            waitMs = static_cast<int>(std::max<long long>(0, left.count()));
        }
        const int ready = ::poll(fds.data(), fds.size(), waitMs);
        if (ready < 0 && errno != EINTR)
            break;
        const auto now = Clock::now();
        if (now >= killAt) {
            ::kill(-pid, SIGKILL);
            killAt = Clock::time_point::max();
        }
        if (!result.timedOut && now >= deadline) {
            result.timedOut = true;
            ::kill(-pid, SIGKILL);
            continue;
        }
        if (ready <= 0)
            continue;
        if (fds[2].revents & POLLIN) {
            result.cancelled = true;
            ::kill(-pid, SIGTERM);
            killAt = now + options.killGrace;
        }
        if (fds[3].revents & (POLLOUT | POLLERR | POLLHUP)) {
            const ssize_t n = (fds[3].revents & POLLOUT) ? ::write(in.write.get(), pendingInput.data(), pendingInput.size()) : -1;
            if (n > 0)
                pendingInput.remove_prefix(static_cast<std::size_t>(n));
            if (pendingInput.empty() || (n < 0 && errno != EAGAIN && errno != EINTR))
                in.write.reset(); // all written, or the child closed its stdin (EPIPE)
        }
        if (outOpen && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)))
            outOpen = drain(out.read.get(), result.out, options.maxOutputBytes, result.truncated, options, "stdout");
        if (errOpen && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)))
            errOpen = drain(err.read.get(), result.err, options.maxOutputBytes, result.truncated, options, "stderr");
    }
    in.write.reset();

    // Both streams are closed, but the program may still run (it closed them itself):
    // the deadline and a stop request still apply.
    int status = 0;
    for (bool killed = result.timedOut;;) {
        const pid_t done = ::waitpid(pid, &status, killed ? 0 : WNOHANG);
        if (done == pid)
            break;
        if (done < 0 && errno != EINTR)
            throw HelperError(protocol::error::kIo, std::string("waitpid: ") + std::strerror(errno));
        if (done != 0)
            continue;
        const auto now = Clock::now();
        if (now >= deadline && !result.cancelled)
            result.timedOut = true;
        if (options.stop.stop_requested() && !result.cancelled) {
            result.cancelled = true;
            ::kill(-pid, SIGTERM);
            killAt = now + options.killGrace;
        }
        if (result.timedOut || now >= killAt) {
            ::kill(-pid, SIGKILL);
            killed = true;
        } else {
            ::usleep(1000);
        }
    }
    if (WIFEXITED(status))
        result.exitCode = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        result.signal = WTERMSIG(status);
    return result;
}

} // namespace podbay::helper::process
