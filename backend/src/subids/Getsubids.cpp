#include "Getsubids.h"

#include "HelperError.h"
#include "config/Numbers.h"
#include "process/Subprocess.h"

#include <podbay/protocol/Protocol.h>

#include <sstream>

namespace podbay::helper::subids {

std::vector<SubidEntry> parseGetsubidsOutput(std::string_view output)
{
    std::vector<SubidEntry> entries;
    std::istringstream in{std::string(output)};
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty())
            continue;
        std::istringstream words(line);
        std::string index, owner, start, count, extra;
        words >> index >> owner >> start >> count;
        const auto s = config::parseUnsigned(start, 0, kMaxFieldValue);
        const auto c = config::parseUnsigned(count, 0, kMaxFieldValue);
        if (index.empty() || index.back() != ':' || owner.empty() || !s || !c || (words >> extra))
            throw HelperError(protocol::error::kBadInput, "unexpected getsubids output: '" + line + "'",
                              "expected lines like '0: alice 100000 65536'");
        entries.push_back({owner, *s, *c});
    }
    return entries;
}

std::vector<SubidEntry> queryGetsubids(const std::string &tool, const std::string &user, bool groups)
{
    std::vector<std::string> argv{tool};
    if (groups)
        argv.emplace_back("-g");
    argv.push_back(user);
    process::SubprocessOptions options;
    options.timeout = std::chrono::seconds(30);
    const auto result = process::runSubprocess(argv, options);
    if (result.succeeded())
        return parseGetsubidsOutput(result.out);
    if (result.exitCode == 1)
        return {}; // no ranges for this user
    throw HelperError(protocol::error::kIo, tool + " " + user + " failed: " + result.describe() + ": " + result.err,
                      "check the subid source named in /etc/nsswitch.conf (e.g. sssd)");
}

} // namespace podbay::helper::subids
