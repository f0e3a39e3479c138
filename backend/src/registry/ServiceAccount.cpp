#include "ServiceAccount.h"

#include "HelperError.h"
#include "config/TextLines.h"
#include "process/Subprocess.h"
#include "subids/UserSource.h"
#include "sysfile/AtomicFile.h"

#include <podbay/protocol/Protocol.h>

#include <grp.h>

namespace podbay::helper::registry {
namespace {

// group(5): name:password:GID:members
std::optional<std::string> groupNameInFile(const std::filesystem::path &path, std::uint32_t gid)
{
    const auto text = sysfile::readFileIfExists(path);
    std::optional<std::string> name;
    config::forEachLine(text.value_or(""), [&](std::string_view line, int) {
        const std::size_t a = line.find(':');
        const std::size_t b = a == std::string_view::npos ? a : line.find(':', a + 1);
        const std::size_t c = b == std::string_view::npos ? b : line.find(':', b + 1);
        if (!name && c != std::string_view::npos && line.substr(b + 1, c - b - 1) == std::to_string(gid))
            name = std::string(line.substr(0, a));
    });
    return name;
}

} // namespace

ServiceAccount lookupServiceAccount(const CommandContext &ctx, const std::string &name)
{
    ServiceAccount account{name, false, std::nullopt, std::nullopt, name};
    std::optional<subids::Account> found;
    if (ctx.root == "/") {
        found = subids::lookupNss(name);
    } else {
        const auto passwd = ctx.systemPath("/etc/passwd");
        if (std::filesystem::exists(passwd))
            for (const subids::Account &a : subids::readPasswdFile(passwd).accounts)
                if (a.name == name)
                    found = a;
    }
    if (!found)
        return account;
    account.exists = true;
    account.uid = static_cast<std::uint32_t>(found->uid);
    account.gid = static_cast<std::uint32_t>(found->gid);
    if (ctx.root == "/") {
        if (const group *gr = ::getgrgid(*account.gid))
            account.group = gr->gr_name;
    } else if (const auto group = groupNameInFile(ctx.systemPath("/etc/group"), *account.gid)) {
        account.group = *group;
    }
    return account;
}

std::vector<std::string> useraddArgv(const CommandContext &ctx, const std::string &name,
                                     std::optional<std::uint32_t> uid, const std::string &home)
{
    std::vector<std::string> argv{"useradd", "--system", "--user-group", "--no-create-home", "--home-dir", home,
                                  "--shell", "/usr/sbin/nologin", "--comment", "Podbay site registry"};
    if (uid) {
        argv.push_back("--uid");
        argv.push_back(std::to_string(*uid));
    }
    if (ctx.root != "/") {
        argv.push_back("--prefix");
        argv.push_back(ctx.root.string());
    }
    argv.push_back(name);
    return argv;
}

void createServiceAccount(const std::vector<std::string> &argv)
{
    const process::SubprocessResult result = process::runSubprocess(argv);
    if (!result.succeeded())
        throw HelperError(protocol::error::kIo, "useradd failed (" + result.describe() + "): " + result.err,
                          "create the account by hand, or set [registry] user/uid in /etc/podbay/helper.conf");
}

} // namespace podbay::helper::registry
