#include "ServeCommand.h"

#include "HelperError.h"
#include "rpc/CallerIdentity.h"
#include "rpc/Methods.h"
#include "rpc/Server.h"

#include <podbay/protocol/Protocol.h>

#include <csignal>
#include <unistd.h>

namespace podbay::helper {

int runServe(CommandContext &ctx, Args args)
{
    bool privileged = false;
    for (const std::string &arg : args) {
        if (arg == "--help") {
            ctx.out << "usage: podbay-helper serve [--privileged]\n"
                       "  JSON-RPC 2.0 on stdin/stdout, one JSON document per line (docs/protocol.md);\n"
                       "  the Podbay apps start it over SSH as the logged-in user.\n"
                       "options:\n"
                       "  --privileged   through sudo only: the caller is SUDO_UID, and the helpdesk\n"
                       "                 and admin methods of its [groups] roles are open to it\n\n"
                       "example:\n"
                       "  echo '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system.hello\",\"params\":{}}' | podbay-helper serve\n";
            return 0;
        }
        if (arg == "--privileged")
            privileged = true;
        else
            throw HelperError(protocol::error::kUsage, "serve: unknown argument " + arg,
                              "run: podbay-helper serve [--privileged]");
    }
    const rpc::Caller caller = rpc::resolveCaller(privileged, rpc::loadRoleGroups(ctx));
    // A client that disconnects must not kill us mid-write of a system file:
    // writes to a closed pipe fail with EPIPE instead (signal(7)).
    std::signal(SIGPIPE, SIG_IGN);
    rpc::Server server(rpc::allMethods(), caller, ctx, STDIN_FILENO, STDOUT_FILENO);
    return server.run();
}

} // namespace podbay::helper
