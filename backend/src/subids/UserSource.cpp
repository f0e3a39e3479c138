#include "UserSource.h"

#include "FlatIndex.h"
#include "HelperError.h"
#include "config/Numbers.h"
#include "config/TextLines.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace podbay::helper::subids {
namespace {

// uid_t is 32 bits and (uid_t)-1 is "no id".
constexpr std::uint64_t kMaxAccountId = 4294967294ULL;

// Splits on ':' into exactly 7 fields; false when the count differs.
bool splitFields(std::string_view line, std::string_view (&fields)[7])
{
    std::size_t i = 0;
    while (i < 7) {
        const std::size_t colon = line.find(':');
        fields[i++] = line.substr(0, colon);
        if (colon == std::string_view::npos)
            break;
        line = line.substr(colon + 1);
        if (i == 7)
            return false; // an eighth field
    }
    return i == 7;
}

void dropDuplicates(AccountList &list)
{
    // NSS may list a user twice (files, then LDAP): the first wins, as for getpwnam.
    auto &accounts = list.accounts;
    FlatIndex &seen = list.byName;
    seen.reset(accounts.size());
    std::size_t kept = 0;
    for (std::size_t i = 0; i < accounts.size(); ++i) {
        // Positions in `seen` are those of kept accounts, already moved to the front.
        const auto duplicate = seen.insert(std::hash<std::string>{}(accounts[i].name), static_cast<std::uint32_t>(kept),
                                           [&](std::uint32_t p) { return accounts[p].name == accounts[i].name; });
        if (duplicate) {
            list.warnings.push_back("account " + accounts[i].name + " is listed more than once; the first entry is used");
            continue;
        }
        if (kept != i)
            accounts[kept] = std::move(accounts[i]);
        ++kept;
    }
    accounts.erase(accounts.begin() + static_cast<std::ptrdiff_t>(kept), accounts.end());
}

} // namespace

bool validAccountName(std::string_view name)
{
    if (name.empty() || name.size() > 256 || name.front() == '-')
        return false;
    if (name.find_first_not_of("0123456789") == std::string_view::npos)
        return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                     || c == '_' || c == '-' || c == '@' || (c == '$' && i + 1 == name.size());
        if (!ok)
            return false;
    }
    return true;
}

namespace {

// One line of a passwd(5) file into `list` (blank and NIS lines skipped).
void parsePasswdLine(AccountList &list, std::string_view line, int lineNumber, const std::string &source)
{
    if (line.empty() || line.front() == '+' || line.front() == '-')
        return;
    const auto fail = [&](const std::string &why) {
        throw HelperError(protocol::error::kBadInput,
                          source + ":" + std::to_string(lineNumber) + ": " + why + " in '" + std::string(line) + "'",
                          "a passwd(5) line is name:password:uid:gid:gecos:home:shell; nothing was changed");
    };
    std::string_view fields[7];
    if (!splitFields(line, fields))
        fail("expected 7 fields separated by ':'");
    if (!validAccountName(fields[0]))
        fail("invalid user name '" + std::string(fields[0]) + "'");
    const auto uid = config::parseUnsigned(fields[2], 0, kMaxAccountId);
    const auto gid = config::parseUnsigned(fields[3], 0, kMaxAccountId);
    if (!uid || !gid)
        fail("uid and gid must be numbers up to " + std::to_string(kMaxAccountId));
    list.accounts.push_back(Account{std::string(fields[0]), *uid, *gid, std::string(fields[6])});
}

[[noreturn]] void readError(const std::filesystem::path &path, int error)
{
    throw HelperError(protocol::error::kIo, "cannot read " + path.string() + ": " + std::strerror(error),
                      "nothing was changed; check free space and permissions of " + path.parent_path().string());
}

} // namespace

AccountList parsePasswd(std::string_view text, const std::string &source)
{
    AccountList list;
    list.source = source;
    list.accounts.reserve(static_cast<std::size_t>(std::ranges::count(text, '\n')) + 1);
    config::forEachLine(text, [&](std::string_view line, int lineNumber) { parsePasswdLine(list, line, lineNumber, source); });
    dropDuplicates(list);
    return list;
}

