#include "ShadowLock.h"

#include "AtomicFile.h"
#include "HelperError.h"

#include <podbay/protocol/Protocol.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <signal.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace podbay::helper::sysfile {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

enum class Attempt { Locked, HeldByLiveProcess };

[[noreturn]] void ioError(const std::string &what, const fs::path &path, int error)
{
    throw HelperError(protocol::error::kIo, what + " " + path.string() + ": " + std::strerror(error));
}

// Writes "PID\0" to `tmp`, as commonio's do_lock_file does (the trailing NUL included),
// and syncs it, so the lock names a process even after a crash.
void writePidFile(const fs::path &tmp, pid_t pid)
{
    const int fd = ::open(tmp.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        ioError("cannot create", tmp, errno);
    const std::string text = std::to_string(pid) + '\0';
    int error = writeAll(fd, text);
    if (error == 0 && ::fdatasync(fd) != 0)
        error = errno;
    if (::close(fd) != 0 && error == 0)
        error = errno;
    if (error != 0) {
        ::unlink(tmp.c_str());
        ioError("cannot write", tmp, error);
    }
}

// After link(2) the temporary file must have exactly two names; anything else means the
// link went somewhere unexpected (commonio's check_link_count).
bool hasTwoLinks(const fs::path &tmp)
{
    struct stat st{};
    return ::stat(tmp.c_str(), &st) == 0 && st.st_nlink == 2;
}

// The PID written in an existing lock file, or -1 when there is none (empty, junk).
pid_t pidInLock(const fs::path &lock)
{
    std::ifstream in(lock, std::ios::binary);
    char buffer[32] = {};
    in.read(buffer, sizeof buffer - 1);
    const std::string_view text(buffer, static_cast<std::size_t>(in.gcount()));
    const std::size_t end = text.find_first_of(std::string_view("\0\n", 2));
    const std::string_view digits = text.substr(0, end);
    pid_t pid = -1;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
    if (ec != std::errc() || ptr != digits.data() + digits.size() || digits.empty() || pid <= 0)
        return -1;
    return pid;
}

bool isAlive(pid_t pid)
{
    // EPERM means it exists but belongs to someone else: alive (shadow would remove the
    // lock here, but only root runs it and root never gets EPERM).
    return ::kill(pid, 0) == 0 || errno == EPERM;
}

std::string processName(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/comm");
    std::string name;
    std::getline(in, name);
    return name.empty() ? std::string() : " (" + name + ")";
}

Attempt tryLock(const fs::path &tmp, const fs::path &lock, pid_t &holder)
{
    const pid_t self = ::getpid();
    writePidFile(tmp, self);
    struct TmpGuard
    {
        const fs::path &path;
        ~TmpGuard() { ::unlink(path.c_str()); }
    } guard{tmp};

    for (int round = 0; round < 2; ++round) {
        if (::link(tmp.c_str(), lock.c_str()) == 0) {
            if (!hasTwoLinks(tmp)) {
                ::unlink(lock.c_str());
                throw HelperError(protocol::error::kLocked, "lock " + lock.string() + " is already used",
                                  "the file system did not honour link(2); check " + lock.parent_path().string());
            }
            return Attempt::Locked;
        }
        if (errno != EEXIST)
            ioError("cannot create lock", lock, errno);
        holder = pidInLock(lock);
        // No valid PID (yet): it may be a lock being written right now, so wait; the caller
        // reports it if that does not change.
        if (holder < 0 || holder == self || isAlive(holder))
            return Attempt::HeldByLiveProcess;
        // Stale: its owner died without unlocking (kill -9, crash). Remove it and retry once.
        if (::unlink(lock.c_str()) != 0 && errno != ENOENT)
            ioError("cannot remove stale lock", lock, errno);
    }
    return Attempt::HeldByLiveProcess;
}

// FILE.PID files of processes that died while taking the lock (kill -9 between creating it
// and unlinking it; shadow's commonio leaves them too). Only a name whose content is "PID\0"
// of a process that is gone, or the start of it (killed while writing it), so an admin's
// FILE.20240101 copy is never touched. Called while holding the lock.
void removeStalePidFiles(const fs::path &file)
{
    const std::string prefix = file.filename().string() + ".";
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(file.parent_path(), ec)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with(prefix) || !entry.is_regular_file(ec))
            continue;
        const std::string digits = name.substr(prefix.size());
        pid_t pid = -1;
        const auto [ptr, error] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
        if (error != std::errc() || ptr != digits.data() + digits.size() || pid <= 0 || pid == ::getpid()
            || isAlive(pid))
            continue;
        std::ifstream in(entry.path(), std::ios::binary);
        char buffer[32] = {};
        in.read(buffer, sizeof buffer);
        const std::string pidFile = digits + '\0';
        if (std::string_view(pidFile).starts_with(std::string_view(buffer, static_cast<std::size_t>(in.gcount()))))
            fs::remove(entry.path(), ec);
    }
}

} // namespace

fs::path lockPathFor(const fs::path &file)
{
    return fs::path(file.string() + ".lock");
}

ShadowLock ShadowLock::acquire(const fs::path &file, const LockOptions &options)
{
    const fs::path lock = lockPathFor(file);
    const fs::path tmp = file.string() + "." + std::to_string(::getpid());
    const auto deadline = Clock::now() + options.timeout;
    pid_t holder = -1;
    for (;;) {
        if (tryLock(tmp, lock, holder) == Attempt::Locked) {
            removeStalePidFiles(file);
            return ShadowLock(lock);
        }
        if (Clock::now() >= deadline)
            break;
        std::this_thread::sleep_for(options.retryDelay);
    }
    if (holder < 0)
        throw HelperError(protocol::error::kLocked, "lock file " + lock.string() + " holds no valid PID",
                          "if no useradd, usermod or podbay-helper is running, remove " + lock.string());
    throw HelperError(protocol::error::kLocked,
                      file.string() + " is locked by process " + std::to_string(holder) + processName(holder),
                      "another useradd, usermod or podbay-helper is changing it; retry when it has finished");
}

ShadowLock::ShadowLock(ShadowLock &&other) noexcept : m_lockPath(std::move(other.m_lockPath))
{
    other.m_lockPath.clear();
}

ShadowLock &ShadowLock::operator=(ShadowLock &&other) noexcept
{
    if (this != &other) {
        release();
        m_lockPath = std::move(other.m_lockPath);
        other.m_lockPath.clear();
    }
    return *this;
}

ShadowLock::~ShadowLock()
{
    release();
}

void ShadowLock::release()
{
    if (!m_lockPath.empty())
        ::unlink(m_lockPath.c_str());
    m_lockPath.clear();
}

} // namespace podbay::helper::sysfile
