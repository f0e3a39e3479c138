#pragma once
// The lock that shadow-utils takes on /etc/passwd, /etc/subuid, ... (lib/commonio.c,
// do_lock_file): the PID is written to a unique file `FILE.PID`, which is hard-linked to
// `FILE.lock`; link(2) fails with EEXIST while someone else holds it. A lock whose PID is
// no longer alive is stale and is removed, as shadow does. Taking the same lock as
// useradd/usermod means `usermod --add-subuids` and the helper cannot interleave.

#include <chrono>
#include <filesystem>
#include <sys/types.h>

namespace podbay::helper::sysfile {

struct LockOptions
{
    // How long to keep trying while a live process holds the lock. shadow's own
    // commonio_lock tries 15 times a second apart; usermod holds it for milliseconds.
    std::chrono::milliseconds timeout{std::chrono::seconds(5)};
    std::chrono::milliseconds retryDelay{50};
};

class ShadowLock
{
public:
    // Locks `file` (e.g. /etc/subuid -> /etc/subuid.lock). Throws HelperError E_LOCKED when
    // a live process keeps it past the timeout or the lock file holds no valid PID, E_IO
    // when the lock cannot be written at all.
    static ShadowLock acquire(const std::filesystem::path &file, const LockOptions &options = {});

    ShadowLock(ShadowLock &&other) noexcept;
    ShadowLock &operator=(ShadowLock &&other) noexcept;
    ShadowLock(const ShadowLock &) = delete;
    ShadowLock &operator=(const ShadowLock &) = delete;
    ~ShadowLock();

    const std::filesystem::path &lockPath() const { return m_lockPath; }
    void release();

private:
    explicit ShadowLock(std::filesystem::path lockPath) : m_lockPath(std::move(lockPath)) {}
    std::filesystem::path m_lockPath;
};

// "FILE.lock" for FILE.
std::filesystem::path lockPathFor(const std::filesystem::path &file);

} // namespace podbay::helper::sysfile
