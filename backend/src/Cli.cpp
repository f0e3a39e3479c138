#include "Cli.h"

#include "CommandContext.h"
#include "HelperError.h"
#include "MethodCommand.h"
#include "Output.h"
#include "ServeCommand.h"
#include "dockeralias/DockerAliasCommand.h"
#include "ldap/LdapCommand.h"
#include "nvidia/NvidiaCommand.h"
#include "prune/PruneCommand.h"
#include "registry/RegistryCommand.h"
#include "setup/SetupCommand.h"
#include "storage/StorageCommand.h"
#include "subids/SubidsCommand.h"
#include "user/ShellCommand.h"
#include "VersionCommand.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>
#include <array>

namespace podbay::helper {
namespace {

struct Command
{
    std::string_view name;
    std::string_view summary;
    int (*run)(CommandContext &, Args);
};

constexpr std::array kCommands{
    Command{"version", "print the helper and protocol version", &runVersion},
    Command{"serve", "JSON-RPC 2.0 on stdin/stdout for the Podbay apps ([--privileged] via sudo)", &runServe},
    Command{"subids", "/etc/subuid and /etc/subgid for rootless containers: plan|sync|check (subids --help)", &runSubids},
    Command{"storage", "rootless Podman storage on a local disk: configure|check (storage --help)", &runStorage},
    Command{"docker-alias", "`docker` runs podman where no docker is installed: enable|disable|status", &runDockerAlias},
    Command{"ldap", "per-host order of the LDAP servers in sssd.conf: shuffle (ldap --help)", &runLdap},
    Command{"registry", "the site registry (CNCF distribution): setup|status|gc|run (registry --help)", &runRegistry},
    Command{"nvidia", "NVIDIA GPUs for Podman (CDI spec) and Apptainer: status|setup (nvidia --help)", &runNvidia},
    Command{"shell", "an interactive shell in one of your working containers (needs a terminal)", &user::runShell},
    Command{"prune", "remove old containers and images from users' rootless storage (prune --help)", &runPrune},
    Command{"setup", "apply everything /etc/podbay/helper.conf configures, idempotently (setup --help)", &runSetup},
    Command{"status", "drift of each part setup applies (status --help)", &runStatus},
};

void printUsage(std::ostream &os)
{
    os << "usage: podbay-helper [--root DIR] [--config FILE] [--json] COMMAND [ARGS...]\n\n"
          "global options:\n"
          "  --root DIR     resolve every system path (/etc/...) under DIR (default /)\n"
          "  --config FILE  site settings (default ROOT/etc/podbay/helper.conf)\n"
          "  --json         print results (and errors) as one JSON document\n"
          "  --help         this text; COMMAND --help for a command's options\n"
          "  --version      the helper and protocol version (same as: version)\n\n"
          "commands:\n";
    for (const auto &command : kCommands)
        os << "  " << command.name << std::string(12 - std::min<size_t>(11, command.name.size()), ' ')
           << command.summary << '\n';
    os << "  images, containers, steps, registry, run, slurm, doctor VERB [--KEY VALUE]...\n"
          "              every method of `serve` as a command (docs/protocol.md)\n";
    os << "\nexample:\n  podbay-helper version --json\n  podbay-helper subids sync --dry-run\n";
}

// Takes the value of an option that needs one, or fails with a usage error.
const std::string &optionValue(const std::vector<std::string> &args, size_t &i)
{
    if (i + 1 >= args.size())
        throw HelperError(protocol::error::kUsage, "option " + args[i] + " needs a value",
                          "run: podbay-helper --help");
    return args[++i];
}

} // namespace

std::vector<std::string> argsFrom(int argc, char **argv)
{
    return std::vector<std::string>(argv + (argc > 0 ? 1 : 0), argv + std::max(argc, 0));
}

int runCli(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    CommandContext ctx(out, err);
    try {
        size_t i = 0;
        for (; i < args.size() && args[i].starts_with("--"); ++i) {
            const std::string &arg = args[i];
            if (arg == "--root") {
                ctx.root = optionValue(args, i);
                if (!ctx.root.is_absolute())
                    throw HelperError(protocol::error::kUsage, "--root needs an absolute path",
                                      "example: --root /srv/fixture");
            } else if (arg == "--config") {
                ctx.configPath = optionValue(args, i);
            } else if (arg == "--json") {
                ctx.json = true;
            } else if (arg == "--help") {
                printUsage(out);
                return kExitOk;
            } else if (arg == "--version") { // as GNU tools and help2man(1) expect
                return runVersion(ctx, {});
            } else {
                throw HelperError(protocol::error::kUsage, "unknown option " + arg,
                                  "run: podbay-helper --help");
            }
        }
        if (i == args.size()) {
            printUsage(err);
            return kExitUsage;
        }
        const std::string &name = args[i++];
        const auto command = std::ranges::find(kCommands, name, &Command::name);
        if (command == kCommands.end() && isMethodGroup(name)) {
            std::vector<std::string> rest;
            for (; i < args.size(); ++i) {
                if (args[i] == "--json")
                    ctx.json = true;
                else
                    rest.push_back(args[i]);
            }
            return runMethodCommand(ctx, name, rest);
        }
        if (command == kCommands.end())
            throw HelperError(protocol::error::kUsage, "unknown command '" + name + "'",
                              "run: podbay-helper --help");

        std::vector<std::string> rest;
        bool afterDashDash = false;
        for (; i < args.size(); ++i) {
            if (!afterDashDash && args[i] == "--json") {
                ctx.json = true;
                continue;
            }
            afterDashDash = afterDashDash || args[i] == "--";
            rest.push_back(args[i]);
        }
        return command->run(ctx, rest);
    } catch (const HelperError &e) {
        printError(ctx, e);
        return e.code() == protocol::error::kUsage ? kExitUsage : kExitFailure;
    } catch (const std::exception &e) {
        printError(ctx, HelperError(protocol::error::kInternal, e.what(),
                                    "this is a bug in podbay-helper; please report it"));
        return kExitFailure;
    }
}

} // namespace podbay::helper
