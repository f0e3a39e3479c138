#pragma once
// Image references as the OCI distribution grammar defines them
// (distribution/reference, regexp.go; the OCI distribution spec's <name> rules):
//   reference := name [":" tag] ["@" digest]
//   name      := [domain "/"] path-component ("/" path-component)*
// Everything a user types as an image passes through parseImageReference before
// it reaches podman, skopeo or the registry API.

#include <string>
#include <string_view>

namespace podbay::helper::validate {

struct ImageReference
{
    std::string domain; // "" when none was given (podman then uses its search registries)
    std::string path;   // "library/busybox"
    std::string tag;    // "" when none was given
    std::string digest; // "sha256:..." or ""

    // domain/path[:tag][@digest], as given.
    std::string toString() const;
    // domain/path (no tag or digest).
    std::string repository() const;
};

// Throws HelperError(E_BAD_NAME) with a hint naming the rule that failed.
ImageReference parseImageReference(std::string_view text);

// One path component or a tag, on its own (for names the user picks when pushing).
void checkPathComponent(std::string_view component, std::string_view what);
void checkTag(std::string_view tag);

} // namespace podbay::helper::validate
