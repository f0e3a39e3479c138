// The sssd.conf editor (ldap/SssdServers.h, sssd.conf(5)): per-host order of ldap_uri,
// ad_server and ipa_server. Any bytes as the file are reordered without losing or adding a
// byte outside the moved server names, and reordering is deterministic.
// Input: the host name on the first line, then the file.

#include "FuzzInput.h"

#include "HelperError.h"
#include "ldap/SssdServers.h"

#include <algorithm>
#include <string>

using namespace podbay::helper;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    std::string_view text = podbay::fuzz::asText(data, size);
    const std::string_view hostname = podbay::fuzz::takeLine(text);
    try {
        const ldap::ServerShuffle shuffle = ldap::shuffleServers(text, hostname);
        if (shuffle.text.size() != text.size())
            podbay::fuzz::broken("reordering changed the file's length");
        std::string before(text), after(shuffle.text);
        std::ranges::sort(before);
        std::ranges::sort(after);
        if (before != after)
            podbay::fuzz::broken("reordering changed bytes, not only their order");
        for (const ldap::ServerList &list : shuffle.lists) {
            auto a = list.before, b = list.after;
            std::ranges::sort(a);
            std::ranges::sort(b);
            if (a != b)
                podbay::fuzz::broken("a server list lost or gained a server");
        }
        if (ldap::shuffleServers(text, hostname).text != shuffle.text)
            podbay::fuzz::broken("the same host got two orders");
    } catch (const HelperError &) {
    }
    return 0;
}
