#include "AdminMethods.h"

#include "HelperError.h"
#include "process/SelfCommand.h"
#include "process/Subprocess.h"
#include "sysfile/Audit.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

namespace podbay::helper::admin {
namespace {

enum class Kind { Switch, Value };

struct Flag
{
    std::string_view param; // camelCase, as in the request
    Kind kind = Kind::Value;
};

struct AdminCommand
{
    std::string_view method;
    std::array<std::string_view, 2> words; // the CLI command and verb ("" when none)
    std::array<Flag, 9> flags;             // the params it takes; an empty name ends the list
};

constexpr Flag kDryRun{"dryRun", Kind::Switch};
// Every subids option (docs/subids.md); plan takes all but --dry-run.
#define PODBAY_SUBIDS_FLAGS                                                                                    \
    Flag{"strategy"}, Flag{"passwd"}, Flag{"minUid"}, Flag{"count"}, Flag{"multiplier"}, Flag{"base"},        \
        Flag{"poolStart"}, Flag{"poolEnd"}

// Method names follow the CLI: admin.<command in camelCase>[.<verb>].
constexpr std::array kCommands{
    AdminCommand{"admin.subids.plan", {"subids", "plan"}, {PODBAY_SUBIDS_FLAGS}},
    AdminCommand{"admin.subids.sync", {"subids", "sync"}, {PODBAY_SUBIDS_FLAGS, kDryRun}},
    AdminCommand{"admin.subids.check", {"subids", "check"}, {Flag{"user"}}},
    AdminCommand{"admin.storage.configure", {"storage", "configure"}, {Flag{"path"}, kDryRun}},
    AdminCommand{"admin.storage.check", {"storage", "check"}, {Flag{"user"}}},
    AdminCommand{"admin.dockerAlias.enable", {"docker-alias", "enable"}, {kDryRun}},
    AdminCommand{"admin.dockerAlias.disable", {"docker-alias", "disable"}, {kDryRun}},
    AdminCommand{"admin.dockerAlias.status", {"docker-alias", "status"}, {}},
    AdminCommand{"admin.registry.setup", {"registry", "setup"}, {Flag{"storage"}, Flag{"listen"}, kDryRun}},
    AdminCommand{"admin.registry.status", {"registry", "status"}, {}},
    AdminCommand{"admin.registry.gc", {"registry", "gc"}, {kDryRun}},
    AdminCommand{"admin.nvidia.status", {"nvidia", "status"}, {}},
    AdminCommand{"admin.nvidia.setup", {"nvidia", "setup"}, {kDryRun}},
    AdminCommand{"admin.ldap.shuffle", {"ldap", "shuffle"}, {Flag{"file"}, kDryRun}},
    AdminCommand{"admin.prune", {"prune", ""},
                 {Flag{"olderThan"}, Flag{"user"}, Flag{"allUsers", Kind::Switch}, kDryRun}},
    AdminCommand{"admin.setup", {"setup", ""}, {kDryRun}},
    AdminCommand{"admin.status", {"status", ""}, {}},
};
#undef PODBAY_SUBIDS_FLAGS

constexpr std::size_t kMaxValueBytes = 4096;

std::string allowedList(const AdminCommand &command)
{
    std::string list;
    for (const Flag &flag : command.flags)
        if (!flag.param.empty())
            list += (list.empty() ? "" : ", ") + std::string(flag.param);
    return list.empty() ? "none" : list;
}

// A param's value as one argv word. Values never start with '-', so no value can be
// taken for an option by the command's parser.
std::string valueWord(const std::string &key, const nlohmann::json &value)
{
    std::string word;
    if (value.is_string())
        word = value.get<std::string>();
    else if (value.is_number_unsigned() || value.is_number_integer())
        word = value.dump();
    else
        throw HelperError(protocol::error::kBadInput, "parameter \"" + key + "\" must be a string or an integer");
    if (word.empty() || word.size() > kMaxValueBytes || word.front() == '-' || word.find('\0') != std::string::npos)
        throw HelperError(protocol::error::kBadInput,
                          "parameter \"" + key + "\" must be 1 to 4096 bytes, without NUL, not starting with '-'");
    return word;
}

// The command line for `command` with the request's params; refuses params it does not take.
std::vector<std::string> commandLine(const AdminCommand &command, const rpc::Call &call, bool &dryRun)
{
    const nlohmann::json &params = call.params();
    std::vector<std::string> argv = process::selfCommand(call.context());
    for (std::string_view word : command.words)
        if (!word.empty())
            argv.emplace_back(word);
    dryRun = false;
    for (const auto &[key, value] : params.items()) {
        const auto flag = std::ranges::find(command.flags, std::string_view(key), &Flag::param);
        if (key.empty() || flag == command.flags.end())
            throw HelperError(protocol::error::kBadInput,
                              std::string(command.method) + " takes no parameter \"" + key + "\"",
                              "its parameters: " + allowedList(command));
        if (flag->kind == Kind::Switch) {
            if (!value.is_boolean())
                throw HelperError(protocol::error::kBadInput, "parameter \"" + key + "\" must be true or false");
            if (value.get<bool>())
                argv.push_back(flagFor(key));
            if (key == kDryRun.param)
                dryRun = value.get<bool>();
        } else {
            argv.push_back(flagFor(key));
            argv.push_back(valueWord(key, value));
        }
    }
    return argv;
}

nlohmann::json runAdminCommand(const AdminCommand &command, rpc::Call &call)
{
    if (!call.params().is_object())
        throw HelperError(protocol::error::kBadInput, "params must be an object");
    // Run as root, prune without a user would clean root's own storage: say whose.
    const auto allUsers = call.params().find("allUsers");
    if (command.words[0] == "prune" && !call.params().contains("user") &&
        (allUsers == call.params().end() || *allUsers != true))
        throw HelperError(protocol::error::kBadInput, "admin.prune needs \"user\" or \"allUsers\": true",
                          "name whose storage to prune");
    bool dryRun = false;
    const std::vector<std::string> argv = commandLine(command, call, dryRun);
    // The command audits each change it makes; this line says who asked, through which door.
    sysfile::audit(command.method, dryRun ? "dry run" : "run");

    call.progress(-1, "running podbay-helper " + std::string(command.words[0]) +
                          (command.words[1].empty() ? "" : " " + std::string(command.words[1])));
    process::SubprocessOptions options;
    options.stop = call.stopToken();
    options.timeout = std::chrono::minutes(30); // registry setup may pull the registry image
    options.workingDirectory = "/";
    options.onOutput = [&call](std::string_view stream, std::string_view chunk) {
        if (stream == "stderr")
            call.log(stream, std::string(chunk));
    };
    const process::SubprocessResult result = process::runSubprocess(argv, options);
    if (result.cancelled)
        throw HelperError(protocol::error::kCancelled, std::string(command.method) + " was cancelled");
    if (result.timedOut)
        throw HelperError(protocol::error::kIo, std::string(command.method) + " " + result.describe(),
                          "run the same command on the login node to see where it hangs");

    // With --json the command prints one document: its result, or {"error": {...}}.
    const nlohmann::json document = nlohmann::json::parse(result.out, nullptr, false);
    if (document.is_object() && document.contains("error") && document["error"].is_object()) {
        const nlohmann::json &error = document["error"];
        throw HelperError(error.value("code", std::string(protocol::error::kInternal)),
                          error.value("message", std::string(command.method) + " failed"), error.value("hint", ""));
    }
    if (document.is_discarded())
        throw HelperError(protocol::error::kInternal,
                          std::string(command.method) + " printed no JSON (" + result.describe() + ")",
                          "run the same command on the login node to see its output");
    // status and check commands exit non-zero to report drift or problems, and still answer.
    return document;
}

template <std::size_t... I>
constexpr auto makeMethods(std::index_sequence<I...>)
{
    return std::array<rpc::Method, sizeof...(I)>{rpc::Method{
        kCommands[I].method, rpc::Audience::Admin, [](rpc::Call &call) { return runAdminCommand(kCommands[I], call); }}...};
}

constexpr auto kMethods = makeMethods(std::make_index_sequence<kCommands.size()>{});

} // namespace

std::span<const rpc::Method> adminMethods()
{
    return kMethods;
}

std::string flagFor(std::string_view param)
{
    std::string flag = "--";
    for (char c : param) {
        if (std::isupper(static_cast<unsigned char>(c))) {
            flag += '-';
            flag += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
            flag += c;
        }
    }
    return flag;
}

} // namespace podbay::helper::admin
