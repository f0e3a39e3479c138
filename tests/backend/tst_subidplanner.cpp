// The planner's rules: foreign entries and comments kept, managed ones corrected in place,
// adoption of matching foreign lines, stale managed lines removed, subgid keyed by user,
// idempotence; and RangeAnalysis: overlaps, 2^32, start 0, real account ids.
#include "subids/Planner.h"
#include "subids/RangeAnalysis.h"

#include <QTest>

using namespace podbay::helper::subids;

namespace {

std::vector<Account> sampleAccounts()
{
    return {
        {"root", 0, 0, "/bin/bash"},
        {"svc", 900, 900, "/bin/sh"},
        {"alice", 1001, 1001, "/bin/bash"},
        {"bob", 1002, 2000, "/bin/bash"}, // primary GID differs from the UID
        {"dave", 1004, 1004, "/bin/bash"},
    };
}

struct Fixture
{
    std::vector<Account> accounts = sampleAccounts();
    OwnerIndex owners{accounts};
    StrategyParams params;

    std::vector<const Account *> eligible() const
    {
        std::vector<const Account *> list;
        for (const Account &a : accounts)
            if (a.uid >= 1000)
                list.push_back(&a);
        return list;
    }

    FilePlan plan(const SubidFile &file, const ManagedSet &managed, std::vector<Refusal> *refusals = nullptr,
                  std::uint64_t poolStart = 100000, std::uint64_t poolEnd = 600100000) const
    {
        std::vector<Refusal> local;
        const PlanInput input{&owners, eligible(), params};
        const FileInput fileInput{"/etc/subuid", &file, &managed, params.count, poolStart, poolEnd, {0, 900, 1001, 1002, 1004}};
        return planFile(input, fileInput, refusals ? *refusals : local);
    }
};

ManagedSet asSet(const std::vector<std::string_view> &lines)
{
    return ManagedSet(lines.begin(), lines.end());
}

} // namespace

class TestSubidPlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addsMissingUsersAndKeepsForeignLinesAndComments()
    {
        Fixture f;
        const SubidFile file = SubidFile::parse("# keep me\nsvc:500000:65536\n\n", "f");
        const FilePlan plan = f.plan(file, {});
        QCOMPARE(plan.added().size(), size_t(3));
        QCOMPARE(plan.newFile().serialise(), std::string("# keep me\nsvc:500000:65536\n\nalice:10010001:65536\n"
                                                         "bob:10020001:65536\ndave:10040001:65536\n"));
        QVERIFY(plan.managedChanged);
        QCOMPARE(plan.managedAfter.size(), size_t(3));
    }

    void idempotent()
    {
        Fixture f;
        const SubidFile first = SubidFile::parse("# c\nsvc:500000:65536\n", "f");
        const FilePlan plan = f.plan(first, {});
        const SubidFile written = plan.newFile();
        const FilePlan again = f.plan(written, asSet(plan.managedAfter));
        QVERIFY(!again.fileChanged());
        QVERIFY(!again.managedChanged);
        QVERIFY(again.added().empty() && again.modified.empty() && again.removed.empty());
    }

    void adoptsMatchingForeignLineAndLeavesOthers()
    {
        Fixture f;
        // dave: the shell loop's UID-keyed line, exactly what multiply gives -> adopted.
        // alice: a hand-made range -> kept, nothing added for her.
        const SubidFile file = SubidFile::parse("1004:10040001:65536\nalice:300000:65536\n", "f");
        const FilePlan plan = f.plan(file, {});
        QCOMPARE(plan.adopted.size(), size_t(1));
        QCOMPARE(plan.adopted[0].user, std::string("dave"));
        QCOMPARE(plan.keptForeign, std::vector<std::string>{"alice"});
        QCOMPARE(plan.appended, std::vector<std::string_view>{"bob:10020001:65536"});
        QVERIFY(plan.ops.empty()); // no foreign line touched
        QVERIFY(std::ranges::find(plan.managedAfter, "1004:10040001:65536") != plan.managedAfter.end());
    }

    void correctsManagedLinesInPlace()
    {
        Fixture f;
        f.params.kind = Strategy::Block;
        const SubidFile file = SubidFile::parse("# top\nalice:10010001:65536\n# middle\nbob:10020001:65536\n", "f");
        const FilePlan plan = f.plan(file, asSet({"alice:10010001:65536", "bob:10020001:65536"}));
        QCOMPARE(plan.modified.size(), size_t(2));
        QCOMPARE(plan.newFile().serialise(), std::string("# top\nalice:165536:65536\n# middle\nbob:231072:65536\n"
                                                         "dave:362144:65536\n"));
    }

    void removesStaleManagedLinesOnly()
    {
        Fixture f;
        const SubidFile file = SubidFile::parse("gone:1:65536\nmanual-gone:70000:10\nsvc:9:9\nalice:10010001:65536\n", "f");
        // svc is an account below min-uid; its line is managed here (e.g. min-uid was lowered before).
        const ManagedSet managed = asSet({"gone:1:65536", "svc:9:9", "alice:10010001:65536"});
        const FilePlan plan = f.plan(file, managed);
        QCOMPARE(plan.removed.size(), size_t(2));
        QCOMPARE(plan.removed[0].note, std::string("no such account"));
        QCOMPARE(plan.removed[1].note, std::string("account not eligible"));
        const std::string text = plan.newFile().serialise();
        QVERIFY(text.find("manual-gone:70000:10\n") != std::string::npos); // not the helper's: kept
        QVERIFY(text.find("svc:9:9") == std::string::npos);
        QVERIFY(text.starts_with("manual-gone:70000:10\nalice:10010001:65536\n"));
        // What sync keeps listed in the state until the files are written (views of `managed`).
        QCOMPARE(plan.droppedManaged, (std::vector<std::string_view>{"gone:1:65536", "svc:9:9"}));
        QVERIFY(plan.managedChanged);
    }

    void duplicateManagedLinesCollapse()
    {
        Fixture f;
        const SubidFile file = SubidFile::parse("alice:5:5\nalice:10010001:65536\n", "f");
        const FilePlan plan = f.plan(file, asSet({"alice:5:5", "alice:10010001:65536"}));
        QCOMPARE(plan.removed.size(), size_t(1));
        QCOMPARE(plan.removed[0].before, std::string("alice:5:5"));
        QVERIFY(plan.modified.empty());
    }

    void subgidIsKeyedByUserNotByGroup()
    {
        // bob's primary GID is 2000; the shell loop wrote "2000:20000001:65536" to subgid,
        // which belongs to nobody (no UID 2000). bob must get a line keyed by his name.
        Fixture f;
        const SubidFile subgid = SubidFile::parse("2000:20000001:65536\n", "subgid");
        const FilePlan plan = f.plan(subgid, {});
        const auto bob = std::ranges::find(plan.added(), std::string("bob"), &Change::user);
        QVERIFY(bob != plan.added().end());
        QCOMPARE((*bob).after, std::string_view("bob:10020001:65536"));
        QVERIFY(plan.newFile().serialise().starts_with("2000:20000001:65536\n")); // foreign, kept
    }

    void refusesUsersPast32BitsButKeepsTheirRange()
    {
        Fixture f;
        f.params.kind = Strategy::Block;
        f.params.base = 4294967295ULL - 65536 * 2; // room for uid 1000 and alice (1001), not bob or dave
        std::vector<Refusal> refused;
        const SubidFile file = SubidFile::parse("bob:7:7\n", "f");
        const FilePlan plan = f.plan(file, asSet({"bob:7:7"}), &refused);
        QCOMPARE(refused.size(), size_t(2)); // bob and dave
        QCOMPARE(refused[0].user, std::string("bob"));
        QVERIFY(refused[0].reason.find("2^32") != std::string::npos);
        QVERIFY(plan.removed.empty()); // bob keeps the range he has
        QCOMPARE(plan.added().size(), size_t(1));
    }

    void allocateKeepsExistingAndFillsHoles()
    {
        Fixture f;
        f.params.kind = Strategy::Allocate;
        const SubidFile file = SubidFile::parse("alice:100000:65536\nsvc:200000:65536\n", "f");
        const FilePlan plan = f.plan(file, asSet({"alice:100000:65536"}), nullptr, 100000, 400000);
        // alice keeps her range; bob and dave get the first free blocks, around svc's.
        QCOMPARE(plan.appended, (std::vector<std::string_view>{"bob:265536:65536", "dave:331072:65536"}));
        QVERIFY(plan.ops.empty());
    }

    void allocateRefusesWhenThePoolIsFull()
    {
        Fixture f;
        f.params.kind = Strategy::Allocate;
        std::vector<Refusal> refused;
        const SubidFile file;
        const FilePlan plan = f.plan(file, {}, &refused, 100000, 100000 + 65536 * 2 - 1);
        QCOMPARE(plan.appended.size(), size_t(2));
        QCOMPARE(refused.size(), size_t(1));
        QCOMPARE(refused[0].user, std::string("dave"));
        QVERIFY(refused[0].reason.find("no free block") != std::string::npos);
    }

    void analysisFindsEveryKindOfProblem()
    {
        const auto accounts = sampleAccounts();
        const OwnerIndex owners(accounts);
        const SubidFile file = SubidFile::parse("alice:10010001:65536\n"
                                                "bob:10020001:65536\n"
                                                "1001:10010001:65536\n" // alice again, by UID: no overlap with herself
                                                "dave:0:10\n"
                                                "svc:4294967290:10\n"
                                                "ghost:5000000:0\n"
                                                "root:900:200\n",
                                                "/etc/subuid");
        const Analysis a = analyzeRanges({"/etc/subuid", entriesOf(file), &owners, {0, 900, 1001, 1002, 1004}, "UID"});
        QCOMPARE(a.totals.at("overlap"), size_t(1)); // bob/alice; alice's two lines are one owner
        QCOMPARE(a.totals.at("start-zero"), size_t(1));
        QCOMPARE(a.totals.at("past-32bit"), size_t(1));
        QCOMPARE(a.totals.at("empty-range"), size_t(1));
        QCOMPARE(a.totals.at("unknown-owner"), size_t(1));
        QCOMPARE(a.totals.at("covers-account-ids"), size_t(2)); // dave covers UID 0, root covers 900 and 1001..1004
        QCOMPARE(a.errors, size_t(5));
        const auto covers = std::ranges::find(a.findings, std::string("covers-account-ids"), &Finding::code);
        QVERIFY(covers->message.find("covers UID 0 of real accounts") != std::string::npos);
    }

    void managedLinesAreListedInFileOrder()
    {
        // The state file lists them so; the next run then matches them without hashing.
        Fixture f;
        f.params.kind = Strategy::Block;
        const SubidFile file =
            SubidFile::parse("# top\nbob:10020001:65536\nsvc:500000:65536\nalice:10010001:65536\n", "f");
        const FilePlan plan = f.plan(file, asSet({"alice:10010001:65536", "bob:10020001:65536"}));
        QCOMPARE(plan.managedAfter,
                 (std::vector<std::string_view>{"bob:231072:65536", "alice:165536:65536", "dave:362144:65536"}));
        // Planned again on its own result with the lines recorded in any order: nothing changes.
        const SubidFile written = plan.newFile();
        std::vector<std::string_view> reversed(plan.managedAfter.rbegin(), plan.managedAfter.rend());
        const FilePlan again = f.plan(written, asSet(reversed));
        QVERIFY(!again.fileChanged());
        QVERIFY(!again.managedChanged);
        const FilePlan same = f.plan(written, asSet(plan.managedAfter));
        QVERIFY(!same.managedChanged);
        QVERIFY(f.plan(written, asSet({"bob:231072:65536"})).managedChanged);
    }

    void addedChangesComeFromTheAppendedLines()
    {
        Fixture f;
        const SubidFile file = SubidFile::parse("# only a comment\n", "f");
        const FilePlan plan = f.plan(file, {});
        const auto added = plan.added();
        QCOMPARE(added.size(), plan.appended.size());
        QCOMPARE(added.size(), size_t(3)); // alice, bob, dave (uid >= 1000)
        std::size_t i = 0;
        for (const Change &c : added) {
            QCOMPARE(c.after, plan.appended[i]);
            QCOMPARE(c.user, plan.appendedAccounts[i]->name);
            QCOMPARE(c.uid, plan.appendedAccounts[i]->uid);
            QVERIFY(c.before.empty() && c.note.empty());
            ++i;
        }
        QCOMPARE(added[1].user, std::string_view("bob"));
        QCOMPARE(added[1].uid, std::uint64_t(1002));
        // A plan made by hand has no accounts: the owner is taken from the line.
        FilePlan manual;
        manual.old = &file;
        manual.appended = {"carol:1:1"};
        QCOMPARE(manual.added()[0].user, std::string_view("carol"));
    }

    void newEntriesAreTheWrittenFilesEntries()
    {
        // What the analysis of a sync looks at (no file is built for it) must be exactly the
        // entries of the file that is written, with each owner resolved as the index would.
        Fixture f;
        f.params.kind = Strategy::Block;
        const SubidFile file = SubidFile::parse("# top\nalice:10010001:65536\n1004:5:5\nghost:7:7\nsvc:9:9\n"
                                                "alice:1:1\n",
                                                "f");
        const FilePlan plan =
            f.plan(file, asSet({"alice:10010001:65536", "ghost:7:7", "svc:9:9", "alice:1:1", "1004:5:5"}));
        QVERIFY(!plan.modified.empty() && !plan.removed.empty() && !plan.appended.empty());
        const std::vector<EntryRef> planned = plan.newEntries(f.owners);
        const SubidFile written = plan.newFile();
        const std::vector<EntryRef> fromFile = entriesOf(written);
        QCOMPARE(planned.size(), fromFile.size());
        for (std::size_t i = 0; i < planned.size(); ++i) {
            QCOMPARE(planned[i].owner, fromFile[i].owner);
            QCOMPARE(planned[i].start, fromFile[i].start);
            QCOMPARE(planned[i].count, fromFile[i].count);
            QCOMPARE(planned[i].line, fromFile[i].line);
            QCOMPARE(planned[i].account, f.owners.resolve(fromFile[i].owner));
        }
        AnalysisInput resolved{"f", planned, &f.owners, {0, 900, 1001, 1002, 1004}, "UID"};
        resolved.resolved = true;
        const Analysis a = analyzeRanges(resolved);
        const Analysis b = analyzeRanges({"f", fromFile, &f.owners, {0, 900, 1001, 1002, 1004}, "UID"});
        QCOMPARE(a.totals, b.totals);
        QCOMPARE(a.findings.size(), b.findings.size());
        for (std::size_t i = 0; i < a.findings.size(); ++i)
            QCOMPARE(a.findings[i].message, b.findings[i].message);
    }

    void ownerIndexReusesTheListsNameIndex()
    {
        AccountList list = parsePasswd("root:x:0:0::/root:/bin/bash\nalice:x:1001:1001::/h:/bin/sh\n"
                                       "alice:x:2001:2001::/h:/bin/sh\nbob:x:1002:2000::/h:/bin/sh\n",
                                       "passwd");
        QCOMPARE(list.accounts.size(), size_t(3)); // the second alice is dropped, with a warning
        QCOMPARE(list.warnings.size(), size_t(1));
        {
            const OwnerIndex owners(list);
            QCOMPARE(owners.resolve("alice")->uid, std::uint64_t(1001));
            QCOMPARE(owners.resolve("bob")->uid, std::uint64_t(1002));
            QCOMPARE(owners.resolve("1002")->name, std::string("bob")); // a numeric owner is a UID
            QVERIFY(!owners.resolve("carol"));
            QCOMPARE(owners.indexOf(owners.resolve("bob")), size_t(2));
        }
        // An account added afterwards (check --user looks one up with getpwnam): the list's
        // index is stale and the index makes its own.
        list.accounts.push_back({"carol", 1003, 1003, "/bin/sh"});
        const OwnerIndex owners(list);
        QCOMPARE(owners.resolve("carol")->uid, std::uint64_t(1003));
        QCOMPARE(owners.resolve("alice")->uid, std::uint64_t(1001));
        const Account other{"x", 1, 1, ""};
        QVERIFY_THROWS_EXCEPTION(std::logic_error, owners.indexOf(&other));
    }

    void analysisCapsExamplesButCountsAll()
    {
        std::vector<Account> accounts;
        std::string text;
        for (int i = 0; i < 100; ++i) {
            accounts.push_back({"u" + std::to_string(i), std::uint64_t(2000 + i), 100, "/bin/sh"});
            text += "u" + std::to_string(i) + ":" + std::to_string((2000 + i) * 10000 + 1) + ":65536\n";
        }
        const OwnerIndex owners(accounts);
        const SubidFile file = SubidFile::parse(text, "f");
        AnalysisInput input{"f", entriesOf(file), &owners, {}, "UID"};
        input.maxPerCode = 5;
        const Analysis a = analyzeRanges(input);
        QCOMPARE(a.totals.at("overlap"), size_t(99));
        QCOMPARE(a.findings.size(), size_t(5));
    }
};

QTEST_GUILESS_MAIN(TestSubidPlanner)
#include "tst_subidplanner.moc"
