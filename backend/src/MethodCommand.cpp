#include "MethodCommand.h"

#include "HelperError.h"
#include "Output.h"
#include "rpc/CallerIdentity.h"
#include "rpc/Methods.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>
#include <cmath>
#include <iostream>

namespace podbay::helper {
namespace {

nlohmann::json optionValue(const std::string &text)
{
    nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
    // A bare word ("busybox") is not JSON: it is the string itself.
    return value.is_discarded() ? nlohmann::json(text) : value;
}

} // namespace

bool isMethodGroup(std::string_view group)
{
    return std::ranges::any_of(rpc::allMethods(), [&](const rpc::Method &method) {
        return method.name.size() > group.size() && method.name.starts_with(group) && method.name[group.size()] == '.';
    });
}

int runMethodCommand(CommandContext &ctx, std::string_view group, Args args)
{
    const std::string usage = "run: podbay-helper " + std::string(group) + " VERB [--KEY VALUE]... [--params JSON]";
    if (args.empty())
        throw HelperError(protocol::error::kUsage, std::string(group) + " needs a verb", usage);
    const std::string name = std::string(group) + "." + args[0];
    const auto methods = rpc::allMethods();
    const auto method = std::ranges::find(methods, std::string_view(name), &rpc::Method::name);
    if (method == methods.end())
        throw HelperError(protocol::error::kUsage, "unknown command '" + std::string(group) + " " + args[0] + "'",
                          "run: podbay-helper --help");

    nlohmann::json params = nlohmann::json::object();
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (!arg.starts_with("--") || arg.size() < 3 || i + 1 >= args.size())
            throw HelperError(protocol::error::kUsage, "expected --KEY VALUE, got '" + arg + "'", usage);
        const std::string &value = args[++i];
        if (arg == "--params") {
            nlohmann::json all = nlohmann::json::parse(value, nullptr, false);
            if (!all.is_object())
                throw HelperError(protocol::error::kUsage, "--params needs a JSON object", usage);
            params.update(all);
        } else {
            params[arg.substr(2)] = optionValue(value);
        }
    }

    const rpc::Caller caller = rpc::resolveCaller(false, rpc::loadRoleGroups(ctx));
    if (!rpc::mayCall(*method, caller))
        throw HelperError(protocol::error::kForbidden, name + " is not available to you here",
                          "helpdesk and admin methods run through: sudo podbay-helper serve --privileged");
    const bool json = ctx.json;
    rpc::Call call(nlohmann::json(1), params, caller, ctx, methods, std::stop_token(),
                   [&ctx, json](std::string_view kind, const nlohmann::json &note) {
                       if (kind == protocol::notification::kLog)
                           ctx.err << note.value("text", "") << std::flush;
                       else if (!json && kind == protocol::notification::kProgress) {
                           const double fraction = note.value("fraction", -1.0);
                           ctx.err << (fraction >= 0 ? "[" + std::to_string(std::lround(fraction * 100)) + "%] " : "")
                                   << note.value("message", "") << '\n';
                       }
                   });
    const nlohmann::json result = method->handler(call);
    if (json)
        printJson(ctx, result);
    else
        ctx.out << result.dump(2) << '\n';
    return 0;
}

} // namespace podbay::helper
