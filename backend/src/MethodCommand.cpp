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

bool inGroup(const rpc::Method &method, std::string_view group)
{
    return method.name.size() > group.size() && method.name.starts_with(group) && method.name[group.size()] == '.';
}

// An example for the group's --help: one that only reads where the group has one.
std::string exampleFor(std::string_view group)
{
    static constexpr std::pair<std::string_view, std::string_view> kExamples[] = {
        {"steps", "steps run --container work-1 --command 'pip install numpy'"},
        {"run", "run podman --image library/python:3.12 --params '{\"command\": [\"python3\", \"-V\"]}'"},
        {"slurm", "slurm jobs"},
        {"doctor", "doctor run"},
    };
    for (const auto &[name, example] : kExamples)
        if (name == group)
            return std::string(example);
    for (const std::string_view verb : {"list", "status", "hello"})
        for (const rpc::Method &method : rpc::allMethods())
            if (inGroup(method, group) && method.name.substr(group.size() + 1) == verb
                && (method.audience == rpc::Audience::Everyone || method.audience == rpc::Audience::User))
                return std::string(group) + ' ' + std::string(verb);
    return {};
}

} // namespace

bool isMethodGroup(std::string_view group)
{
    return std::ranges::any_of(rpc::allMethods(), [&](const rpc::Method &method) { return inGroup(method, group); });
}

int runMethodCommand(CommandContext &ctx, std::string_view group, Args args)
{
    const std::string usage = "run: podbay-helper " + std::string(group) + " VERB [--KEY VALUE]... [--params JSON]";
    if (args.size() == 1 && (args[0] == "--help" || args[0] == "help")) {
        ctx.out << "usage: podbay-helper [--json] " << group << " VERB [--KEY VALUE]... [--params JSON]\n"
                << "  the methods of `serve` named " << group << ".VERB, run once as you; each --KEY VALUE\n"
                   "  is a parameter (a JSON value, or else a string); the parameters of each method\n"
                   "  are in docs/protocol.md\nverbs:\n";
        for (const rpc::Method &method : rpc::allMethods()) {
            if (!inGroup(method, group))
                continue;
            ctx.out << "  " << method.name.substr(group.size() + 1);
            if (method.audience == rpc::Audience::Helpdesk || method.audience == rpc::Audience::Admin)
                ctx.out << (method.audience == rpc::Audience::Admin ? "   (admins" : "   (helpdesk")
                        << ", through sudo podbay-helper serve --privileged only)";
            ctx.out << '\n';
        }
        if (const std::string example = exampleFor(group); !example.empty())
            ctx.out << "\nexample:\n  podbay-helper --json " << example << '\n';
        else
            ctx.out << "\nexample: the admin commands run from a shell as they are, e.g.\n  sudo podbay-helper setup --dry-run\n";
        return 0;
    }
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
