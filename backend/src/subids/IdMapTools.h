#pragma once
// Whether newuidmap(1)/newgidmap(1) can do their job: rootless Podman calls them to write
// a user namespace's uid_map/gid_map, which needs CAP_SETUID/CAP_SETGID in the initial
// namespace: either setuid root, or that file capability (security.capability xattr,
// capabilities(7), struct vfs_cap_data in <linux/capability.h>).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace podbay::helper::subids {

struct FileCaps
{
    std::uint64_t permitted = 0;
    bool effective = false;
};

// Decodes a security.capability value (revision 1, 2 or 3); std::nullopt when malformed.
std::optional<FileCaps> parseFileCaps(std::string_view xattr);

struct IdMapTool
{
    std::string name;            // newuidmap
    std::filesystem::path path;  // empty when not found
    bool setuidRoot = false;
    bool hasCapability = false;  // CAP_SETUID (newuidmap) / CAP_SETGID (newgidmap) permitted+effective
    bool ok() const { return setuidRoot || hasCapability; }
    nlohmann::json toJson() const;
};

// `capability` is the capability number the tool needs (CAP_SETUID 7, CAP_SETGID 6).
IdMapTool inspectIdMapTool(std::string_view name, const std::filesystem::path &path, int capability);

} // namespace podbay::helper::subids
