// `podbay-helper subids plan|sync|check` end to end on fixture trees (--root): what is
// written, what is kept, what is refused, and that bad input changes nothing.
#include "Cli.h"
#include "CommandContext.h"
#include "subids/Workspace.h"

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace fs = std::filesystem;
using podbay::helper::runCli;

namespace {

const fs::path kFixtures = PODBAY_SUBIDS_FIXTURES;

struct Run
{
    int exitCode;
    std::string out;
    std::string err;
    nlohmann::json json() const { return nlohmann::json::parse(out); }
};

// A fixture root: ROOT/etc/{passwd,subuid,subgid} copied from tests/backend/fixtures/subids.
class Tree
{
public:
    Tree()
    {
        fs::create_directories(path("/etc"));
        put("passwd", "/etc/passwd");
        put("subuid", "/etc/subuid");
        put("subgid", "/etc/subgid");
    }

    fs::path root() const { return m_dir.path().toStdString(); }
    fs::path path(const std::string &absolute) const { return root() / fs::path(absolute).relative_path(); }
    void put(const std::string &fixture, const std::string &absolute) const
    {
        fs::create_directories(path(absolute).parent_path());
        fs::copy_file(kFixtures / fixture, path(absolute), fs::copy_options::overwrite_existing);
    }
    void write(const std::string &absolute, const std::string &text) const
    {
        fs::create_directories(path(absolute).parent_path());
        std::ofstream(path(absolute), std::ios::binary) << text;
    }
    std::string read(const std::string &absolute) const
    {
        std::ifstream in(path(absolute), std::ios::binary);
        if (!in)
            return "<missing>";
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }
    bool exists(const std::string &absolute) const { return fs::exists(path(absolute)); }

    Run run(std::vector<std::string> args) const
    {
        args.insert(args.begin(), {"--root", root().string()});
        std::ostringstream out, err;
        const int code = runCli(args, out, err);
        return {code, out.str(), err.str()};
    }

private:
    QTemporaryDir m_dir;
};

const std::string kSyncedSubuid = "# Site ranges. Do not remove the backup service's range.\n"
                                  "svc-backup:500000:65536\n"
                                  "\n"
                                  "# dave's range, written by the old hourly shell loop (keyed by UID)\n"
                                  "1004:10040001:65536\n"
                                  "alice:10010001:65536\n"
                                  "bob:10020001:65536\n";
const std::string kSyncedSubgid = "# Site ranges.\n"
                                  "svc-backup:500000:65536\n"
                                  "alice:10010001:65536\n"
                                  "bob:10020001:65536\n"
                                  "dave:10040001:65536\n";

struct timespec mtimeOf(const fs::path &p)
{
    struct stat st{};
    ::stat(p.c_str(), &st);
    return st.st_mtim;
}

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

std::string errorCode(const Run &r)
{
    return r.json().at("error").at("code").get<std::string>();
}

} // namespace

class TestSubidsCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void planWritesNothing()
    {
        Tree t;
        const Run r = t.run({"subids", "plan"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(contains(r.out, "/etc/subuid: 2 to add, 0 to change, 0 to remove, 1 adopted"), r.out.c_str());
        QVERIFY(contains(r.out, "+ alice:10010001:65536"));
        QCOMPARE(t.read("/etc/subuid"), (std::ifstream(kFixtures / "subuid"), t.read("/etc/subuid")));
        QVERIFY(!t.exists("/etc/subuid-"));
        QVERIFY(!t.exists("/var/lib/podbay/subids.json"));
    }

    void syncKeepsForeignEntriesAndComments()
    {
        Tree t;
        const Run r = t.run({"subids", "sync"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(t.read("/etc/subuid"), kSyncedSubuid);
        // subgid: keyed by user name; bob's primary GID (2000) plays no part.
        QCOMPARE(t.read("/etc/subgid"), kSyncedSubgid);
        QCOMPARE(t.read("/etc/subuid-"), t.read("/etc/subuid-") /* exists */);
        QVERIFY(t.exists("/etc/subuid-") && t.exists("/etc/subgid-"));
        const auto state = nlohmann::json::parse(t.read("/var/lib/podbay/subids.json"));
        QCOMPARE(state.at("subuid").size(), size_t(3)); // alice, bob, and the adopted 1004 line
        QVERIFY(!t.exists("/etc/subuid.lock"));
        QVERIFY(contains(r.out, "(written)"));
    }

    void secondSyncTouchesNothing()
    {
        Tree t;
        QCOMPARE(t.run({"subids", "sync"}).exitCode, 0);
        const auto before = mtimeOf(t.path("/etc/subuid"));
        const auto backupBefore = mtimeOf(t.path("/etc/subuid-"));
        const auto stateBefore = mtimeOf(t.path("/var/lib/podbay/subids.json"));
        struct stat st{};
        ::stat(t.path("/etc/subuid").c_str(), &st);
        const ino_t inode = st.st_ino;
        QTest::qWait(20);
        const Run r = t.run({"subids", "sync"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(contains(r.out, "/etc/subuid: unchanged") && contains(r.out, "/etc/subgid: unchanged"), r.out.c_str());
        const auto after = mtimeOf(t.path("/etc/subuid"));
        QCOMPARE(after.tv_sec, before.tv_sec);
        QCOMPARE(after.tv_nsec, before.tv_nsec);
        QCOMPARE(mtimeOf(t.path("/etc/subuid-")).tv_nsec, backupBefore.tv_nsec);
        QCOMPARE(mtimeOf(t.path("/var/lib/podbay/subids.json")).tv_nsec, stateBefore.tv_nsec);
        ::stat(t.path("/etc/subuid").c_str(), &st);
        QCOMPARE(st.st_ino, inode);
        const Run json = t.run({"--json", "subids", "sync"});
        QCOMPARE(json.json().at("files").at(0).at("written").get<bool>(), false);
        QCOMPARE(json.json().at("state").at("written").get<bool>(), false);
    }

    void managedEntriesSurviveReorderingByShadow()
    {
        // useradd's automatic allocation sorts the whole file and moves comments to the end
        // (shadow lib/subordinateio.c); usermod --add-subuids appends. Neither may make the
        // helper lose track of its lines.
        Tree t;
        QCOMPARE(t.run({"subids", "sync"}).exitCode, 0);
        t.write("/etc/subuid", "svc-backup:500000:65536\n1004:10040001:65536\nalice:10010001:65536\n"
                               "bob:10020001:65536\neve:700000:65536\n"
                               "# Site ranges. Do not remove the backup service's range.\n"
                               "\n# dave's range, written by the old hourly shell loop (keyed by UID)\n");
        const Run r = t.run({"subids", "sync"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(contains(r.out, "/etc/subuid: unchanged"), r.out.c_str());
    }

    void dryRunPrintsDiffOfBothFiles()
    {
        Tree t;
        const Run r = t.run({"subids", "sync", "--dry-run"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(contains(r.out, "--- " + t.path("/etc/subuid").string() + "\n+++ " + t.path("/etc/subuid").string()
                                     + " (planned)\n@@ -3,3 +3,5 @@\n \n # dave's"),
                 r.out.c_str());
        QVERIFY(contains(r.out, "+alice:10010001:65536\n+bob:10020001:65536\n"));
        QVERIFY(contains(r.out, "@@ -1,2 +1,5 @@\n # Site ranges.\n svc-backup:500000:65536\n+alice:10010001:65536\n"));
        QVERIFY(contains(r.out, "dry run: nothing was written"));
        QCOMPARE(t.read("/etc/subgid"), std::string("# Site ranges.\nsvc-backup:500000:65536\n"));
        QVERIFY(!t.exists("/var/lib/podbay/subids.json"));
    }

    void jsonHasTheSameAsData()
    {
        Tree t;
        const Run r = t.run({"--json", "subids", "sync", "--dry-run"});
        QCOMPARE(r.exitCode, 0);
        const auto doc = r.json();
        QCOMPARE(doc.at("strategy").get<std::string>(), std::string("multiply"));
        QCOMPARE(doc.at("eligible_users").get<int>(), 3);
        QCOMPARE(doc.at("dry_run").get<bool>(), true);
        const auto &subuid = doc.at("files").at(0);
        QCOMPARE(subuid.at("added").size(), size_t(2));
        QCOMPARE(subuid.at("added").at(0).at("after").get<std::string>(), std::string("alice:10010001:65536"));
        QCOMPARE(subuid.at("adopted").at(0).at("user").get<std::string>(), std::string("dave"));
        QVERIFY(contains(subuid.at("diff").get<std::string>(), "+bob:10020001:65536\n"));
        QCOMPARE(doc.at("files").at(1).at("added").size(), size_t(3));
        QVERIFY(doc.at("refused").empty());
        QCOMPARE(doc.at("warnings").at("totals").at("overlap").get<int>(), 4); // multiply's neighbours
    }

    void blockStrategyFromConfigWithUnknownKeyWarning()
    {
        Tree t;
        t.put("helper.conf", "/etc/podbay/helper.conf");
        const Run r = t.run({"--json", "subids", "sync"});
        QCOMPARE(r.exitCode, 0);
        const auto doc = r.json();
        QCOMPARE(doc.at("strategy").get<std::string>(), std::string("block"));
        QCOMPARE(doc.at("config_warnings").at(0).get<std::string>(),
                 t.path("/etc/podbay/helper.conf").string() + ":16: unknown key [subids] colour (ignored)");
        // dave is in skip_users; his old UID-keyed line is not the helper's and stays.
        QCOMPARE(t.read("/etc/subuid"), std::string("# Site ranges. Do not remove the backup service's range.\n"
                                                    "svc-backup:500000:65536\n\n"
                                                    "# dave's range, written by the old hourly shell loop (keyed by UID)\n"
                                                    "1004:10040001:65536\n"
                                                    "alice:1065536:65536\nbob:1131072:65536\n"));
        QVERIFY(doc.at("warnings").at("totals").empty());
    }

    void flagsOverrideConfig()
    {
        Tree t;
        t.put("helper.conf", "/etc/podbay/helper.conf");
        const Run r = t.run({"--json", "subids", "plan", "--strategy", "multiply", "--multiplier", "20000", "--min-uid", "1002"});
        QCOMPARE(r.exitCode, 0);
        const auto doc = r.json();
        QCOMPARE(doc.at("strategy").get<std::string>(), std::string("multiply"));
        QCOMPARE(doc.at("eligible_users").get<int>(), 1); // bob (dave is skipped by the config)
        QCOMPARE(doc.at("files").at(0).at("added").at(0).at("after").get<std::string>(), std::string("bob:20040001:65536"));
    }

    void explicitConfigFile()
    {
        Tree t;
        const Run r = t.run({"--config", (kFixtures / "helper.conf").string(), "--json", "subids", "plan"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().at("strategy").get<std::string>(), std::string("block"));
        const Run missing = t.run({"--config", "/nonexistent/helper.conf", "--json", "subids", "plan"});
        QCOMPARE(missing.exitCode, 1);
        QCOMPARE(errorCode(missing), std::string("E_NOT_FOUND"));
    }

    void allocateUsesLoginDefsPools()
    {
        Tree t;
        t.put("login.defs", "/etc/login.defs");
        const Run r = t.run({"subids", "sync", "--strategy", "allocate"});
        QCOMPARE(r.exitCode, 0);
        // SUB_UID 200000..400000: dave keeps his foreign line, alice and bob get the first blocks.
        QVERIFY(contains(t.read("/etc/subuid"), "1004:10040001:65536\nalice:200000:65536\nbob:265536:65536\n"));
        // SUB_GID 300000..600000.
        QVERIFY(contains(t.read("/etc/subgid"), "svc-backup:500000:65536\nalice:300000:65536\nbob:365536:65536\n"
                                                "dave:431072:65536\n"));
        // Allocate never changes an existing range, whatever the pool says now.
        const Run again = t.run({"subids", "sync", "--strategy", "allocate", "--pool-start", "1000000", "--pool-end", "2000000"});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(contains(again.out, "/etc/subuid: unchanged"));
    }

    void usersPast32BitsAreRefusedByName()
    {
        Tree t;
        t.write("/etc/passwd", "alice:x:1001:1001::/home/alice:/bin/bash\nhuge:x:500000:500000::/home/huge:/bin/bash\n");
        t.write("/etc/subuid", "");
        const Run r = t.run({"subids", "sync"});
        QCOMPARE(r.exitCode, 1); // the timer's unit fails so the admin sees it
        QVERIFY2(contains(r.out, "huge (uid 500000): the range 5000000001+65536 would pass 2^32"), r.out.c_str());
        QVERIFY(contains(r.out, "hint: --strategy allocate"));
        QCOMPARE(t.read("/etc/subuid"), std::string("alice:10010001:65536\n")); // the others are written
        const Run block = t.run({"--json", "subids", "plan", "--strategy", "block", "--base", "4294900000"});
        QCOMPARE(block.json().at("refused").size(), size_t(2));
    }

    void malformedSubuidChangesNothing()
    {
        Tree t;
        t.put("subuid-malformed", "/etc/subuid");
        const std::string before = t.read("/etc/subuid");
        const Run r = t.run({"--json", "subids", "sync"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(errorCode(r), std::string("E_BAD_INPUT"));
        QVERIFY(contains(r.out, "subuid:3: malformed line 'bob:10020001'"));
        QCOMPARE(t.read("/etc/subuid"), before);
        QCOMPARE(t.read("/etc/subgid"), std::string("# Site ranges.\nsvc-backup:500000:65536\n"));
        QVERIFY(!t.exists("/var/lib/podbay/subids.json"));
        QCOMPARE(t.run({"subids", "check"}).exitCode, 1);
    }

    void junkPasswdChangesNothing()
    {
        Tree t;
        const Run r = t.run({"--json", "subids", "sync", "--passwd", (kFixtures / "passwd-junk").string()});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(errorCode(r), std::string("E_BAD_INPUT"));
        QVERIFY(contains(r.out, "passwd-junk:2: expected 7 fields"));
        QVERIFY(!t.exists("/etc/subuid-"));
        const Run missing = t.run({"--json", "subids", "plan", "--passwd", "/nonexistent/passwd"});
        QCOMPARE(errorCode(missing), std::string("E_NOT_FOUND"));
    }

    void damagedStateFileIsAnError()
    {
        Tree t;
        t.write("/var/lib/podbay/subids.json", "{not json");
        const Run r = t.run({"--json", "subids", "sync"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(errorCode(r), std::string("E_BAD_INPUT"));
        QVERIFY(!t.exists("/etc/subuid-"));
    }

    void badCommandLines_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no verb") << QStringList{"subids"} << "usage:";
        QTest::newRow("unknown verb") << QStringList{"subids", "frob"} << "unknown subcommand 'frob'";
        QTest::newRow("unknown strategy") << QStringList{"subids", "plan", "--strategy", "random"} << "unknown strategy 'random'";
        QTest::newRow("count zero") << QStringList{"subids", "plan", "--count", "0"} << "--count '0' must be a whole number between 1 and 4294967294";
        QTest::newRow("count junk") << QStringList{"subids", "plan", "--count", "12abc"} << "--count '12abc'";
        QTest::newRow("min-uid overflow") << QStringList{"subids", "plan", "--min-uid", "99999999999999999999"} << "--min-uid";
        QTest::newRow("negative base") << QStringList{"subids", "plan", "--strategy", "block", "--base", "-5"} << "--base '-5'";
        QTest::newRow("missing value") << QStringList{"subids", "plan", "--passwd"} << "--passwd needs a value";
        QTest::newRow("multiplier with block") << QStringList{"subids", "plan", "--strategy", "block", "--multiplier", "5"} << "--multiplier only applies";
        QTest::newRow("pool with multiply") << QStringList{"subids", "plan", "--pool-start", "5"} << "--pool-start and --pool-end only apply";
        QTest::newRow("dry-run for plan") << QStringList{"subids", "plan", "--dry-run"} << "unknown option --dry-run for subids plan";
        QTest::newRow("user for sync") << QStringList{"subids", "sync", "--user", "alice"} << "unknown option --user";
        QTest::newRow("strategy for check") << QStringList{"subids", "check", "--strategy", "block"} << "unknown option --strategy";
        QTest::newRow("empty pool") << QStringList{"subids", "plan", "--strategy", "allocate", "--pool-start", "500", "--pool-end", "100"} << "pool is empty";
    }

    void badCommandLines()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        Tree t;
        std::vector<std::string> argv;
        for (const QString &a : args)
            argv.push_back(a.toStdString());
        const Run r = t.run(argv);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(contains(r.err, expected.toStdString()), r.err.c_str());
        QVERIFY(!t.exists("/etc/subuid-"));
    }

    void badConfigValueNamesTheLine()
    {
        Tree t;
        t.write("/etc/podbay/helper.conf", "[subids]\nstrategy = block\ncount = lots\n");
        const Run r = t.run({"subids", "plan"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(contains(r.err, "helper.conf:3: [subids] count = 'lots' must be a whole number"), r.err.c_str());
    }

    void lockHeldByLiveProcessChangesNothing()
    {
        Tree t;
        t.write("/etc/podbay/helper.conf", "[subids]\nlock_timeout = 0\n");
        QProcess holder;
        holder.start("sleep", {"30"});
        QVERIFY(holder.waitForStarted());
        t.write("/etc/subgid.lock", std::to_string(holder.processId()) + std::string(1, '\0'));
        const Run r = t.run({"--json", "subids", "sync"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(errorCode(r), std::string("E_LOCKED"));
        QVERIFY(contains(r.json().at("error").at("message").get<std::string>(), "subgid is locked by process"));
        QVERIFY(!t.exists("/etc/subuid-") && !t.exists("/etc/subuid.lock")); // our subuid lock was released
        QVERIFY(t.exists("/etc/subgid.lock"));
        holder.kill();
        holder.waitForFinished();
        // Now the holder is dead: its lock is stale and is taken over.
        QCOMPARE(t.run({"subids", "sync"}).exitCode, 0);
        QVERIFY(!t.exists("/etc/subgid.lock"));
        QCOMPARE(t.read("/etc/subgid"), kSyncedSubgid);
    }

    void leftoverTempFilesAreCleanedUnderTheLock()
    {
        Tree t;
        t.write("/etc/subuid.podbay-Xy12Ab", "half a fi");
        QCOMPARE(t.run({"subids", "sync"}).exitCode, 0);
        QVERIFY(!t.exists("/etc/subuid.podbay-Xy12Ab"));
    }

    void tooManyRemovalsStopsSync()
    {
        Tree t;
        t.write("/etc/podbay/helper.conf", "[subids]\nmax_removals = 1\n");
        QCOMPARE(t.run({"subids", "sync"}).exitCode, 0);
        // The directory service "loses" two users: their managed lines would go.
        t.write("/etc/passwd", "dave:x:1004:1004::/home/dave:/bin/bash\n");
        const std::string before = t.read("/etc/subuid");
        const Run r = t.run({"subids", "sync"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(contains(r.out, "not written: it would remove 4 managed entries"), r.out.c_str());
        QCOMPARE(t.read("/etc/subuid"), before);
        t.write("/etc/podbay/helper.conf", "[subids]\nmax_removals = 10\n");
        QCOMPARE(t.run({"subids", "sync"}).exitCode, 0);
        QCOMPARE(t.read("/etc/subuid"), std::string("# Site ranges. Do not remove the backup service's range.\n"
                                                    "svc-backup:500000:65536\n\n"
                                                    "# dave's range, written by the old hourly shell loop (keyed by UID)\n"
                                                    "1004:10040001:65536\n"));
    }

    void otherSubidSourceRefusesSync()
    {
        Tree t;
        t.put("nsswitch-sss.conf", "/etc/nsswitch.conf");
        for (const char *verb : {"sync", "plan"}) {
            const Run r = t.run({"--json", "subids", verb});
            QCOMPARE(r.exitCode, 1);
            QCOMPARE(errorCode(r), std::string("E_FORBIDDEN"));
            QVERIFY(contains(r.out, "come from 'sss' (nsswitch.conf line 4"));
        }
        QVERIFY(!t.exists("/etc/subuid-"));
        t.put("nsswitch-files.conf", "/etc/nsswitch.conf");
        QCOMPARE(t.run({"subids", "sync"}).exitCode, 0);
    }

    void checkReadsThroughGetsubids()
    {
        Tree t;
        t.put("nsswitch-sss.conf", "/etc/nsswitch.conf");
        t.write("/etc/podbay/helper.conf", "[subids]\ngetsubids = " + (kFixtures / "getsubids").string() + "\n");
        const Run r = t.run({"--json", "subids", "check", "--user", "alice"});
        const auto doc = r.json();
        QCOMPARE(doc.at("source").at("name").get<std::string>(), std::string("sss"));
        const auto &user = doc.at("user");
        QCOMPARE(user.at("subuid").at("ranges").at(0).at("start").get<std::uint64_t>(), std::uint64_t(2000000));
        QCOMPARE(user.at("subgid").at("ranges").at(0).at("start").get<std::uint64_t>(), std::uint64_t(3000000));
        QCOMPARE(user.at("subuid").at("size").get<int>(), 65536);
        // The whole check asks for every eligible user and finds alice and bob sharing ids.
        const Run all = t.run({"--json", "subids", "check"});
        QCOMPARE(all.json().at("problems").at("totals").at("overlap").get<int>(), 1);
        QCOMPARE(all.exitCode, 1);
        const Run text = t.run({"subids", "check", "--user", "dave"});
        QVERIFY2(contains(text.out, "subuid: none (0 ids)"), text.out.c_str());
        QCOMPARE(text.exitCode, 1);
    }

    void checkOneUser()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to make a setuid-root and a file-capability newuidmap stand-in");
        Tree t;
        QCOMPARE(t.run({"subids", "sync"}).exitCode, 0);
        // newuidmap setuid root, newgidmap with cap_setgid+ep as a file capability.
        t.write("/usr/bin/newuidmap", "#!/bin/true\n");
        t.write("/usr/bin/newgidmap", "#!/bin/true\n");
        QCOMPARE(::chmod(t.path("/usr/bin/newuidmap").c_str(), 04755), 0);
        // struct vfs_cap_data revision 2: magic|effective, permitted CAP_SETGID (bit 6), inheritable 0.
        const unsigned char caps[20] = {0x01, 0, 0, 0x02, 0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        QCOMPARE(::setxattr(t.path("/usr/bin/newgidmap").c_str(), "security.capability", caps, sizeof caps, 0), 0);

        const Run r = t.run({"--json", "subids", "check", "--user", "bob"});
        const auto doc = r.json();
        const auto &user = doc.at("user");
        QCOMPARE(user.at("uid").get<int>(), 1002);
        QCOMPARE(user.at("subuid").at("ranges").size(), size_t(1));
        QCOMPARE(user.at("subuid").at("ranges").at(0).at("last").get<std::uint64_t>(), std::uint64_t(10085536));
        QCOMPARE(user.at("subgid").at("size").get<int>(), 65536);
        QCOMPARE(user.at("problems").at("totals").at("overlap").get<int>(), 4); // alice and dave, both files
        QVERIFY(user.at("usable").get<bool>());
        QCOMPARE(doc.at("tools").at(0).at("setuid_root").get<bool>(), true);
        QCOMPARE(doc.at("tools").at(1).at("setuid_root").get<bool>(), false);
        QCOMPARE(doc.at("tools").at(1).at("file_capability").get<bool>(), true);
        QCOMPARE(r.exitCode, 0); // overlaps are warnings
        QVERIFY(doc.at("ok").get<bool>());

        // Without privilege the tools cannot map ids: an error.
        QCOMPARE(::chmod(t.path("/usr/bin/newuidmap").c_str(), 0755), 0);
        const Run unprivileged = t.run({"subids", "check", "--user", "bob"});
        QCOMPARE(unprivileged.exitCode, 1);
        QVERIFY2(contains(unprivileged.out, "NOT privileged"), unprivileged.out.c_str());
    }

    void checkUnknownUser()
    {
        Tree t;
        const Run r = t.run({"--json", "subids", "check", "--user", "mallory"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(errorCode(r), std::string("E_NOT_FOUND"));
        QVERIFY(contains(r.out, "no user named 'mallory'"));
    }

    void checkReportsEachConflict()
    {
        Tree t;
        t.write("/etc/subuid", "alice:0:65536\nbob:4294967000:65536\ndave:1000:10\ncarol:10:0\n");
        const Run r = t.run({"--json", "subids", "check"});
        QCOMPARE(r.exitCode, 1);
        const auto totals = r.json().at("problems").at("totals");
        QCOMPARE(totals.at("start-zero").get<int>(), 1);
        QCOMPARE(totals.at("past-32bit").get<int>(), 1);
        QCOMPARE(totals.at("covers-account-ids").get<int>(), 2); // alice covers 0..65535, dave 1001..1004
        QCOMPARE(totals.at("empty-range").get<int>(), 1);
        QCOMPARE(totals.at("overlap").get<int>(), 1); // dave's inside alice's
        // Sync refuses nothing here but keeps these foreign lines; check is what reports them.
    }

    void stateListsManagedLinesInFileOrder()
    {
        Tree t;
        QCOMPARE(t.run({"subids", "sync"}).exitCode, 0);
        const auto state = nlohmann::json::parse(t.read("/var/lib/podbay/subids.json"));
        QCOMPARE(state.at("subuid").get<std::vector<std::string>>(),
                 (std::vector<std::string>{"1004:10040001:65536", "alice:10010001:65536", "bob:10020001:65536"}));
    }

    void stateInAnotherOrderIsNotRewritten()
    {
        // A state file written by an earlier version (sorted) or by hand: same lines, so the
        // sync neither writes it nor the files.
        Tree t;
        QCOMPARE(t.run({"subids", "sync"}).exitCode, 0);
        auto state = nlohmann::json::parse(t.read("/var/lib/podbay/subids.json"));
        auto lines = state.at("subuid").get<std::vector<std::string>>();
        std::ranges::reverse(lines);
        state["subuid"] = lines;
        t.write("/var/lib/podbay/subids.json", state.dump(1) + "\n");
        const auto before = mtimeOf(t.path("/var/lib/podbay/subids.json"));
        QTest::qWait(20);
        const Run r = t.run({"subids", "sync"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(contains(r.out, "/etc/subuid: unchanged"), r.out.c_str());
        QCOMPARE(mtimeOf(t.path("/var/lib/podbay/subids.json")).tv_nsec, before.tv_nsec);
    }

    void workspaceNoticesChangesOnDisk()
    {
        // sync plans without a lock, then takes the locks and plans again only when the files
        // changed in between (usermod, an editor): this is how it tells.
        using namespace podbay::helper;
        Tree t;
        QCOMPARE(t.run({"subids", "sync"}).exitCode, 0);
        std::ostringstream out, err;
        CommandContext ctx(out, err);
        ctx.root = t.root();
        const subids::SubidsSettings settings = subids::resolveSettings(ctx, {});
        const subids::Workspace ws = subids::Workspace::load(ctx, settings);
        QVERIFY(ws.unchangedOnDisk());
        const std::string subuid = t.read("/etc/subuid");
        t.write("/etc/subuid", subuid + "carol:1:1\n");
        QVERIFY(!ws.unchangedOnDisk());
        t.write("/etc/subuid", subuid.substr(0, subuid.size() - 1)); // only the final newline gone
        QVERIFY(!ws.unchangedOnDisk());
        t.write("/etc/subuid", subuid);
        QVERIFY(ws.unchangedOnDisk());
        const std::string subgid = t.read("/etc/subgid");
        fs::remove(t.path("/etc/subgid"));
        QVERIFY(!ws.unchangedOnDisk());
        t.write("/etc/subgid", subgid);
        const std::string state = t.read("/var/lib/podbay/subids.json");
        t.write("/var/lib/podbay/subids.json", state + " ");
        QVERIFY(!ws.unchangedOnDisk());
        fs::remove(t.path("/var/lib/podbay/subids.json"));
        QVERIFY(!ws.unchangedOnDisk());
        t.write("/var/lib/podbay/subids.json", state);
        QVERIFY(ws.unchangedOnDisk());
    }
};

QTEST_GUILESS_MAIN(TestSubidsCommand)
#include "tst_subidscommand.moc"
