// The subid planner (subids/Planner.h, Workspace.h): the path `subids sync` takes from the
// settings, passwd(5), /etc/subuid, /etc/subgid and the state file to the files it would
// write. Whatever the inputs, settings and files are refused with HelperError or planned;
// a plan's text equals its newFile(), parses as a subid file, and planning from the
// planned files and state again changes no file (sync is idempotent).
// Input, parts separated by a line "--":
//   options ("multiply|block|allocate COUNT MULTIPLIER BASE MINUID POOLSTART POOLEND",
//   "-" leaves a value to helper.conf's default), passwd, subuid, subgid, state file.

#include "FuzzInput.h"

#include "HelperError.h"
#include "subids/ManagedState.h"
#include "subids/Workspace.h"

#include <algorithm>
#include <charconv>
#include <sstream>
#include <string>

using namespace podbay::helper;
using namespace podbay::helper::subids;

namespace {

std::optional<std::uint64_t> number(std::string_view word)
{
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
    if (ec != std::errc() || end != word.data() + word.size())
        return std::nullopt;
    return value;
}

SubidsOptions parseOptions(std::string_view line)
{
    std::vector<std::string_view> words;
    for (auto part : podbay::fuzz::split(line, " ", 8))
        words.push_back(part);
    words.resize(8);
    SubidsOptions options;
    options.strategy = strategyFromName(words[0]);
    options.count = number(words[1]);
    options.multiplier = number(words[2]);
    options.base = number(words[3]);
    options.minUid = number(words[4]);
    options.poolStart = number(words[5]);
    options.poolEnd = number(words[6]);
    options.passwd = "/etc/passwd"; // parsed below from the input, never this host's NSS
    return options;
}

const CommandContext &context()
{
    static std::ostringstream out, err;
    static CommandContext ctx = [] {
        CommandContext c(out, err);
        c.root = "/nonexistent-podbay-fuzz-root"; // no helper.conf: the defaults
        return c;
    }();
    return ctx;
}

Accounts accountsFrom(std::string_view passwd)
{
    Accounts accounts;
    accounts.list = parsePasswd(passwd, "/etc/passwd");
    for (const Account &account : accounts.list.accounts) {
        accounts.uids.push_back(account.uid);
        accounts.gids.push_back(account.gid);
    }
    for (auto *ids : {&accounts.uids, &accounts.gids}) {
        std::ranges::sort(*ids);
        ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
    }
    return accounts;
}

void checkFile(const FilePlan &plan)
{
    const std::string text = plan.serialise();
    if (text != plan.newFile().serialise())
        podbay::fuzz::broken("serialise() differs from newFile().serialise()");
    (void)SubidFile::parse(text, plan.path + " (planned)"); // throws: the plan wrote a malformed file
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const auto parts = podbay::fuzz::split(podbay::fuzz::asText(data, size), "\n--\n", 5);
    const auto part = [&](std::size_t i) { return i < parts.size() ? parts[i] : std::string_view(); };
    SubidsSettings settings;
    Accounts accounts;
    Workspace ws;
    try {
        settings = resolveSettings(context(), parseOptions(part(0)));
        accounts = accountsFrom(part(1));
        ws.subuidPath = "/etc/subuid";
        ws.subgidPath = "/etc/subgid";
        ws.subuid = SubidFile::parse(std::string(part(2)), "/etc/subuid");
        ws.subgid = SubidFile::parse(std::string(part(3)), "/etc/subgid");
        if (!part(4).empty())
            ws.state = parseManagedState(std::string(part(4)), "/var/lib/podbay/subids.json", &ws.subuid, &ws.subgid);
    } catch (const HelperError &) {
        return 0; // refused input: what sync reports before touching anything
    }
    const OwnerIndex owners(accounts.list);
    Plan plan;
    try {
        plan = makePlan(settings, accounts, owners, ws);
    } catch (const HelperError &) {
        return 0;
    }
    try {
        checkFile(plan.subuid);
        checkFile(plan.subgid);
    } catch (const HelperError &e) {
        std::fprintf(stderr, "%s\n", e.what());
        podbay::fuzz::broken("a plan does not parse as a subid file");
    }

    // Sync again from what the first one wrote: nothing may change.
    Workspace next;
    next.subuidPath = ws.subuidPath;
    next.subgidPath = ws.subgidPath;
    next.subuid = SubidFile::parse(plan.subuid.serialise(), "/etc/subuid");
    next.subgid = SubidFile::parse(plan.subgid.serialise(), "/etc/subgid");
    for (const auto &[set, filePlan] : {std::pair{&next.state.subuid, &plan.subuid}, std::pair{&next.state.subgid, &plan.subgid}})
        for (std::string_view line : filePlan->managedAfter)
            set->insert(line);
    const Plan again = makePlan(settings, accounts, owners, next);
    if (again.changesFiles())
        podbay::fuzz::broken("a second sync from the planned files would change them again");
    return 0;
}
