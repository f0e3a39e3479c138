#pragma once
// Reordering the server lists of /etc/sssd/sssd.conf (sssd.conf(5), sssd-ldap(5),
// sssd-ad(5), sssd-ipa(5)) per host, so the login nodes of a cluster spread over the
// directory servers instead of all asking the first one. In each [domain/NAME] section the
// comma-separated values of ldap_uri, ad_server and ipa_server (key names compared without
// case, as the site script did) get the order ServerOrder.h derives from the host name and
// the section. Only the server names move: the key's spelling, the spaces around '=' and
// after each comma, comments, blank lines and CRLF line ends stay byte for byte.
// `_srv_` (DNS service discovery) and empty items keep their place.

#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::ldap {

struct ServerList
{
    std::string section; // "domain/example.com"
    std::string key;     // as spelled in the file
    int line = 0;
    std::vector<std::string> before;
    std::vector<std::string> after;
    bool changed() const { return before != after; }
};

struct ServerShuffle
{
    std::string text;
    std::vector<ServerList> lists;
    std::vector<std::string> notes; // values left alone, and why
};

ServerShuffle shuffleServers(std::string_view text, std::string_view hostname);

} // namespace podbay::helper::ldap
