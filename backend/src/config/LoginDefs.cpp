#include "LoginDefs.h"

#include "HelperError.h"
#include "Numbers.h"
#include "TextLines.h"
#include "sysfile/AtomicFile.h"

#include <podbay/protocol/Protocol.h>

namespace podbay::helper::config {

LoginDefs LoginDefs::parse(std::string_view text, std::string source)
{
    LoginDefs defs;
    defs.m_source = std::move(source);
    forEachLine(text, [&](std::string_view line, int lineNumber) {
        const std::size_t start = line.find_first_not_of(" \t");
        if (start == std::string_view::npos || line[start] == '#')
            return;
        line = line.substr(start);
        const std::size_t space = line.find_first_of(" \t");
        if (space == std::string_view::npos)
            return; // a name without value: login.defs(5) readers ignore it
        const std::string_view name = line.substr(0, space);
        std::string_view value = line.substr(space);
        value = value.substr(std::min(value.size(), value.find_first_not_of(" \t")));
        value = value.substr(0, value.find_last_not_of(" \t\r") + 1);
        // As shadow's getdef: the last setting wins.
        defs.m_values[std::string(name)] = {std::string(value), lineNumber};
    });
    return defs;
}

LoginDefs LoginDefs::load(const std::filesystem::path &path)
{
    return parse(sysfile::readFileIfExists(path).value_or(std::string()), path.string());
}

std::optional<std::uint64_t> LoginDefs::integer(std::string_view name, std::uint64_t min, std::uint64_t max) const
{
    const auto it = m_values.find(name);
    if (it == m_values.end())
        return std::nullopt;
    const auto value = parseUnsigned(it->second.first, min, max);
    if (!value)
        throw HelperError(protocol::error::kBadInput,
                          m_source + ":" + std::to_string(it->second.second) + ": " + std::string(name) + " '"
                              + it->second.first + "' must be " + boundsText(min, max),
                          "fix login.defs, or set the pool in /etc/podbay/helper.conf ([subids] pool_start, pool_end)");
    return value;
}

} // namespace podbay::helper::config
