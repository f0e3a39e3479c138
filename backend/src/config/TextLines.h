#pragma once
// Walking a text file line by line with 1-based line numbers, for every line-oriented
// format the helper reads (helper.conf, login.defs, nsswitch.conf, passwd, subuid).

#include <string>
#include <string_view>

namespace podbay::helper::config {

// Calls f(line, number) for each line without its '\n'; a final line without newline counts.
template <typename F>
void forEachLine(std::string_view text, F &&f)
{
    int number = 0;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        f(text.substr(0, end), ++number);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    }
}

// The last non-empty line ("Error: ..." a tool printed last), without its line end: for
// one-line error reports.
inline std::string lastLine(std::string_view text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.remove_suffix(1);
    const std::size_t nl = text.rfind('\n');
    return std::string(nl == std::string_view::npos ? text : text.substr(nl + 1));
}

} // namespace podbay::helper::config
