#include "IdMapTools.h"

#include <cstring>
#include <sys/stat.h>
#include <sys/xattr.h>

namespace podbay::helper::subids {
namespace {

// <linux/capability.h>: magic_etc holds the revision in its top byte and the effective
// flag in bit 0; data[0].permitted holds capabilities 0..31 (little endian on disk).
constexpr std::uint32_t kRevisionMask = 0xFF000000;
constexpr std::uint32_t kRevision1 = 0x01000000;
constexpr std::uint32_t kRevision2 = 0x02000000;
constexpr std::uint32_t kRevision3 = 0x03000000;
constexpr std::uint32_t kFlagEffective = 0x000001;

std::uint32_t le32(std::string_view bytes, std::size_t offset)
{
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(bytes[offset + static_cast<std::size_t>(i)]);
    return v;
}

} // namespace

std::optional<FileCaps> parseFileCaps(std::string_view xattr)
{
    if (xattr.size() < 4)
        return std::nullopt;
    const std::uint32_t magic = le32(xattr, 0);
    const std::uint32_t revision = magic & kRevisionMask;
    const std::size_t size = revision == kRevision1 ? 12 : revision == kRevision2 ? 20 : revision == kRevision3 ? 24 : 0;
    if (size == 0 || xattr.size() != size)
        return std::nullopt;
    FileCaps caps;
    caps.effective = (magic & kFlagEffective) != 0;
    caps.permitted = le32(xattr, 4);
    if (revision != kRevision1)
        caps.permitted |= static_cast<std::uint64_t>(le32(xattr, 12)) << 32;
    return caps;
}

IdMapTool inspectIdMapTool(std::string_view name, const std::filesystem::path &path, int capability)
{
    IdMapTool tool;
    tool.name = std::string(name);
    struct stat st{};
    if (path.empty() || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return tool;
    tool.path = path;
    tool.setuidRoot = st.st_uid == 0 && (st.st_mode & S_ISUID) != 0;
    char buffer[64];
    const ssize_t n = ::getxattr(path.c_str(), "security.capability", buffer, sizeof buffer);
    if (n > 0) {
        const auto caps = parseFileCaps(std::string_view(buffer, static_cast<std::size_t>(n)));
        tool.hasCapability = caps && caps->effective && (caps->permitted >> capability & 1) != 0;
    }
    return tool;
}

nlohmann::json IdMapTool::toJson() const
{
    return {{"name", name},
            {"path", path.string()},
            {"found", !path.empty()},
            {"setuid_root", setuidRoot},
            {"file_capability", hasCapability},
            {"ok", ok()}};
}

} // namespace podbay::helper::subids
