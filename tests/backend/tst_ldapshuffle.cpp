// `podbay-helper ldap shuffle` on fixture trees: only the server names of ldap_uri /
// ad_server / ipa_server in [domain/...] sections move (key case, spacing, comments, CRLF
// kept), the order depends on the host name only (same result twice, independent of the
// current order, different across hosts), mode 0600 and owner stay, and the 24-hour rule.
#include "FixtureRoot.h"
#include "ldap/ServerOrder.h"

#include <QTest>

#include <filesystem>
#include <map>
#include <random>
#include <set>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using podbay::test::FixtureRoot;
using podbay::test::readFixture;
namespace ldap = podbay::helper::ldap;

namespace {

const fs::path kFixtures = PODBAY_LDAP_FIXTURES;
const std::string kConf = "/etc/sssd/sssd.conf";

std::vector<std::string> lines(const std::string &text)
{
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t end = text.find('\n', pos);
        const std::size_t next = end == std::string::npos ? text.size() : end + 1;
        out.push_back(text.substr(pos, next - pos));
        pos = next;
    }
    return out;
}

// The line with every server name replaced by '*': what must not change.
std::string skeleton(const std::string &line, const std::vector<std::string> &names)
{
    std::string out = line;
    for (const std::string &name : names) {
        const std::size_t at = out.find(name);
        if (at != std::string::npos)
            out.replace(at, name.size(), "*");
    }
    return out;
}

void setAge(const FixtureRoot &tree, const std::string &absolute, long seconds)
{
    const struct timespec now{std::time(nullptr) - seconds, 0};
    const struct timespec times[2] = {now, now};
    QCOMPARE(::utimensat(AT_FDCWD, tree.path(absolute).c_str(), times, 0), 0);
}

std::vector<std::string> shuffle(const std::string &host)
{
    return {"--json", "ldap", "shuffle", "--hostname", host};
}

} // namespace

class TestLdapShuffle : public QObject
{
    Q_OBJECT

    podbay::test::AuditCapture m_audit; // keeps syslog free of test lines

private slots:
    void onlyServerNamesMove()
    {
        FixtureRoot tree;
        tree.copy(kFixtures / "sssd.conf", kConf);
        const std::string before = *tree.read(kConf);
        const auto run = tree.run(shuffle("login01"));
        QVERIFY2(run.exitCode == 0, run.out.c_str());
        const auto json = run.json();
        const std::string after = *tree.read(kConf);
        QVERIFY(after != before);
        QCOMPARE(json["changed"].get<bool>(), true);

        // The three lists of the fixture, keys as spelled there; the sssd section's commented
        // ldap_uri and ldap_backup_uri are not among them.
        std::set<std::string> keys;
        std::map<int, std::pair<std::vector<std::string>, std::vector<std::string>>> byLine;
        for (const auto &value : json["values"]) {
            keys.insert(value["key"].get<std::string>());
            byLine[value["line"].get<int>()] = {value["before"].get<std::vector<std::string>>(),
                                                value["after"].get<std::vector<std::string>>()};
        }
        QCOMPARE(keys, (std::set<std::string>{"LDAP_URI", "Ad_Server", "ipa_server"}));

        const auto b = lines(before), a = lines(after);
        QCOMPARE(a.size(), b.size());
        for (std::size_t i = 0; i < b.size(); ++i) {
            const auto it = byLine.find(static_cast<int>(i + 1));
            if (it == byLine.end()) {
                QCOMPARE(a[i], b[i]); // every other line byte for byte
                continue;
            }
            auto [was, now] = it->second;
            QCOMPARE(skeleton(a[i], now), skeleton(b[i], was)); // key, '=', spaces, commas kept
            std::ranges::sort(was);
            std::ranges::sort(now);
            QCOMPARE(now, was); // the same servers
        }
        // _srv_ keeps its place at the front of Ad_Server.
        QVERIFY(after.find("Ad_Server=_srv_, dc") != std::string::npos);
        QVERIFY(run.out.find("\"skipped\":false") != std::string::npos);
    }

