#include "PodmanVersion.h"

#include "config/Numbers.h"
#include "process/HostTool.h"

namespace podbay::helper::process {

std::string Version::text() const
{
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::optional<Version> parseVersion(std::string_view text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r'))
        text.remove_suffix(1);
    // A pre-release or build suffix ("-rc2", "+dev") does not change what a version supports.
    text = text.substr(0, text.find_first_of("-+~ "));
    unsigned parts[3] = {0, 0, 0};
    int count = 0;
    while (count < 3) {
        const std::size_t dot = text.find('.');
        const auto number = config::parseUnsigned(text.substr(0, dot), 0, 1000000);
        if (!number)
            return std::nullopt;
        parts[count++] = static_cast<unsigned>(*number);
        if (dot == std::string_view::npos)
            break;
        text.remove_prefix(dot + 1);
    }
    if (count < 2)
        return std::nullopt;
    return Version{parts[0], parts[1], parts[2]};
}

std::optional<Version> podmanVersion(const CommandContext &ctx)
{
    const HostToolOutput output = hostTool(ctx, "podman-version.txt", {"podman", "version", "--format", "{{.Client.Version}}"});
    if (!output.succeeded)
        return std::nullopt;
    return parseVersion(output.out);
}

} // namespace podbay::helper::process
