#include "Output.h"

namespace podbay::helper {

void printJson(const CommandContext &ctx, const nlohmann::json &document)
{
    // One line per document: callers read newline-delimited JSON.
    ctx.out << document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

nlohmann::json errorToJson(const HelperError &error)
{
    return {{"code", error.code()}, {"message", error.what()}, {"hint", error.hint()}};
}

void printError(const CommandContext &ctx, const HelperError &error)
{
    if (ctx.json) {
        printJson(ctx, {{"error", errorToJson(error)}});
        return;
    }
    ctx.err << "podbay-helper: " << error.what() << '\n';
    if (!error.hint().empty())
        ctx.err << "hint: " << error.hint() << '\n';
}

} // namespace podbay::helper
