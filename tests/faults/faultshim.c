// Test-only LD_PRELOAD shim: numbers every file-system step a process takes under one
// directory tree and stops the process (SIGSTOP) just before step N, so a test can kill -9
// it at exactly that point, every time at the same one (tst_faults_sysfile).
//
// Environment (read once at load, then removed so that children do not inherit the shim):
//   PODBAY_FAULT_ROOT  only paths starting with this prefix count (the fixture sysroot)
//   PODBAY_FAULT_AT    1-based step before which to raise(SIGSTOP); 0 or unset: never
//   PODBAY_FAULT_LOG   file that gets one line per step: "N<TAB>call<TAB>path"
//
// A step is one call that changes the tree or a file being written in it: open for
// writing, mkstemp, write, fsync (of files and of directories), fchown, fchmod, futimens,
// close of a written file, rename, link, symlink, unlink, mkdir, rmdir, chmod. Reads do
// not count. Calls glibc makes internally (e.g. the open inside mkostemp) do not pass
// through the PLT and are covered by the outer call. The helper's code calls these
// functions directly or through libstdc++ (std::filesystem), both through the PLT.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#define MAX_FDS 4096

static char g_root[PATH_MAX];
static size_t g_rootLength;
static long g_stopAt;
static long g_step;
static int g_logFd = -1;
// Per descriptor: 0 not ours, 1 a file being written under the root, 2 a directory there.
static unsigned char g_kind[MAX_FDS];
static char *g_path[MAX_FDS];

__attribute__((constructor)) static void faultshimInit(void)
{
    const char *root = getenv("PODBAY_FAULT_ROOT");
    const char *at = getenv("PODBAY_FAULT_AT");
    const char *log = getenv("PODBAY_FAULT_LOG");
    if (root && strlen(root) < sizeof g_root) {
        strcpy(g_root, root);
        g_rootLength = strlen(g_root);
    }
    g_stopAt = at ? strtol(at, NULL, 10) : 0;
    if (log)
        g_logFd = (int)syscall(SYS_openat, AT_FDCWD, log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    // Only this process: the helper's children (useradd, ldconfig, ...) run unhooked.
    unsetenv("LD_PRELOAD");
    unsetenv("PODBAY_FAULT_ROOT");
    unsetenv("PODBAY_FAULT_AT");
    unsetenv("PODBAY_FAULT_LOG");
}

static int underRoot(const char *path)
{
    return g_rootLength > 0 && path && strncmp(path, g_root, g_rootLength) == 0
        && (path[g_rootLength] == '/' || path[g_rootLength] == '\0');
}

static int trackedFd(int fd)
{
    return fd >= 0 && fd < MAX_FDS && g_kind[fd] != 0;
}

// Counts one step, logs it, and stops the process if it is the chosen one.
static void step(const char *call, const char *path)
{
    const long n = __atomic_add_fetch(&g_step, 1, __ATOMIC_SEQ_CST);
    if (g_logFd >= 0) {
        char line[PATH_MAX + 64];
        const int len = snprintf(line, sizeof line, "%ld\t%s\t%s\n", n, call, path ? path : "");
        if (len > 0)
            syscall(SYS_write, g_logFd, line, (size_t)(len < (int)sizeof line ? len : (int)sizeof line - 1));
    }
    if (n == g_stopAt)
        raise(SIGSTOP); // the test sees the stop (waitpid WUNTRACED) and sends SIGKILL
}

static void track(int fd, const char *path, unsigned char kind)
{
    if (fd < 0 || fd >= MAX_FDS)
        return;
    free(g_path[fd]);
    g_path[fd] = strdup(path);
    g_kind[fd] = kind;
}

static void untrack(int fd)
{
    if (fd < 0 || fd >= MAX_FDS)
        return;
    free(g_path[fd]);
    g_path[fd] = NULL;
    g_kind[fd] = 0;
}

#define NEXT(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

static int writes(int flags)
{
    return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) != 0;
}

static int openCommon(const char *call, int dirfd, const char *path, int flags, mode_t mode)
{
    static int (*real)(int, const char *, int, ...);
    if (!real)
        real = (int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, "openat");
    const int ours = (dirfd == AT_FDCWD || path[0] == '/') && underRoot(path);
    if (ours && writes(flags))
        step(call, path);
    const int fd = real(dirfd, path, flags, mode);
    if (ours && fd >= 0)
        track(fd, path, writes(flags) ? 1 : (flags & O_DIRECTORY) ? 2 : 0);
    return fd;
}