    void sameResultTwiceAndFromAnyOrder()
    {
        FixtureRoot tree;
        tree.copy(kFixtures / "sssd.conf", kConf);
        QCOMPARE(tree.run(shuffle("login01")).exitCode, 0);
        const std::string first = *tree.read(kConf);
        const long long mtime = tree.mtime(kConf);

        const auto again = tree.run({"ldap", "shuffle", "--hostname", "login01"});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.starts_with("nothing to do:"), again.out.c_str());
        QCOMPARE(*tree.read(kConf), first);
        QCOMPARE(tree.mtime(kConf), mtime);

        // Configuration management pushes the original (or any) order again: same result.
        std::string reversed = readFixture(kFixtures / "sssd.conf");
        const std::string list = "ipa1.example.com, ipa2.example.com, ipa3.example.com";
        reversed.replace(reversed.find(list), list.size(), "ipa3.example.com, ipa1.example.com, ipa2.example.com");
        FixtureRoot other;
        other.write(kConf, reversed);
        QCOMPARE(other.run(shuffle("login01")).exitCode, 0);
        QCOMPARE(*other.read(kConf), first);
    }

    void hostsGetDifferentOrders()
    {
        std::set<std::vector<std::string>> orders;
        std::set<std::string> firsts;
        for (int i = 1; i <= 8; ++i) {
            FixtureRoot tree;
            tree.copy(kFixtures / "sssd.conf", kConf);
            const auto json = tree.run({"--json", "ldap", "shuffle", "--dry-run", "--hostname",
                                        "login0" + std::to_string(i) + ".cluster.example.com"})
                                  .json();
            const auto order = json["values"][0]["after"].get<std::vector<std::string>>();
            orders.insert(order);
            firsts.insert(order.front());
        }
        QVERIFY2(orders.size() >= 5, "8 hosts should spread over many of the 120 orders of 5 servers");
        QVERIFY2(firsts.size() >= 3, "the first server (the one sssd asks) should differ across hosts");
    }

    void modeAndOwnerKept()
    {
        FixtureRoot tree;
        tree.copy(kFixtures / "sssd.conf", kConf);
        QCOMPARE(::chmod(tree.path(kConf).c_str(), 0600), 0);
        const bool root = ::geteuid() == 0;
        if (root)
            QCOMPARE(::chown(tree.path(kConf).c_str(), 1234, 5678), 0);
        QCOMPARE(tree.run(shuffle("login02")).exitCode, 0);
        struct stat st{};
        QCOMPARE(::stat(tree.path(kConf).c_str(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0600)); // sssd refuses to start otherwise
        if (root) {
            QCOMPARE(st.st_uid, uid_t(1234));
            QCOMPARE(st.st_gid, gid_t(5678));
        }
        // The backup holds bind passwords too: same mode.
        QCOMPARE(tree.mode(kConf + "-"), mode_t(0600));
    }

    void crlfKept()
    {
        FixtureRoot tree;
        std::string crlf;
        for (const char c : readFixture(kFixtures / "sssd.conf")) {
            if (c == '\n')
                crlf += '\r';
            crlf += c;
        }
        tree.write(kConf, crlf);
        QCOMPARE(tree.run(shuffle("login03")).exitCode, 0);
        const std::string after = *tree.read(kConf);
        QVERIFY(after != crlf);
        QCOMPARE(after.size(), crlf.size());
        std::size_t lf = 0, crlfCount = 0;
        for (std::size_t i = 0; i < after.size(); ++i)
            if (after[i] == '\n') {
                ++lf;
                crlfCount += i > 0 && after[i - 1] == '\r';
            }
        QCOMPARE(crlfCount, lf);
    }

    void onlyWithin24Hours()
    {
        FixtureRoot tree;
        tree.copy(kFixtures / "sssd.conf", kConf);
        const std::string before = *tree.read(kConf);
        setAge(tree, kConf, 25 * 3600);
        const long long mtime = tree.mtime(kConf);

        auto run = tree.run({"ldap", "shuffle", "--hostname", "login01"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.find("unchanged in 24 h, nothing to do") != std::string::npos, run.out.c_str());
        QCOMPARE(*tree.read(kConf), before);
        QCOMPARE(tree.mtime(kConf), mtime);
        QCOMPARE(tree.run(shuffle("login01")).json()["skipped"].get<bool>(), true);

        run = tree.run({"ldap", "shuffle", "--hostname", "login01", "--force"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(*tree.read(kConf) != before);

        FixtureRoot fresh;
        fresh.copy(kFixtures / "sssd.conf", kConf);
        setAge(fresh, kConf, 23 * 3600);
        QCOMPARE(fresh.run(shuffle("login01")).json()["changed"].get<bool>(), true);
    }

    void dryRunShowsDiff()
    {
        FixtureRoot tree;
        tree.copy(kFixtures / "sssd.conf", kConf);
        const std::string before = *tree.read(kConf);
        const auto run = tree.run({"ldap", "shuffle", "--hostname", "login04", "--dry-run"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.starts_with("--- /etc/sssd/sssd.conf\n+++ /etc/sssd/sssd.conf (planned)\n"));
        QVERIFY(run.out.find("\n-LDAP_URI = ldaps://ldap1.example.com") != std::string::npos);
        QCOMPARE(*tree.read(kConf), before);
    }

    void continuedValueLeftAlone()
    {
        FixtureRoot tree;
        tree.copy(kFixtures / "sssd.conf-continued", "/etc/sssd/other.conf");
        const std::string before = *tree.read("/etc/sssd/other.conf");
        const auto json = tree.run({"--json", "ldap", "shuffle", "--file", "/etc/sssd/other.conf", "--hostname", "x"}).json();
        QCOMPARE(json["changed"].get<bool>(), false);
        QVERIFY(json["notes"][0].get<std::string>().find("continues on the next line") != std::string::npos);
        QCOMPARE(*tree.read("/etc/sssd/other.conf"), before);
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing file") << QStringList{"ldap", "shuffle"} << "E_NOT_FOUND" << "does not exist";
        QTest::newRow("relative --file") << QStringList{"ldap", "shuffle", "--file", "sssd.conf"} << "E_USAGE" << "relative";
        QTest::newRow("--file without value") << QStringList{"ldap", "shuffle", "--file"} << "E_USAGE" << "needs a value";
        QTest::newRow("--hostname without value") << QStringList{"ldap", "shuffle", "--hostname"} << "E_USAGE" << "needs a value";
        QTest::newRow("unknown option") << QStringList{"ldap", "shuffle", "--later"} << "E_USAGE" << "--later";
        QTest::newRow("unknown subcommand") << QStringList{"ldap", "sort"} << "E_USAGE" << "unknown subcommand";
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, code);
        QFETCH(QString, message);
        FixtureRoot tree;
        const std::string problem = podbay::test::errorMismatch(tree, args, code, message);
        QVERIFY2(problem.empty(), problem.c_str());
    }

    void unreadableFile()
    {
        FixtureRoot tree;
        fs::create_directories(tree.path(kConf)); // a directory where the file should be
        const auto run = tree.run({"--json", "ldap", "shuffle", "--hostname", "x"});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.json()["error"]["code"].get<std::string>(), std::string("E_IO"));
    }

    void help()
    {
        FixtureRoot tree;
        const auto run = tree.run({"ldap", "--help"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.find("--hostname NAME") != std::string::npos);
        QVERIFY(run.out.find("example:") != std::string::npos);
    }

    // The order must never change between helper versions (every node would reshuffle):
    // FNV-1a and mt19937_64 are fixed by their specifications, and one result is pinned.
    void orderIsPinned()
    {
        QCOMPARE(ldap::fnv1a64(""), std::uint64_t(0xcbf29ce484222325ULL));
        QCOMPARE(ldap::fnv1a64("a"), std::uint64_t(0xaf63dc4c8601ec8cULL));
        std::mt19937_64 rng; // [rand.predef]: the 10000th output of the default-seeded engine
        rng.discard(9999);
        QCOMPARE(rng(), std::uint64_t(9981545732273789042ULL));
        QCOMPARE(ldap::hostOrder({"d", "b", "a", "c", "e"}, "login01\ndomain/EXAMPLE.COM"),
                 (std::vector<std::string>{"d", "a", "c", "b", "e"}));
        QCOMPARE(ldap::hostOrder({"only"}, "x"), std::vector<std::string>{"only"});
        QVERIFY(ldap::hostOrder({}, "x").empty());
    }
};

QTEST_GUILESS_MAIN(TestLdapShuffle)
#include "tst_ldapshuffle.moc"
