// Image references and names (validate/ImageReference.h, validate/Names.h): everything a
// user types as an image, container, account or tag. Any bytes are accepted or refused with
// HelperError; an accepted reference prints back to text that parses to the same parts.

#include "FuzzInput.h"

#include "HelperError.h"
#include "validate/ImageReference.h"
#include "validate/Names.h"

using namespace podbay::helper;

namespace {

template <typename F>
void refusedOrAccepted(F &&check)
{
    try {
        check();
    } catch (const HelperError &) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text = podbay::fuzz::asText(data, size);
    try {
        const validate::ImageReference ref = validate::parseImageReference(text);
        const validate::ImageReference again = validate::parseImageReference(ref.toString());
        if (again.domain != ref.domain || again.path != ref.path || again.tag != ref.tag || again.digest != ref.digest)
            podbay::fuzz::broken("an image reference does not survive toString()");
        (void)validate::parseImageReference(ref.repository());
    } catch (const HelperError &) {
    }
    refusedOrAccepted([&] { validate::checkPathComponent(text, "name"); });
    refusedOrAccepted([&] { validate::checkTag(text); });
    refusedOrAccepted([&] { validate::checkContainerName(text); });
    refusedOrAccepted([&] { validate::checkUserName(text); });
    // A namespace it returns is a valid path component, whatever the group is called
    // (it throws only when the user name is no valid component either).
    const auto parts = podbay::fuzz::split(text, "\n", 2);
    std::string ns;
    try {
        ns = validate::registryNamespace(parts[0], parts.size() > 1 ? parts[1] : "alice");
    } catch (const HelperError &) {
        return 0;
    }
    try {
        validate::checkPathComponent(ns, "namespace");
    } catch (const HelperError &) {
        podbay::fuzz::broken("registryNamespace() returned an invalid path component");
    }
    return 0;
}
