#include "Names.h"

#include "HelperError.h"
#include "ImageReference.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>
#include <cctype>

namespace podbay::helper::validate {
namespace {

bool asciiAlnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string printable(std::string_view s)
{
    std::string out(s.substr(0, 64));
    std::replace_if(out.begin(), out.end(), [](char c) { return c < 0x20 || c == 0x7f; }, '?');
    return out;
}

} // namespace

void checkContainerName(std::string_view name)
{
    const bool ok = !name.empty() && name.size() <= 64 && asciiAlnum(name.front())
                    && std::all_of(name.begin(), name.end(),
                                   [](char c) { return asciiAlnum(c) || c == '_' || c == '.' || c == '-'; });
    if (!ok)
        throw HelperError(protocol::error::kBadName, "'" + printable(name) + "' is not a valid container name",
                          "use up to 64 letters, digits, _ . - starting with a letter or digit");
}

void checkUserName(std::string_view name)
{
    std::string_view body = name;
    if (!body.empty() && body.back() == '$')
        body.remove_suffix(1);
    const bool ok = !body.empty() && name.size() <= 32 && (asciiAlnum(body.front()) || body.front() == '_')
                    && std::all_of(body.begin(), body.end(),
                                   [](char c) { return asciiAlnum(c) || c == '_' || c == '.' || c == '-'; });
    if (!ok)
        throw HelperError(protocol::error::kBadName, "'" + printable(name) + "' is not a valid user name",
                          "user names are up to 32 letters, digits, _ . - and do not start with - or .");
}

std::string registryNamespace(std::string_view primaryGroup, std::string_view user)
{
    std::string ns;
    for (const char c : primaryGroup) {
        if (c == ' ' || c == '/')
            ns += '-';
        else if (asciiAlnum(c) || c == '-' || c == '_' || c == '.')
            ns += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    // Separators may not lead, trail or repeat in ways the grammar forbids: trim
    // them, then fall back to the user name if the result still does not parse.
    while (!ns.empty() && !asciiAlnum(ns.front()))
        ns.erase(ns.begin());
    while (!ns.empty() && !asciiAlnum(ns.back()))
        ns.pop_back();
    try {
        checkPathComponent(ns, "namespace");
        return ns;
    } catch (const HelperError &) {
    }
    std::string fallback;
    for (const char c : user)
        fallback += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    checkPathComponent(fallback, "namespace");
    return fallback;
}

} // namespace podbay::helper::validate
