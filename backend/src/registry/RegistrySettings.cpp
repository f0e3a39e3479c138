#include "RegistrySettings.h"

#include "HelperError.h"
#include "config/HelperConf.h"
#include "registry/DistributionConfig.h"
#include "sysfile/AtomicFile.h"
#include "validate/Names.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>

namespace podbay::helper::registry {
namespace {

constexpr std::string_view kSection = "registry";

bool safeChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
        || c == '/' || c == '+' || c == '-';
}

std::string checkedPath(const std::string &path, const std::string &origin, std::string_view code,
                        const std::string &hint)
{
    if (const auto why = unsafePathReason(path))
        throw HelperError(code, origin + " '" + path + "' " + *why, hint);
    return path;
}

} // namespace

std::optional<std::string> unsafePathReason(std::string_view path)
{
    if (path.empty() || path.front() != '/')
        return "must be an absolute path";
    if (!std::ranges::all_of(path, safeChar))
        return "may only contain letters, digits and . _ / + - (it goes into YAML and systemd units unquoted)";
    if (path == "/")
        return "must not be the root directory";
    if (path.back() == '/' || path.find("//") != std::string_view::npos)
        return "must not end in / or contain //";
    for (std::size_t pos = 0; pos != std::string_view::npos;) {
        const std::size_t next = path.find('/', pos + 1);
        const std::string_view part = path.substr(pos + 1, next == std::string_view::npos ? next : next - pos - 1);
        if (part == "." || part == "..")
            return "must not contain . or .. components";
        pos = next;
    }
    return std::nullopt;
}

RegistrySettings resolveRegistrySettings(const CommandContext &ctx, const RegistryOptions &options)
{
    RegistrySettings s;
    const config::HelperConf conf = config::loadHelperConf(ctx);
    const config::IniFile &ini = conf.ini;
    s.warnings = conf.warnings;
    const std::string confHint = "fix [registry] in " + ini.source() + " (docs/helper-conf.md)";

    if (const auto user = ini.string(kSection, "user")) {
        try {
            validate::checkUserName(*user);
        } catch (const HelperError &e) {
            throw HelperError(protocol::error::kBadInput, ini.source() + ": [registry] user: " + e.what(), confHint);
        }
        s.user = *user;
    }
    if (const auto uid = ini.integer(kSection, "uid", 1, 4294967294ULL))
        s.uid = static_cast<std::uint32_t>(*uid);
    if (const auto config = ini.string(kSection, "config"))
        s.config = checkedPath(*config, ini.source() + ": [registry] config", protocol::error::kBadInput, confHint);
    if (const auto binary = ini.string(kSection, "binary")) {
        if (binary->empty() || !std::ranges::all_of(*binary, safeChar))
            throw HelperError(protocol::error::kBadInput, ini.source() + ": [registry] binary '" + *binary
                                                              + "' must be a program name or an absolute path",
                              confHint);
        s.binary = *binary;
    }
    if (const auto image = ini.string(kSection, "image")) {
        if (image->empty() || !std::ranges::all_of(*image, [](char c) { return safeChar(c) || c == ':' || c == '@'; }))
            throw HelperError(protocol::error::kBadInput, ini.source() + ": [registry] image '" + *image + "' is not an image reference",
                              confHint);
        s.image = *image;
    }

    // What the current distribution config says, so status/gc/run need no flags.
    const auto existing = sysfile::readFileIfExists(ctx.systemPath(s.config));
    const DistributionConfig current = existing ? parseDistributionConfig(*existing) : DistributionConfig{};

    if (options.storage) {
        s.storage = checkedPath(*options.storage, "--storage", protocol::error::kUsage,
                                "example: --storage /srv/registry (an absolute path on a local disk)");
    } else if (const auto storage = ini.string(kSection, "storage")) {
        s.storage = checkedPath(*storage, ini.source() + ": [registry] storage", protocol::error::kBadInput, confHint);
    } else if (current.rootDirectory) {
        s.storage = *current.rootDirectory;
    }

    const auto listenFrom = [&](const std::string &text, const std::string &origin, std::string_view code,
                                const std::string &hint) {
        const auto address = parseListenAddress(text);
        if (!address)
            throw HelperError(code, origin + " '" + text + "' is not ADDR:PORT (an IPv4 address, [IPv6] or localhost, and a port 1-65535)",
                              hint);
        return *address;
    };
    if (options.listen)
        s.listen = listenFrom(*options.listen, "--listen", protocol::error::kUsage,
                              "example: --listen 127.0.0.1:5000 or --listen [::1]:5000");
    else if (const auto listen = ini.string(kSection, "listen"))
        s.listen = listenFrom(*listen, ini.source() + ": [registry] listen", protocol::error::kBadInput, confHint);
    else if (current.addr && parseListenAddress(*current.addr))
        s.listen = *parseListenAddress(*current.addr);
    return s;
}

} // namespace podbay::helper::registry