static mode_t modeArg(int flags, va_list ap)
{
    return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = modeArg(flags, ap);
    va_end(ap);
    return openCommon("open", AT_FDCWD, path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = modeArg(flags, ap);
    va_end(ap);
    return openCommon("open", AT_FDCWD, path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = modeArg(flags, ap);
    va_end(ap);
    return openCommon("open", dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = modeArg(flags, ap);
    va_end(ap);
    return openCommon("open", dirfd, path, flags, mode);
}

int creat(const char *path, mode_t mode)
{
    return openCommon("open", AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

static int tempCommon(char *templ, int flags, int suffixLength, int withFlags)
{
    const int ours = underRoot(templ);
    if (ours)
        step("mkstemp", templ);
    int fd;
    if (withFlags) {
        static int (*real)(char *, int, int);
        if (!real)
            real = (int (*)(char *, int, int))dlsym(RTLD_NEXT, "mkostemps");
        fd = real(templ, suffixLength, flags);
    } else {
        static int (*real)(char *, int);
        if (!real)
            real = (int (*)(char *, int))dlsym(RTLD_NEXT, "mkstemps");
        fd = real(templ, suffixLength);
    }
    if (ours && fd >= 0)
        track(fd, templ, 1);
    return fd;
}

int mkstemp(char *templ) { return tempCommon(templ, 0, 0, 0); }
int mkstemp64(char *templ) { return tempCommon(templ, 0, 0, 0); }
int mkostemp(char *templ, int flags) { return tempCommon(templ, flags, 0, 1); }
int mkostemp64(char *templ, int flags) { return tempCommon(templ, flags, 0, 1); }
int mkstemps(char *templ, int suffixLength) { return tempCommon(templ, 0, suffixLength, 0); }
int mkostemps(char *templ, int suffixLength, int flags) { return tempCommon(templ, flags, suffixLength, 1); }

ssize_t write(int fd, const void *buf, size_t count)
{
    if (trackedFd(fd) && g_kind[fd] == 1)
        step("write", g_path[fd]);
    return NEXT(write)(fd, buf, count);
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)
{
    if (trackedFd(fd) && g_kind[fd] == 1)
        step("write", g_path[fd]);
    return NEXT(pwrite)(fd, buf, count, offset);
}

ssize_t writev(int fd, const struct iovec *iov, int count)
{
    if (trackedFd(fd) && g_kind[fd] == 1)
        step("write", g_path[fd]);
    return NEXT(writev)(fd, iov, count);
}

int fsync(int fd)
{
    if (trackedFd(fd))
        step(g_kind[fd] == 2 ? "fsync-dir" : "fsync", g_path[fd]);
    return NEXT(fsync)(fd);
}

int fdatasync(int fd)
{
    if (trackedFd(fd))
        step(g_kind[fd] == 2 ? "fsync-dir" : "fdatasync", g_path[fd]);
    return NEXT(fdatasync)(fd);
}

int fchown(int fd, uid_t uid, gid_t gid)
{
    if (trackedFd(fd))
        step("fchown", g_path[fd]);
    return NEXT(fchown)(fd, uid, gid);
}

int fchmod(int fd, mode_t mode)
{
    if (trackedFd(fd))
        step("fchmod", g_path[fd]);
    return NEXT(fchmod)(fd, mode);
}

int futimens(int fd, const struct timespec times[2])
{
    if (trackedFd(fd))
        step("futimens", g_path[fd]);
    return NEXT(futimens)(fd, times);
}

int close(int fd)
{
    if (trackedFd(fd)) {
        if (g_kind[fd] == 1)
            step("close", g_path[fd]);
        untrack(fd);
    }
    return NEXT(close)(fd);
}

int rename(const char *from, const char *to)
{
    if (underRoot(from) || underRoot(to))
        step("rename", to);
    return NEXT(rename)(from, to);
}

int renameat(int fromDir, const char *from, int toDir, const char *to)
{
    if (underRoot(from) || underRoot(to))
        step("rename", to);
    return NEXT(renameat)(fromDir, from, toDir, to);
}

int renameat2(int fromDir, const char *from, int toDir, const char *to, unsigned int flags)
{
    if (underRoot(from) || underRoot(to))
        step("rename", to);
    return NEXT(renameat2)(fromDir, from, toDir, to, flags);
}

int link(const char *from, const char *to)
{
    if (underRoot(to))
        step("link", to);
    return NEXT(link)(from, to);
}

int linkat(int fromDir, const char *from, int toDir, const char *to, int flags)
{
    if (underRoot(to))
        step("link", to);
    return NEXT(linkat)(fromDir, from, toDir, to, flags);
}

int symlink(const char *target, const char *path)
{
    if (underRoot(path))
        step("symlink", path);
    return NEXT(symlink)(target, path);
}

int symlinkat(const char *target, int dir, const char *path)
{
    if (underRoot(path))
        step("symlink", path);
    return NEXT(symlinkat)(target, dir, path);
}

int unlink(const char *path)
{
    if (underRoot(path))
        step("unlink", path);
    return NEXT(unlink)(path);
}

int unlinkat(int dir, const char *path, int flags)
{
    if (underRoot(path))
        step("unlink", path);
    return NEXT(unlinkat)(dir, path, flags);
}

int remove(const char *path)
{
    if (underRoot(path))
        step("unlink", path);
    return NEXT(remove)(path);
}

int mkdir(const char *path, mode_t mode)
{
    if (underRoot(path))
        step("mkdir", path);
    return NEXT(mkdir)(path, mode);
}

int rmdir(const char *path)
{
    if (underRoot(path))
        step("rmdir", path);
    return NEXT(rmdir)(path);
}

int chmod(const char *path, mode_t mode)
{
    if (underRoot(path))
        step("chmod", path);
    return NEXT(chmod)(path, mode);
}

int chown(const char *path, uid_t uid, gid_t gid)
{
    if (underRoot(path))
        step("chown", path);
    return NEXT(chown)(path, uid, gid);
}

int lchown(const char *path, uid_t uid, gid_t gid)
{
    if (underRoot(path))
        step("chown", path);
    return NEXT(lchown)(path, uid, gid);
}