AccountList readPasswdFile(const std::filesystem::path &path)
{
    // Read in chunks through one buffer and parsed as it comes (the same lines, numbers
    // and errors as parsePasswd on the whole text): the 5.6 MB of a 100,000-user file
    // never sit in memory at once, and every fresh page costs a fault (bench/subids).
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        if (errno == ENOENT)
            throw HelperError(protocol::error::kNotFound, "passwd file " + path.string() + " does not exist");
        readError(path, errno);
    }
    struct Closer
    {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st{};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        throw HelperError(protocol::error::kIo, path.string() + " is not a regular file");

    AccountList list;
    list.source = path.string();
    // A passwd line is rarely shorter than 16 bytes; reserved pages that are never used
    // cost nothing, and a longer list just grows.
    list.accounts.reserve(static_cast<std::size_t>(st.st_size) / 16 + 1);
    std::size_t capacity = 256 * 1024;
    auto buffer = std::make_unique_for_overwrite<char[]>(capacity);
    std::size_t held = 0; // bytes of an unfinished line at the start of the buffer
    int lineNumber = 0;
    for (;;) {
        if (held == capacity) { // one line longer than the buffer
            auto bigger = std::make_unique_for_overwrite<char[]>(capacity * 2);
            std::memcpy(bigger.get(), buffer.get(), held);
            buffer = std::move(bigger);
            capacity *= 2;
        }
        const ssize_t n = ::read(fd, buffer.get() + held, capacity - held);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            readError(path, errno);
        if (n == 0)
            break;
        const std::string_view text(buffer.get(), held + static_cast<std::size_t>(n));
        std::size_t at = 0;
        for (std::size_t nl; (nl = text.find('\n', at)) != std::string_view::npos; at = nl + 1)
            parsePasswdLine(list, text.substr(at, nl - at), ++lineNumber, list.source);
        held = text.size() - at;
        std::memmove(buffer.get(), buffer.get() + at, held);
    }
    if (held > 0) // a last line without newline
        parsePasswdLine(list, std::string_view(buffer.get(), held), ++lineNumber, list.source);
    dropDuplicates(list);
    return list;
}

AccountList enumerateNss()
{
    AccountList list;
    list.source = "nss";
    ::setpwent();
    for (;;) {
        errno = 0;
        const passwd *pw = ::getpwent();
        if (!pw)
            break;
        if (!validAccountName(pw->pw_name)) {
            list.warnings.push_back("skipped account with a name subuid(5) cannot hold: '" + std::string(pw->pw_name) + "'");
            continue;
        }
        list.accounts.push_back(Account{pw->pw_name, pw->pw_uid, pw->pw_gid, pw->pw_shell ? pw->pw_shell : ""});
    }
    const int error = errno;
    ::endpwent();
    // ENOENT/ESRCH at the end of the list are not errors (getpwent(3) on glibc).
    if (error != 0 && error != ENOENT && error != ESRCH)
        throw HelperError(protocol::error::kIo, std::string("cannot list users (getpwent): ") + std::strerror(error),
                          "check /etc/nsswitch.conf and the directory service; nothing was changed");
    dropDuplicates(list);
    return list;
}

std::optional<Account> lookupNss(const std::string &name)
{
    const passwd *pw = ::getpwnam(name.c_str());
    if (!pw)
        return std::nullopt;
    return Account{pw->pw_name, pw->pw_uid, pw->pw_gid, pw->pw_shell ? pw->pw_shell : ""};
}

std::optional<std::string> ineligibility(const Account &account, const Eligibility &rules)
{
    if (account.uid < rules.minUid)
        return "uid below min_uid " + std::to_string(rules.minUid);
    if (account.uid > rules.maxUid)
        return "uid above max_uid " + std::to_string(rules.maxUid);
    if (std::ranges::find(rules.skipUsers, account.name) != rules.skipUsers.end())
        return "listed in skip_users";
    if (std::ranges::find(rules.skipShells, account.shell) != rules.skipShells.end())
        return "shell " + account.shell + " is in skip_shells";
    return std::nullopt;
}

} // namespace podbay::helper::subids
