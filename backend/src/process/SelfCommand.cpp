#include "SelfCommand.h"

namespace podbay::helper::process {

std::vector<std::string> selfCommand(const CommandContext &ctx)
{
    // proc(5): /proc/self/exe is this binary even when it was started by a relative path
    // or through sudo, and even if the file was replaced since.
    std::vector<std::string> argv{"/proc/self/exe", "--json"};
    if (ctx.root != "/")
        argv.insert(argv.end(), {"--root", ctx.root.string()});
    if (!ctx.configPath.empty())
        argv.insert(argv.end(), {"--config", ctx.configPath.string()});
    return argv;
}

} // namespace podbay::helper::process
