#pragma once
// A file descriptor reading the given bytes (memfd_create(2)): the helper's frame reader
// and server loop read from a real descriptor, as they do from sshd's pipe, without a
// writer thread or a pipe that fills up.

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <sys/mman.h>
#include <unistd.h>

namespace podbay::fuzz {

inline int memoryFd(std::string_view bytes)
{
    const int fd = ::memfd_create("fuzz-input", MFD_CLOEXEC);
    if (fd < 0) {
        std::perror("memfd_create");
        std::abort();
    }
    for (std::size_t done = 0; done < bytes.size();) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n <= 0) {
            std::perror("write");
            std::abort();
        }
        done += static_cast<std::size_t>(n);
    }
    ::lseek(fd, 0, SEEK_SET);
    return fd;
}

} // namespace podbay::fuzz
