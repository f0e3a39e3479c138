#pragma once
// login.defs(5): "NAME VALUE" lines, # comments. Only what the helper needs is read:
// SUB_UID_MIN/MAX/COUNT and SUB_GID_MIN/MAX/COUNT, the pool useradd(8) allocates from.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace podbay::helper::config {

class LoginDefs
{
public:
    static LoginDefs parse(std::string_view text, std::string source);
    // A missing file means "all defaults".
    static LoginDefs load(const std::filesystem::path &path);

    // The value of NAME when it is set; throws HelperError(E_BAD_INPUT) naming the line
    // when it is set but not a number within bounds.
    std::optional<std::uint64_t> integer(std::string_view name, std::uint64_t min, std::uint64_t max) const;

private:
    std::string m_source;
    std::map<std::string, std::pair<std::string, int>, std::less<>> m_values;
};

} // namespace podbay::helper::config
