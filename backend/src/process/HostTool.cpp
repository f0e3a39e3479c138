#include "HostTool.h"

#include "HelperError.h"
#include "process/Subprocess.h"
#include "sysfile/AtomicFile.h"

namespace podbay::helper::process {

HostToolOutput hostTool(const CommandContext &ctx, std::string_view recording, const std::vector<std::string> &argv,
                        std::chrono::milliseconds timeout)
{
    HostToolOutput output;
    if (ctx.root != "/") {
        const auto text = sysfile::readFileIfExists(ctx.root / kFixtureDir / recording);
        output.installed = output.succeeded = output.recorded = text.has_value();
        output.out = text.value_or("");
        if (!text)
            output.err = "no recording " + std::string(kFixtureDir) + "/" + std::string(recording) + " in the fixture";
        return output;
    }
    SubprocessOptions options;
    options.timeout = timeout;
    try {
        const SubprocessResult result = runSubprocess(argv, options);
        output.installed = true;
        output.succeeded = result.succeeded();
        output.out = result.out;
        output.err = result.succeeded() ? result.err : result.err + (result.err.empty() ? "" : " ") + "(" + result.describe() + ")";
    } catch (const HelperError &e) {
        output.err = e.what(); // not installed / not executable
    }
    return output;
}

} // namespace podbay::helper::process
