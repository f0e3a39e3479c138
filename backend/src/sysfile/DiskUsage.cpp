#include "DiskUsage.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace podbay::helper::sysfile {
namespace {

struct Walk
{
    dev_t device = 0;
    DiskUsage usage;
    std::set<std::pair<dev_t, ino_t>> linked; // inodes with st_nlink > 1 already counted

    void count(const struct stat &st)
    {
        if (st.st_nlink > 1 && !S_ISDIR(st.st_mode) && !linked.emplace(st.st_dev, st.st_ino).second)
            return;
        usage.bytes += static_cast<std::uint64_t>(st.st_blocks) * 512;
        ++usage.entries;
    }

    // Iterative, so deep trees do not overflow the stack; directories are opened one at a
    // time (a wide tree must not hold thousands of descriptors).
    void directory(const std::string &top)
    {
        std::vector<std::string> stack{top};
        while (!stack.empty()) {
            const std::string path = std::move(stack.back());
            stack.pop_back();
            const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            DIR *dir = fd < 0 ? nullptr : ::fdopendir(fd);
            if (!dir) {
                if (fd >= 0)
                    ::close(fd);
                ++usage.unreadable;
                continue;
            }
            while (const dirent *entry = ::readdir(dir)) {
                const std::string_view name = entry->d_name;
                if (name == "." || name == "..")
                    continue;
                struct stat st{};
                if (::fstatat(::dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
                    continue;
                if (st.st_dev != device)
                    continue; // another filesystem mounted here (du -x)
                count(st);
                if (S_ISDIR(st.st_mode))
                    stack.push_back(path + "/" + entry->d_name);
            }
            ::closedir(dir);
        }
    }
};

} // namespace

DiskUsage diskUsage(const std::filesystem::path &path)
{
    Walk walk;
    struct stat st{};
    if (::lstat(path.c_str(), &st) != 0)
        return walk.usage;
    walk.usage.exists = true;
    walk.device = st.st_dev;
    walk.count(st);
    if (S_ISDIR(st.st_mode))
        walk.directory(path.string());
    return walk.usage;
}

} // namespace podbay::helper::sysfile
