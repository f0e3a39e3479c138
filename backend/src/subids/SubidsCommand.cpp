#include "SubidsCommand.h"

#include "Checker.h"
#include "HelperError.h"
#include "Nsswitch.h"
#include "Output.h"
#include "PlanReport.h"
#include "Sync.h"
#include "config/Numbers.h"

#include <podbay/protocol/Protocol.h>

#include <array>
#include <cstdint>
#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace podbay::helper {
namespace {
using namespace subids;

constexpr std::string_view kUsage =
    "usage: podbay-helper [--root DIR] [--config FILE] [--json] subids plan  [options]\n"
    "       podbay-helper [--root DIR] [--config FILE] [--json] subids sync  [options] [--dry-run]\n"
    "       podbay-helper [--root DIR] [--config FILE] [--json] subids check [--user NAME] [--passwd FILE]\n"
    "options:\n"
    "  --strategy multiply|block|allocate   how ranges are chosen (default multiply)\n"
    "  --passwd FILE     users from a passwd(5) file instead of NSS (getent passwd)\n"
    "  --min-uid N       users with uid >= N get ranges (default 1000)\n"
    "  --count N         ids per user (default 65536)\n"
    "  --multiplier N    multiply: start = uid * N + 1 (default 10000)\n"
    "  --base N          block: start = N + (uid - min-uid) * count (default 100000)\n"
    "  --pool-start N --pool-end N   allocate: the pool (default login.defs SUB_UID_MIN/MAX)\n"
    "  --dry-run         sync: print the diff of both files, write nothing\n"
    "  --user NAME       check: one user's ranges, size, overlaps and 32-bit issues\n"
    "settings: /etc/podbay/helper.conf [subids], documented in docs/helper-conf.md\n\n"
    "example:\n"
    "  podbay-helper subids sync --strategy multiply --dry-run   (the ranges uid*10000+1 sites use)\n"
    "  podbay-helper subids check --user alice\n";

[[noreturn]] void usageError(const std::string &message)
{
    throw HelperError(protocol::error::kUsage, "subids: " + message, "run: podbay-helper subids --help");
}

struct NumberOption
{
    std::string_view flag;
    std::optional<std::uint64_t> SubidsOptions::*field;
    std::uint64_t min;
    std::uint64_t max;
};

constexpr std::array kNumberOptions{
    NumberOption{"--min-uid", &SubidsOptions::minUid, 0, bounds::kMaxId},
    NumberOption{"--count", &SubidsOptions::count, 1, bounds::kMaxCount},
    NumberOption{"--multiplier", &SubidsOptions::multiplier, 1, bounds::kMaxMultiplier},
    NumberOption{"--base", &SubidsOptions::base, 1, bounds::kMaxId},
    NumberOption{"--pool-start", &SubidsOptions::poolStart, 1, bounds::kMaxId},
    NumberOption{"--pool-end", &SubidsOptions::poolEnd, 1, bounds::kMaxId},
};

SubidsOptions parseOptions(std::string_view verb, Args args)
{
    SubidsOptions o;
    const bool check = verb == "check";
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        const auto value = [&]() -> const std::string & {
            if (i + 1 >= args.size())
                usageError("option " + arg + " needs a value");
            return args[++i];
        };
        const auto number = std::ranges::find(kNumberOptions, arg, &NumberOption::flag);
        if (arg == "--passwd") {
            o.passwd = value();
        } else if (arg == "--dry-run" && verb == "sync") {
            o.dryRun = true;
        } else if (arg == "--user" && check) {
            o.user = value();
            if (o.user->empty())
                usageError("--user needs a name");
        } else if (arg == "--strategy" && !check) {
            const std::string &name = value();
            o.strategy = strategyFromName(name);
            if (!o.strategy)
                usageError("unknown strategy '" + name + "' (multiply, block or allocate)");
        } else if (number != kNumberOptions.end() && (!check || arg == "--min-uid")) {
            const std::string &text = value();
            const auto parsed = config::parseUnsigned(text, number->min, number->max);
            if (!parsed)
                usageError(arg + " '" + text + "' must be " + config::boundsText(number->min, number->max));
            o.*(number->field) = parsed;
        } else {
            usageError("unknown option " + arg + " for subids " + std::string(verb));
        }
    }
    return o;
}

void refuseOtherSource(const CommandContext &ctx)
{
    const SubidSource source = readSubidSource(ctx.systemPath("/etc/nsswitch.conf"));
    if (!source.isFiles())
        throw HelperError(protocol::error::kForbidden,
                          "subordinate ids on this node come from '" + source.name + "' (nsswitch.conf line "
                              + std::to_string(source.line) + ": subid: " + source.name
                              + "), not from /etc/subuid and /etc/subgid; podbay-helper will not write files "
                                "that newuidmap does not read",
                          "manage the ranges in the directory service (e.g. FreeIPA); "
                          "`podbay-helper subids check --user NAME` reads them through getsubids");
}

