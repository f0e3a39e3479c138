#include "ShellCommand.h"

#include "HelperError.h"
#include "Site.h"
#include "WorkingContainer.h"
#include "process/Subprocess.h"
#include "validate/Names.h"

#include <podbay/protocol/Protocol.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

namespace podbay::helper::user {
namespace {

constexpr std::string_view kUsage = "usage: podbay-helper shell CONTAINER\n"
                                    "  an interactive shell in your working container CONTAINER; needs a terminal\n"
                                    "  (ssh -t); working containers are listed by `podbay-helper containers list`\n\n"
                                    "example:\n  ssh -t login1 podbay-helper shell work-alice-1\n";

// TERM goes into the container as a value, so only the names terminfo uses pass.
bool plainTermName(const char *term)
{
    if (!term || !*term || std::strlen(term) > 64)
        return false;
    for (const char *c = term; *c; ++c)
        if (!std::isalnum(static_cast<unsigned char>(*c)) && !std::strchr("._+-", *c))
            return false;
    return true;
}

} // namespace

int runShell(CommandContext &ctx, Args args)
{
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
        ctx.out << kUsage;
        return 0;
    }
    if (args.size() != 1)
        throw HelperError(protocol::error::kUsage, "shell takes exactly one container name",
                          std::string(kUsage.substr(0, kUsage.find('\n'))));
    const std::string &name = args[0];
    validate::checkContainerName(name);
    // Only a container the caller made through Podbay: the name alone could be anyone's
    // other container, and this one has the keep-alive process a shell can join.
    const Account me = currentAccount();
    if (!loadHistory(me.home, name))
        throw HelperError(protocol::error::kNotFound, "there is no working container named " + name,
                          "list yours with: podbay-helper containers list");
    if (!::isatty(STDIN_FILENO) || !::isatty(STDOUT_FILENO))
        throw HelperError(protocol::error::kUsage, "shell needs a terminal",
                          "connect with ssh -t, or open the container's Terminal in the Podbay app");

    if (const char *runtime = std::getenv("XDG_RUNTIME_DIR"); runtime && !std::filesystem::is_directory(runtime))
        ::unsetenv("XDG_RUNTIME_DIR"); // platform.md: podman then uses /tmp/podman-run-UID
    // After a reboot the container is stopped; starting a running one changes nothing.
    process::SubprocessOptions quiet;
    quiet.timeout = std::chrono::minutes(2);
    const auto started = process::runSubprocess({"podman", "start", name}, quiet);
    if (!started.succeeded())
        throw HelperError(protocol::error::kIo, "cannot start container " + name + " (" + started.describe() + ")",
                          "run Doctor; the container may need to be created again");

    std::vector<std::string> argv{"podman", "exec", "--interactive", "--tty", "--workdir", "/"};
    if (const char *term = std::getenv("TERM"); plainTermName(term))
        argv.insert(argv.end(), {"--env", std::string("TERM=") + term});
    // A login shell: bash where the image has it, else sh (busybox, alpine). The script is
    // this fixed text; nothing of the caller's input is in it.
    argv.insert(argv.end(),
                {name, "/bin/sh", "-c", "if command -v bash >/dev/null 2>&1; then exec bash -l; else exec sh -l; fi"});
    std::vector<char *> raw;
    for (std::string &arg : argv)
        raw.push_back(arg.data());
    raw.push_back(nullptr);
    ctx.out.flush();
    ::execvp(raw[0], raw.data());
    throw HelperError(protocol::error::kIo, std::string("cannot run podman: ") + std::strerror(errno),
                      "podman must be installed on the login node");
}

} // namespace podbay::helper::user
