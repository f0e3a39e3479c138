#pragma once
// Loading /etc/podbay/helper.conf (or the file given with --config) for a command, with
// the warnings about keys no command knows (HelperConfKeys.h).

#include "CommandContext.h"
#include "config/IniFile.h"

#include <filesystem>
#include <string>
#include <vector>

namespace podbay::helper::config {

struct HelperConf
{
    IniFile ini;
    std::vector<std::string> warnings; // unknown keys, "FILE:LINE: ..."
};

// ROOT/etc/podbay/helper.conf (a missing file is an empty configuration), or --config FILE,
// which must exist (E_NOT_FOUND): a typo in --config must not silently mean "defaults".
std::filesystem::path helperConfPath(const CommandContext &ctx);
HelperConf loadHelperConf(const CommandContext &ctx);

} // namespace podbay::helper::config
