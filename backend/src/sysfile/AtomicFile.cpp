#include "AtomicFile.h"

#include "HelperError.h"

#include <podbay/protocol/Protocol.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace podbay::helper::sysfile {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kTempInfix = ".podbay-";
constexpr std::size_t kTempSuffixLength = 6; // mkstemp(3)'s XXXXXX

[[noreturn]] void ioError(const std::string &what, const fs::path &path, int error)
{
    throw HelperError(protocol::error::kIo, what + " " + path.string() + ": " + std::strerror(error),
                      "nothing was changed; check free space and permissions of " + path.parent_path().string());
}

// A temp file that is unlinked unless committed (renamed into place).
class TempFile
{
public:
    explicit TempFile(const fs::path &target)
    {
        std::string pattern = target.string() + std::string(kTempInfix) + std::string(kTempSuffixLength, 'X');
        m_fd = ::mkostemp(pattern.data(), O_CLOEXEC);
        if (m_fd < 0)
            ioError("cannot create a temporary file next to", target, errno);
        m_path = pattern;
    }
    TempFile(const TempFile &) = delete;
    TempFile &operator=(const TempFile &) = delete;
    ~TempFile()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        if (!m_committed)
            ::unlink(m_path.c_str());
    }

    // Owner and mode first, so the content is never readable with the wrong mode.
    void setOwnerAndMode(uid_t uid, gid_t gid, mode_t mode)
    {
        if (::fchown(m_fd, uid, gid) != 0)
            ioError("cannot set the owner of", m_path, errno);
        if (::fchmod(m_fd, mode & 07777) != 0)
            ioError("cannot set the mode of", m_path, errno);
    }

    void write(std::string_view content)
    {
        if (const int error = writeAll(m_fd, content))
            ioError("cannot write", m_path, error);
        if (::fsync(m_fd) != 0)
            ioError("cannot fsync", m_path, errno);
    }

    const fs::path &path() const { return m_path; }

    // Gives up the file and its name (for a caller that puts another file there).
    void release()
    {
        ::close(m_fd);
        m_fd = -1;
        ::unlink(m_path.c_str());
        m_committed = true;
    }

    void keepTimes(const struct stat &st)
    {
        const struct timespec times[2] = {st.st_atim, st.st_mtim};
        ::futimens(m_fd, times); // best effort, as shadow's create_backup
    }

    void renameTo(const fs::path &target)
    {
        const int fd = m_fd;
        m_fd = -1;
        if (::close(fd) != 0)
            ioError("cannot write", m_path, errno);
        if (::rename(m_path.c_str(), target.c_str()) != 0)
            ioError("cannot rename " + m_path.string() + " to", target, errno);
        m_committed = true;
    }

private:
    fs::path m_path;
    int m_fd = -1;
    bool m_committed = false;
};

void syncDirectory(const fs::path &dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        ioError("cannot open directory", dir, errno);
    const int rc = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (rc != 0)
        ioError("cannot fsync directory", dir, error);
}

// FILE- as a second name of the current file (link(2), then rename(2) over the old FILE-):
// the same bytes, owner, mode and times as FILE, already on disk, so nothing is written or
// fsynced; the rename of the new FILE below leaves the old inode as FILE- only, and the
// directory fsync that follows makes both names durable. (shadow's commonio copies the
// file instead; at 100,000 users that is 2.4 MB and an fsync per file, bench/subids.)
// False where hard links are not possible (some network file systems): then it is copied.
bool backupByLink(const fs::path &path)
{
    // FILE- may already be FILE itself: a writer killed between this backup and its
    // rename left them as two names of one inode. rename(2) of two links to the same file
    // "does nothing, and returns a success status", which would leave the temp name behind.
    struct stat file{}, backup{};
    if (::stat(path.c_str(), &file) == 0 && ::stat((path.string() + "-").c_str(), &backup) == 0
        && file.st_dev == backup.st_dev && file.st_ino == backup.st_ino)
        return true;
    TempFile name(path); // a fresh name next to the file, removed again if anything fails
    const fs::path link = name.path();
    name.release();
    if (::link(path.c_str(), link.c_str()) != 0)
        return false;
    if (::rename(link.c_str(), (path.string() + "-").c_str()) != 0) {
        ::unlink(link.c_str());
        return false;
    }
    return true;
}

} // namespace

int writeAll(int fd, std::string_view data)
{
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (n == 0)
            return ENOSPC;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return 0;
}

std::optional<std::string> readFileIfExists(const fs::path &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        if (errno == ENOENT)
            return std::nullopt;
        ioError("cannot read", path, errno);
    }
    struct stat st{};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw HelperError(protocol::error::kIo, path.string() + " is not a regular file");
    }
    // Read straight into the string (no bounce buffer): /etc/subuid of a 100,000-user site
    // is 2.6 MB (bench/subids). The size is a hint; the loop reads to the end of file.
    std::string content;
    std::size_t used = 0;
    content.resize(static_cast<std::size_t>(st.st_size) + 1);
    for (;;) {
        if (used == content.size())
            content.resize(content.size() * 2 + 4096);
        const ssize_t n = ::read(fd, content.data() + used, content.size() - used);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            ioError("cannot read", path, error);
        }
        if (n == 0)
            break;
        used += static_cast<std::size_t>(n);
    }
    content.resize(used);
    ::close(fd);
    return content;
}

void writeFileAtomically(const fs::path &path, std::string_view content, const WriteOptions &options)
{
    const fs::path dir = path.parent_path();
    struct stat original{};
    const bool exists = ::stat(path.c_str(), &original) == 0;
    if (!exists && errno != ENOENT)
        ioError("cannot stat", path, errno);
    if (exists && !S_ISREG(original.st_mode))
        throw HelperError(protocol::error::kIo, path.string() + " is not a regular file");

    const uid_t uid = exists ? original.st_uid : options.newFileOwner.value_or(::geteuid());
    const gid_t gid = exists ? original.st_gid : options.newFileGroup.value_or(::getegid());
    const mode_t mode = exists ? original.st_mode : options.newFileMode;

    if (exists && options.keepBackup && !backupByLink(path)) {
        const auto previous = options.currentContent ? std::nullopt : readFileIfExists(path);
        TempFile backup(path);
        backup.setOwnerAndMode(uid, gid, mode);
        backup.write(options.currentContent ? *options.currentContent : std::string_view(previous.value_or(std::string())));
        backup.keepTimes(original);
        backup.renameTo(path.string() + "-");
    }

    TempFile temp(path);
    temp.setOwnerAndMode(uid, gid, mode);
    temp.write(content);
    temp.renameTo(path);
    syncDirectory(dir.empty() ? fs::path(".") : dir);
}

void removeStaleTempFiles(const fs::path &path)
{
    const std::string prefix = path.filename().string() + std::string(kTempInfix);
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(path.parent_path(), ec)) {
        const std::string name = entry.path().filename().string();
        if (name.size() == prefix.size() + kTempSuffixLength && name.starts_with(prefix)
            && entry.is_regular_file(ec))
            fs::remove(entry.path(), ec);
    }
}

} // namespace podbay::helper::sysfile
