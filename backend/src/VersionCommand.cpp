#include "VersionCommand.h"

#include "HelperError.h"
#include "Output.h"

#include <podbay/protocol/Protocol.h>
#include <podbay/protocol/Version.h>

namespace podbay::helper {

nlohmann::json versionInfo()
{
    return {
        {"name", protocol::kHelperName},
        {"version", kVersion},
        {"protocol", {{"major", protocol::kMajor}, {"minor", protocol::kMinor}}},
    };
}

int runVersion(CommandContext &ctx, Args args)
{
    if (args.size() == 1 && args[0] == "--help") {
        ctx.out << "usage: podbay-helper [--json] version\n"
                   "  the helper's version and the JSON-RPC protocol version it speaks\n"
                   "  (the apps compare the protocol's major number in system.hello)\n\n"
                   "example:\n  podbay-helper version --json\n";
        return 0;
    }
    if (!args.empty())
        throw HelperError(protocol::error::kUsage, "version takes no arguments",
                          "run: podbay-helper version [--json]");
    const auto info = versionInfo();
    if (ctx.json) {
        printJson(ctx, info);
    } else {
        ctx.out << "podbay-helper " << kVersion << " (protocol " << protocol::kMajor << '.'
                << protocol::kMinor << ")\n";
    }
    return 0;
}

} // namespace podbay::helper
