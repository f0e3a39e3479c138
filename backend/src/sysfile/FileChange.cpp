#include "FileChange.h"

#include "HelperError.h"
#include "sysfile/Audit.h"
#include "sysfile/ShadowLock.h"
#include "sysfile/UnifiedDiff.h"

#include <podbay/protocol/Protocol.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace podbay::helper::sysfile {
namespace {

// Two writers of the same system file (two `setup` runs, an admin's CLI and the app)
// exclude each other with flock(2) on the file's directory for the time of the write. The
// kernel drops it when its holder dies, even by kill -9, so it never goes stale and leaves
// no file behind. Under it, temp files that a killed writer left (FILE.podbay-XXXXXX, also
// those of FILE-) belong to nobody alive and are removed (tests/faults/tst_faults_sysfile).
class DirectoryLock
{
public:
    explicit DirectoryLock(const std::filesystem::path &dir)
    {
        m_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (m_fd < 0)
            throw HelperError(protocol::error::kIo, "cannot open " + dir.string() + ": " + std::strerror(errno));
        const LockOptions options; // the patience of shadow's lock: seconds, not forever
        const auto deadline = std::chrono::steady_clock::now() + options.timeout;
        while (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
            if (errno != EWOULDBLOCK && errno != EINTR) {
                const int error = errno;
                ::close(m_fd);
                throw HelperError(protocol::error::kIo, "cannot lock " + dir.string() + ": " + std::strerror(error));
            }
            if (std::chrono::steady_clock::now() >= deadline) {
                ::close(m_fd);
                throw HelperError(protocol::error::kLocked, "another podbay-helper is writing in " + dir.string(),
                                  "another setup or admin command is running; retry when it has finished");
            }
            std::this_thread::sleep_for(options.retryDelay);
        }
    }
    DirectoryLock(const DirectoryLock &) = delete;
    DirectoryLock &operator=(const DirectoryLock &) = delete;
    ~DirectoryLock() { ::close(m_fd); } // closing the last descriptor releases flock(2)

private:
    int m_fd = -1;
};

} // namespace

std::string FileChange::action() const
{
    if (!changes())
        return "unchanged";
    if (!before)
        return "create";
    if (!after)
        return "remove";
    return "modify";
}

std::string FileChange::diff() const
{
    if (!changes())
        return {};
    const std::string name = displayPath.string();
    return textDiff(before ? name : "/dev/null", after ? name + " (planned)" : "/dev/null", before.value_or(""),
                    after.value_or(""));
}

nlohmann::json FileChange::toJson() const
{
    return {{"path", displayPath.string()}, {"action", action()}, {"diff", diff()}};
}

FileChange readForChange(const CommandContext &ctx, const std::filesystem::path &absolute)
{
    FileChange change;
    change.displayPath = absolute;
    change.path = ctx.systemPath(absolute);
    change.before = readFileIfExists(change.path);
    change.after = change.before;
    return change;
}

FileChange plannedFile(const CommandContext &ctx, const std::filesystem::path &absolute, std::string content,
                       mode_t mode)
{
    FileChange change = readForChange(ctx, absolute);
    change.after = std::move(content);
    change.options.newFileMode = mode;
    return change;
}

void apply(const FileChange &change)
{
    if (!change.changes())
        return;
    if (change.after) {
        std::error_code ec;
        std::filesystem::create_directories(change.path.parent_path(), ec);
        if (ec)
            throw HelperError(protocol::error::kIo,
                              "cannot create " + change.path.parent_path().string() + ": " + ec.message());
        const DirectoryLock lock(change.path.parent_path());
        removeStaleTempFiles(change.path);
        removeStaleTempFiles(change.path.string() + "-");
        writeFileAtomically(change.path, *change.after, change.options);
        return;
    }
    std::optional<DirectoryLock> lock;
    if (std::filesystem::is_directory(change.path.parent_path())) {
        lock.emplace(change.path.parent_path());
        removeStaleTempFiles(change.path);
        removeStaleTempFiles(change.path.string() + "-");
    }
    if (change.options.keepBackup && change.before) {
        WriteOptions backup;
        backup.keepBackup = false;
        writeFileAtomically(change.path.string() + "-", *change.before, backup);
    }
    if (::unlink(change.path.c_str()) != 0 && errno != ENOENT)
        throw HelperError(protocol::error::kIo, "cannot remove " + change.path.string() + ": " + std::strerror(errno));
}

std::size_t applyAll(const std::vector<FileChange> &changes, std::string_view command)
{
    std::size_t changed = 0;
    for (const FileChange &change : changes) {
        if (!change.changes())
            continue;
        apply(change);
        ++changed;
        audit(command, change.action() + " " + change.displayPath.string());
    }
    return changed;
}

std::string diffAll(const std::vector<FileChange> &changes)
{
    std::string out;
    for (const FileChange &change : changes)
        out += change.diff();
    return out;
}

} // namespace podbay::helper::sysfile
