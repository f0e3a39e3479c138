#include "Nsswitch.h"

#include "config/TextLines.h"
#include "sysfile/AtomicFile.h"

namespace podbay::helper::subids {

SubidSource parseSubidSource(std::string_view text)
{
    SubidSource source;
    config::forEachLine(text, [&](std::string_view line, int lineNumber) {
        line = line.substr(0, line.find('#'));
        const std::size_t start = line.find_first_not_of(" \t");
        if (start == std::string_view::npos || !line.substr(start).starts_with("subid:"))
            return;
        std::string_view rest = line.substr(start + 6);
        const std::size_t word = rest.find_first_not_of(" \t\r");
        if (word == std::string_view::npos)
            return; // an empty subid: line means the default, files
        rest = rest.substr(word);
        source.name = std::string(rest.substr(0, rest.find_first_of(" \t\r")));
        source.line = lineNumber;
    });
    return source;
}

SubidSource readSubidSource(const std::filesystem::path &nsswitchConf)
{
    return parseSubidSource(sysfile::readFileIfExists(nsswitchConf).value_or(std::string()));
}

} // namespace podbay::helper::subids
