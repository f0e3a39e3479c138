#include "HelperConf.h"

#include "HelperError.h"
#include "config/HelperConfKeys.h"

#include <podbay/protocol/Protocol.h>

namespace podbay::helper::config {

std::filesystem::path helperConfPath(const CommandContext &ctx)
{
    if (ctx.configPath.empty())
        return ctx.systemPath("/etc/podbay/helper.conf");
    if (!std::filesystem::exists(ctx.configPath))
        throw HelperError(protocol::error::kNotFound, "config file " + ctx.configPath.string() + " does not exist",
                          "omit --config to use /etc/podbay/helper.conf");
    return ctx.configPath;
}

HelperConf loadHelperConf(const CommandContext &ctx)
{
    HelperConf conf{IniFile::load(helperConfPath(ctx)), {}};
    conf.warnings = conf.ini.unknownKeyWarnings(kHelperConfKeys);
    return conf;
}

} // namespace podbay::helper::config