std::vector<Analysis> analyseNewFiles(const Plan &plan, const Accounts &accounts, const OwnerIndex &owners)
{
    std::vector<Analysis> analyses;
    for (const FilePlan *file : {&plan.subuid, &plan.subgid}) {
        const bool uid = file == &plan.subuid;
        analyses.push_back(analyzeRanges({file->path, file->newEntries(owners), &owners,
                                          uid ? accounts.uids : accounts.gids, uid ? "UID" : "GID", 20, true, true}));
    }
    return analyses;
}

// glibc gives blocks from 128 KiB up their own mmap and unmaps them when freed, so the
// next large block faults in fresh zeroed pages again; plan and sync hold a few dozen such
// blocks at 100,000 users (lists of accounts, lines and views), and a page fault is a
// large part of their cost, most on virtual machines (bench/subids). Serve them from the
// heap and keep freed memory there for reuse. This is process-wide and lasts: fine here,
// because `subids plan|sync` is only reached from the command line, one command per
// process (setup and serve call the planner directly). Peak RSS is what is live at once
// either way.
//
// The heap is then grown once by kHeapReserve and that part advised for transparent huge
// pages (madvise(2) MADV_HUGEPAGE; it counts where THP is "madvise", the default on Debian
// and what RHEL's "always" does anyway): one fault per 2 MiB instead of one per 4 KiB,
// 8,500 faults fewer at 100,000 users, and the sync takes less than half the time
// (glibc's own tunable glibc.malloc.hugetlb=1 does the same for a whole process;
// docs/performance.md). Untouched reserve stays virtual. Where THP is off or madvise
// fails, nothing changes but speed.
void keepFreedMemory()
{
#if defined(__GLIBC__)
    ::mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024); // glibc's upper limit for the threshold
    ::mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    constexpr std::uintptr_t kHugePage = 2 * 1024 * 1024;
    constexpr std::size_t kHeapReserve = 96 * 1024 * 1024;
    ::mallopt(M_TOP_PAD, static_cast<int>(kHeapReserve));
    const auto before = reinterpret_cast<std::uintptr_t>(::sbrk(0));
    // Below the mmap threshold, so it comes from the heap, which grows by it plus the pad
    // (volatile: the compiler may drop a malloc whose block is only freed).
    void *volatile block = ::malloc(16 * 1024 * 1024);
    ::free(block);
    const auto after = reinterpret_cast<std::uintptr_t>(::sbrk(0));
    const std::uintptr_t start = (before + kHugePage - 1) & ~(kHugePage - 1);
    const std::uintptr_t end = after & ~(kHugePage - 1);
    if (before != static_cast<std::uintptr_t>(-1) && end > start)
        ::madvise(reinterpret_cast<void *>(start), end - start, MADV_HUGEPAGE);
#endif
}

int runPlanOrSync(CommandContext &ctx, std::string_view verb, const SubidsOptions &options)
{
    keepFreedMemory();
    const SubidsSettings settings = resolveSettings(ctx, options);
    refuseOtherSource(ctx);
    const Accounts accounts = loadAccounts(settings);
    const OwnerIndex owners(accounts.list);
    const bool sync = verb == "sync";
    SyncOutcome outcome =
        sync ? runSync(ctx, settings, accounts, owners, options.dryRun) : planOnly(ctx, settings, accounts, owners);
    // The report needs neither the record (3 MB at 100,000 users) nor what views it.
    outcome.workspace->state = {};
    outcome.plan.subuid.droppedManaged.clear();
    outcome.plan.subgid.droppedManaged.clear();

    PlanContext report;
    report.command = std::string(verb);
    report.strategy = std::string(strategyName(settings.params.kind));
    report.source = accounts.list.source;
    report.dryRun = options.dryRun;
    report.withDiff = options.dryRun || (!sync && ctx.json);
    report.statePath = settings.statePath.string();
    report.configWarnings = settings.warnings;
    report.configWarnings.insert(report.configWarnings.end(), accounts.list.warnings.begin(),
                                 accounts.list.warnings.end());
    report.analyses = analyseNewFiles(outcome.plan, accounts, owners);
    report.subuidWritten = outcome.subuidWritten;
    report.subgidWritten = outcome.subgidWritten;
    report.stateWritten = outcome.stateWritten;
    report.stop = outcome.stop;
    if (ctx.json)
        printJson(ctx, planToJson(outcome.plan, report));
    else
        printPlanText(ctx.out, outcome.plan, report);

    // A sync that could not do everything fails, so the timer's unit shows it.
    if (sync && !options.dryRun && (!outcome.stop.empty() || !outcome.plan.refused.empty()))
        return 1;
    return 0;
}

} // namespace

int runSubids(CommandContext &ctx, Args args)
{
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        (args.empty() ? ctx.err : ctx.out) << kUsage;
        return args.empty() ? 2 : 0;
    }
    const std::string verb = args[0];
    if (verb != "plan" && verb != "sync" && verb != "check")
        usageError("unknown subcommand '" + verb + "' (plan, sync or check)");
    const SubidsOptions options = parseOptions(verb, args.subspan(1));
    if (verb != "check")
        return runPlanOrSync(ctx, verb, options);

    const CheckReport report = runCheck(ctx, resolveSettings(ctx, options), options.user);
    if (ctx.json)
        printJson(ctx, report.document);
    else
        ctx.out << report.text;
    return report.ok ? 0 : 1;
}

} // namespace podbay::helper
