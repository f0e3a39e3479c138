#pragma once
// Newline-delimited frames from a file descriptor with a hard size limit, so a
// client cannot make the helper buffer without bound (architecture.md, "Helper
// protocol": frames over a size limit are refused).

#include <cstddef>
#include <string>

namespace podbay::helper::rpc {

class LineReader
{
public:
    enum class Status { Line, Oversize, Eof, Error };

    LineReader(int fd, std::size_t maxLine);

    // Next frame without its '\n'. Oversize: the frame was longer than maxLine;
    // its bytes up to the next newline are discarded and reading continues after it.
    // A last frame without a newline before EOF is returned as a Line.
    Status next(std::string &line);

private:
    bool fill();

    int m_fd;
    std::size_t m_maxLine;
    std::string m_buffer;
    std::size_t m_start = 0;
    bool m_eof = false;
};

} // namespace podbay::helper::rpc
