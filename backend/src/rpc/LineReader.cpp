#include "LineReader.h"

#include <cerrno>
#include <unistd.h>

namespace podbay::helper::rpc {

LineReader::LineReader(int fd, std::size_t maxLine)
    : m_fd(fd)
    , m_maxLine(maxLine)
{
}

bool LineReader::fill()
{
    if (m_start > 0) {
        m_buffer.erase(0, m_start);
        m_start = 0;
    }
    char chunk[65536];
    for (;;) {
        const ssize_t n = ::read(m_fd, chunk, sizeof chunk);
        if (n > 0) {
            m_buffer.append(chunk, static_cast<std::size_t>(n));
            return true;
        }
        if (n == 0) {
            m_eof = true;
            return false;
        }
        if (errno != EINTR)
            return false;
    }
}

LineReader::Status LineReader::next(std::string &line)
{
    bool discarding = false;
    for (;;) {
        const std::size_t newline = m_buffer.find('\n', m_start);
        if (newline != std::string::npos) {
            const std::size_t length = newline - m_start;
            const bool tooLong = discarding || length > m_maxLine;
            if (!tooLong)
                line.assign(m_buffer, m_start, length);
            m_start = newline + 1;
            return tooLong ? Status::Oversize : Status::Line;
        }
        if (m_buffer.size() - m_start > m_maxLine) {
            // Drop what we hold of the oversize frame and keep reading to its end.
            discarding = true;
            m_buffer.clear();
            m_start = 0;
        }
        if (!m_eof && fill())
            continue;
        if (!m_eof)
            return Status::Error;
        // End of input: a last frame without its newline still counts.
        std::string rest = m_buffer.substr(m_start);
        m_buffer.clear();
        m_start = 0;
        if (discarding)
            return Status::Oversize;
        if (rest.empty())
            return Status::Eof;
        line = std::move(rest);
        return Status::Line;
    }
}

} // namespace podbay::helper::rpc
