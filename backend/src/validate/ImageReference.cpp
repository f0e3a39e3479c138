#include "ImageReference.h"

#include "HelperError.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>

namespace podbay::helper::validate {
namespace {

// distribution/reference: NameTotalLengthMax = 255; tags are at most 128.
constexpr std::size_t kMaxName = 255;
constexpr std::size_t kMaxTag = 128;
constexpr std::size_t kMaxReference = 512;

[[noreturn]] void bad(std::string_view text, const std::string &why)
{
    std::string shown(text.substr(0, 80));
    std::replace_if(shown.begin(), shown.end(), [](char c) { return c < 0x20 || c == 0x7f; }, '?');
    throw HelperError(protocol::error::kBadName, "'" + shown + "' is not a valid image name: " + why,
                      "use names like registry.example.org:5000/team/image:tag (lower-case letters, digits, "
                      "and . _ - between them)");
}

bool lowerAlnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool alnum(char c)
{
    return lowerAlnum(c) || (c >= 'A' && c <= 'Z');
}

// path-component := alpha-numeric (separator alpha-numeric)*
// separator      := [_.] | "__" | "-"+
bool validPathComponent(std::string_view s)
{
    if (s.empty() || !lowerAlnum(s.front()) || !lowerAlnum(s.back()))
        return false;
    for (std::size_t i = 0; i < s.size();) {
        if (lowerAlnum(s[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < s.size() && !lowerAlnum(s[j]))
            ++j;
        const std::string_view sep = s.substr(i, j - i);
        const bool ok = sep == "_" || sep == "." || sep == "__"
                        || std::all_of(sep.begin(), sep.end(), [](char c) { return c == '-'; });
        if (!ok)
            return false;
        i = j;
    }
    return true;
}

// domain-component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
bool validDomainComponent(std::string_view s)
{
    if (s.empty() || !alnum(s.front()) || !alnum(s.back()))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return alnum(c) || c == '-'; });
}

bool validDomain(std::string_view s)
{
    std::string_view host = s;
    if (const auto colon = s.rfind(':'); colon != std::string_view::npos) {
        const std::string_view port = s.substr(colon + 1);
        if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return false;
        host = s.substr(0, colon);
    }
    while (!host.empty()) {
        const auto dot = host.find('.');
        if (!validDomainComponent(host.substr(0, dot)))
            return false;
        host = dot == std::string_view::npos ? std::string_view() : host.substr(dot + 1);
        if (dot != std::string_view::npos && host.empty())
            return false;
    }
    return !s.empty();
}

// tag := [\w][\w.-]{0,127}
bool validTag(std::string_view s)
{
    const auto word = [](char c) { return alnum(c) || c == '_'; };
    return !s.empty() && s.size() <= kMaxTag && word(s.front())
           && std::all_of(s.begin(), s.end(), [&](char c) { return word(c) || c == '.' || c == '-'; });
}

// digest := algorithm ":" hex{32,}; we accept sha256 and sha512 (OCI image spec).
bool validDigest(std::string_view s)
{
    const auto colon = s.find(':');
    if (colon == std::string_view::npos)
        return false;
    const std::string_view algorithm = s.substr(0, colon);
    const std::string_view hex = s.substr(colon + 1);
    const std::size_t want = algorithm == "sha256" ? 64 : algorithm == "sha512" ? 128 : 0;
    return want && hex.size() == want
           && std::all_of(hex.begin(), hex.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

} // namespace

std::string ImageReference::repository() const
{
    return domain.empty() ? path : domain + "/" + path;
}

std::string ImageReference::toString() const
{
    std::string s = repository();
    if (!tag.empty())
        s += ":" + tag;
    if (!digest.empty())
        s += "@" + digest;
    return s;
}

ImageReference parseImageReference(std::string_view text)
{
    if (text.empty())
        bad(text, "it is empty");
    if (text.size() > kMaxReference)
        bad(text, "it is longer than " + std::to_string(kMaxReference) + " characters");
    ImageReference ref;
    std::string_view rest = text;
    if (const auto at = rest.find('@'); at != std::string_view::npos) {
        ref.digest = rest.substr(at + 1);
        rest = rest.substr(0, at);
        if (!validDigest(ref.digest))
            bad(text, "the digest must be sha256:<64 hex> or sha512:<128 hex>");
    }
    // A tag follows the last ':' only if no '/' comes after it (else it is a port).
    if (const auto colon = rest.rfind(':'); colon != std::string_view::npos && rest.find('/', colon) == std::string_view::npos) {
        ref.tag = rest.substr(colon + 1);
        rest = rest.substr(0, colon);
        if (!validTag(ref.tag))
            bad(text, "a tag is 1-128 letters, digits, _ . - and must not start with . or -");
    }
    if (rest.size() > kMaxName)
        bad(text, "the name is longer than 255 characters");
    // The first component is a registry when it looks like a host: it has a '.' or
    // a ':' or is "localhost" (the rule podman and docker share).
    if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
        const std::string_view first = rest.substr(0, slash);
        if (first.find_first_of(".:") != std::string_view::npos || first == "localhost") {
            if (!validDomain(first))
                bad(text, "'" + std::string(first) + "' is not a valid registry host[:port]");
            ref.domain = first;
            rest = rest.substr(slash + 1);
        }
    }
    if (rest.empty())
        bad(text, "the repository path is empty");
    ref.path = rest;
    while (!rest.empty()) {
        const auto slash = rest.find('/');
        if (!validPathComponent(rest.substr(0, slash)))
            bad(text, "each part of the path must be lower-case letters and digits, joined by . _ __ or -");
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
        if (slash != std::string_view::npos && rest.empty())
            bad(text, "the path must not end with '/'");
    }
    return ref;
}

void checkPathComponent(std::string_view component, std::string_view what)
{
    if (component.size() > kMaxName || !validPathComponent(component))
        throw HelperError(protocol::error::kBadName,
                          "'" + std::string(component.substr(0, 80)) + "' is not a valid " + std::string(what),
                          "use lower-case letters and digits, joined by . _ or -");
}

void checkTag(std::string_view tag)
{
    if (!validTag(tag))
        throw HelperError(protocol::error::kBadName, "'" + std::string(tag.substr(0, 80)) + "' is not a valid tag",
                          "a tag is 1-128 letters, digits, _ . - and must not start with . or -");
}

} // namespace podbay::helper::validate
