// `podbay-helper storage configure|check` on fixture trees (--root): storage.conf is edited
// in place (every other byte kept, CRLF kept, TOML strings and arrays that look like tables
// not confused), created from the distribution's file or a minimal one, the directory gets
// mode 1777, network filesystems are refused (statfs probe replaced), a second run changes
// nothing, and bad input is refused with a stable code.
#include "FixtureRoot.h"
#include "storage/Filesystem.h"
#include "storage/TomlValue.h"

#include <QTest>

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;
using podbay::test::FixtureRoot;
using podbay::test::readFixture;
namespace storage = podbay::helper::storage;

namespace {

const fs::path kFixtures = PODBAY_STORAGE_FIXTURES;
const std::string kConf = "/etc/containers/storage.conf";
const std::string kValue = "/scratch/containers/$USER/share/containers/storage";
const std::string kLine = "rootless_storage_path = \"" + kValue + "\"";
const std::vector<std::string> kConfigure{"storage", "configure", "--path", "/scratch/containers"};

std::vector<std::string> with(std::vector<std::string> args, std::initializer_list<std::string> more)
{
    args.insert(args.end(), more);
    return args;
}

// `text` without the one line that is exactly `line` (plus "\n" or "\r\n").
std::string withoutLine(const std::string &text, const std::string &line)
{
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t end = text.find('\n', pos);
        const std::size_t next = end == std::string::npos ? text.size() : end + 1;
        std::string content = text.substr(pos, (end == std::string::npos ? text.size() : end) - pos);
        if (!content.empty() && content.back() == '\r')
            content.pop_back();
        if (content == line)
            return text.substr(0, pos) + text.substr(next);
        pos = next;
    }
    return "<line not found>";
}

std::size_t count(const std::string &text, const std::string &needle)
{
    std::size_t n = 0;
    for (std::size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1))
        ++n;
    return n;
}

std::string toCrlf(const std::string &text)
{
    std::string out;
    for (const char c : text) {
        if (c == '\n')
            out += '\r';
        out += c;
    }
    return out;
}

std::string rootlessPath(const std::string &text)
{
    return storage::tomlString(text, "test", {"storage", "rootless_storage_path"}).value_or("<unset>");
}

// Replaces the statfs probe for one test.
struct ProbeOverride
{
    explicit ProbeOverride(storage::FsInfo info)
        : previous(storage::setFsProbe([info](const fs::path &) { return info; }))
    {
    }
    ~ProbeOverride() { storage::setFsProbe(previous); }
    storage::FsProbe previous;
};

} // namespace

class TestStorage : public QObject
{
    Q_OBJECT

    podbay::test::AuditCapture m_audit;

private slots:
    void init() { m_audit.lines.clear(); }

    void commentedOutDefaultKeepsEveryOtherByte()
    {
        FixtureRoot tree;
        tree.copy(kFixtures / "storage.conf-distribution", kConf);
        const std::string before = *tree.read(kConf);

        const auto run = tree.run(kConfigure);
        QVERIFY2(run.exitCode == 0, run.err.c_str());
        const std::string after = *tree.read(kConf);
        QCOMPARE(count(after, kLine), std::size_t(1));
        QCOMPARE(withoutLine(after, kLine), before);
        // Right below the commented-out default it documents.
        QVERIFY(after.find("# rootless_storage_path = \"$HOME/.local/share/containers/storage\"\n" + kLine + "\n")
                != std::string::npos);
        QCOMPARE(rootlessPath(after), kValue);
        QCOMPARE(tree.mode("/scratch/containers"), mode_t(01777));
        QCOMPARE(*tree.read(kConf + "-"), before); // FILE- backup, as every system file the helper writes
        QCOMPARE(m_audit.lines.size(), std::size_t(2));
        QVERIFY(m_audit.lines[0].starts_with("storage configure: create /scratch/containers (mode 1777) (by "));
        QVERIFY(m_audit.lines[1].starts_with("storage configure: modify /etc/containers/storage.conf (by "));
        QVERIFY(run.out.find("modify /etc/containers/storage.conf: rootless_storage_path") != std::string::npos);
    }

    void nonAsciiInCommentsAndStringsAccepted()
    {
        FixtureRoot tree;
        tree.write(kConf, "# G\u00e9raldine's site (Z\u00fcrich)\n[storage]\ndriver = \"overlay\" # \u00fcber\n"
                          "runroot = \"/run/containers/stor\u00e4ge\"\n[storage.options]\n"
                          "mountopt = \"\"\"nodev,\\\n  metacopy=on \u00e9\"\"\"\n");
        const auto run = tree.run(kConfigure);
        QVERIFY2(run.exitCode == 0, run.err.c_str());
        QCOMPARE(rootlessPath(*tree.read(kConf)), kValue);
    }

    void crlfLineEndsStay()
    {
        FixtureRoot tree;
        const std::string before = toCrlf(readFixture(kFixtures / "storage.conf-distribution"));
        tree.write(kConf, before);
        QCOMPARE(tree.run(kConfigure).exitCode, 0);
        const std::string after = *tree.read(kConf);
        QVERIFY(after.find(kLine + "\r\n") != std::string::npos);
        QCOMPARE(withoutLine(after, kLine), before);
        QCOMPARE(count(after, "\n"), count(after, "\r\n")); // no bare LF was introduced
    }

    void otherValueReplacedInPlace()
    {
        FixtureRoot tree;
        tree.copy(kFixtures / "storage.conf-site", kConf);
        const std::string before = *tree.read(kConf);
        QCOMPARE(tree.run(kConfigure).exitCode, 0);
        std::string expected = before;
        const std::string old = "\"$HOME/.local/share/containers/storage\"";
        expected.replace(expected.find(old), old.size(), "\"" + kValue + "\"");
        // Indentation, the spaces around '=' and the trailing comment are the admin's.
        QCOMPARE(*tree.read(kConf), expected);
        QVERIFY(expected.find("  rootless_storage_path   =   \"" + kValue + "\"   # old home location\n")
                != std::string::npos);
    }

    void tomlStringsAndArraysAreNotTables()
    {
        FixtureRoot tree;
        tree.copy(kFixtures / "storage.conf-tricky", kConf);
        const std::string before = *tree.read(kConf);
        QCOMPARE(rootlessPath(before), std::string("<unset>")); // the one in the string is no key
        QCOMPARE(tree.run(kConfigure).exitCode, 0);
        const std::string after = *tree.read(kConf);
        QCOMPARE(withoutLine(after, kLine), before);
        QCOMPARE(rootlessPath(after), kValue);
        // Added at the end of the real [ storage ] table, after its last key.
        QVERIFY(after.find("\"runroot\" = \"/run/containers/storage\"\n" + kLine + "\n\n[storage.options]")
                != std::string::npos);
    }

    void tableAddedWhenMissing_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        const QString line = QString::fromStdString(kLine);
        const QString options = QString::fromStdString(readFixture(kFixtures / "storage.conf-optionsonly"));
        QTest::newRow("only [storage.options.overlay]") << options << options + "\n[storage]\n" + line + "\n";
        QTest::newRow("empty file") << "" << "[storage]\n" + line + "\n";
        QTest::newRow("no final newline") << "[storage]\ndriver = \"vfs\"" << "[storage]\ndriver = \"vfs\"\n" + line + "\n";
        QTest::newRow("table at the end, no newline") << "# x\n[storage]" << "# x\n[storage]\n" + line + "\n";
    }

    void tableAddedWhenMissing()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        FixtureRoot tree;
        tree.write(kConf, before.toStdString());
        const auto run = tree.run(kConfigure);
        QVERIFY2(run.exitCode == 0, run.err.c_str());
        QCOMPARE(QString::fromStdString(*tree.read(kConf)), after);
    }

    void createdFromDistributionDefault()
    {
        FixtureRoot tree;
        tree.copy(kFixtures / "storage.conf-distribution", "/usr/share/containers/storage.conf");
        const std::string distribution = *tree.read("/usr/share/containers/storage.conf");
        const auto run = tree.run(with(kConfigure, {"--json"}));
        QCOMPARE(run.exitCode, 0);
        const auto json = run.json();
        QCOMPARE(json["files"][0]["action"].get<std::string>(), std::string("create"));
        QVERIFY(json["edit"].get<std::string>().starts_with("created from /usr/share/containers/storage.conf"));
        QCOMPARE(withoutLine(*tree.read(kConf), kLine), distribution);
        QCOMPARE(*tree.read("/usr/share/containers/storage.conf"), distribution); // never touched
        QCOMPARE(tree.mode(kConf), mode_t(0644));
        QVERIFY(!tree.exists(kConf + "-"));
    }

    void minimalFileWithoutAnyDefault()
    {
        FixtureRoot tree;
        QCOMPARE(tree.run(kConfigure).exitCode, 0);
        const std::string conf = *tree.read(kConf);
        QCOMPARE(rootlessPath(conf), kValue);
        // containers/storage starts from empty settings once the file exists: driver and the
        // root paths must be in it (else podman logs "The storage 'driver' option must be set").
        QCOMPARE(storage::tomlString(conf, "t", {"storage", "driver"}).value_or(""), std::string("overlay"));
        QCOMPARE(storage::tomlString(conf, "t", {"storage", "graphroot"}).value_or(""),
                 std::string("/var/lib/containers/storage"));
        QCOMPARE(storage::tomlString(conf, "t", {"storage", "runroot"}).value_or(""),
                 std::string("/run/containers/storage"));
    }

    void secondRunChangesNothing()
    {
        FixtureRoot tree;
        tree.copy(kFixtures / "storage.conf-distribution", kConf);
        QCOMPARE(tree.run(kConfigure).exitCode, 0);
        const std::string first = *tree.read(kConf);
        const long long mtime = tree.mtime(kConf);
        const long long backupMtime = tree.mtime(kConf + "-");
        m_audit.lines.clear();

        const auto again = tree.run(kConfigure);
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.starts_with("nothing to do: rootless_storage_path is"), again.out.c_str());
        QCOMPARE(*tree.read(kConf), first);
        QCOMPARE(tree.mtime(kConf), mtime);
        QCOMPARE(tree.mtime(kConf + "-"), backupMtime);
        QVERIFY(m_audit.lines.empty());
        const auto json = tree.run(with(kConfigure, {"--json"})).json();
        QCOMPARE(json["changed"].get<bool>(), false);
        QCOMPARE(json["files"][0]["action"].get<std::string>(), std::string("unchanged"));
        QCOMPARE(json["directory"]["action"].get<std::string>(), std::string("unchanged"));
    }

    void dryRunWritesNothing()
    {
        FixtureRoot tree;
        tree.copy(kFixtures / "storage.conf-distribution", kConf);
        const std::string before = *tree.read(kConf);
        const auto run = tree.run(with(kConfigure, {"--dry-run"}));
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.starts_with("would create /scratch/containers (mode 1777)\n--- /etc/containers/storage.conf\n"));
        QVERIFY(run.out.find("\n+" + kLine + "\n") != std::string::npos);
        QCOMPARE(*tree.read(kConf), before);
        QVERIFY(!tree.exists("/scratch"));
        const auto json = tree.run(with(kConfigure, {"--dry-run", "--json"})).json();
        QCOMPARE(json["dryRun"].get<bool>(), true);
        QVERIFY(json["files"][0]["diff"].get<std::string>().find("+" + kLine) != std::string::npos);
        QVERIFY(!tree.exists("/scratch"));
    }

    void existingDirectoryGetsMode1777()
    {
        FixtureRoot tree;
        fs::create_directories(tree.path("/scratch/containers"));
        fs::permissions(tree.path("/scratch/containers"), fs::perms(0755));
        const auto dry = tree.run(with(kConfigure, {"--dry-run"}));
        QVERIFY2(dry.out.starts_with("would chmod 1777 /scratch/containers (was 0755)"), dry.out.c_str());
        QCOMPARE(tree.run(kConfigure).exitCode, 0);
        QCOMPARE(tree.mode("/scratch/containers"), mode_t(01777));
    }

    void networkFilesystemRefused_data()
    {
        QTest::addColumn<qulonglong>("magic");
        QTest::addColumn<QString>("mountType");
        QTest::addColumn<QString>("name");
        QTest::newRow("NFS") << qulonglong(0x6969) << "" << "NFS";
        QTest::newRow("Lustre") << qulonglong(0x0BD00BD0) << "" << "Lustre";
        QTest::newRow("GPFS") << qulonglong(0x47504653) << "" << "GPFS";
        QTest::newRow("BeeGFS") << qulonglong(0x19830326) << "" << "BeeGFS";
        QTest::newRow("CephFS") << qulonglong(0x00C36400) << "" << "CephFS";
        QTest::newRow("CIFS") << qulonglong(0xFF534D42) << "" << "CIFS";
        QTest::newRow("SMB2") << qulonglong(0xFE534D42) << "" << "SMB2";
        QTest::newRow("9p") << qulonglong(0x01021997) << "" << "9p";
        QTest::newRow("sshfs") << qulonglong(0x65735546) << "fuse.sshfs" << "fuse.sshfs";
    }

    void networkFilesystemRefused()
    {
        QFETCH(qulonglong, magic);
        QFETCH(QString, mountType);
        QFETCH(QString, name);
        FixtureRoot tree;
        tree.copy(kFixtures / "storage.conf-distribution", kConf);
        const std::string before = *tree.read(kConf);
        const ProbeOverride probe({magic, mountType.toStdString(), 1ULL << 40, 1ULL << 41});

        const auto run = tree.run(with(kConfigure, {"--json"}));
        QCOMPARE(run.exitCode, 1);
        const auto error = run.json()["error"];
        QCOMPARE(error["code"].get<std::string>(), std::string("E_NETWORK_FS"));
        const std::string message = error["message"].get<std::string>();
        QVERIFY2(message.find(name.toStdString()) != std::string::npos, message.c_str());
        QVERIFY2(message.find("Linux 5.9") != std::string::npos, message.c_str()); // says why
        QVERIFY(message.find("slow") != std::string::npos);
        QVERIFY(!error["hint"].get<std::string>().empty());
        QCOMPARE(*tree.read(kConf), before);
        QVERIFY(!tree.exists("/scratch"));
        QVERIFY(m_audit.lines.empty());

        const auto text = tree.run(kConfigure);
        QCOMPARE(text.exitCode, 1);
        QVERIFY(text.err.starts_with("podbay-helper: /scratch/containers is on "));
    }

    void localFuseAccepted()
    {
        FixtureRoot tree;
        const ProbeOverride probe({0x65735546, "fuse.fuse-overlayfs", 1ULL << 40, 1ULL << 41});
        const auto run = tree.run(kConfigure);
        QVERIFY2(run.exitCode == 0, run.err.c_str());
        QVERIFY(run.out.find("filesystem: fuse.fuse-overlayfs") != std::string::npos);
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("no --path") << QStringList{"storage", "configure"} << "E_USAGE" << "needs --path";
        QTest::newRow("--path without value") << QStringList{"storage", "configure", "--path"} << "E_USAGE" << "needs a value";
        QTest::newRow("relative") << QStringList{"storage", "configure", "--path", "scratch"} << "E_BAD_INPUT" << "relative path";
        QTest::newRow("root") << QStringList{"storage", "configure", "--path", "/"} << "E_BAD_INPUT" << "system directory";
        QTest::newRow("/etc") << QStringList{"storage", "configure", "--path", "/etc/containers"} << "E_BAD_INPUT" << "system directory";
        QTest::newRow("/var") << QStringList{"storage", "configure", "--path", "/var/"} << "E_BAD_INPUT" << "system directory";
        QTest::newRow("dot-dot") << QStringList{"storage", "configure", "--path", "/scratch/../etc"} << "E_BAD_INPUT" << "..";
        QTest::newRow("dollar") << QStringList{"storage", "configure", "--path", "/scratch/$HOME"} << "E_BAD_INPUT" << "character";
        QTest::newRow("quote") << QStringList{"storage", "configure", "--path", "/scratch/a\"b"} << "E_BAD_INPUT" << "character";
        QTest::newRow("unknown option") << QStringList{"storage", "configure", "--path", "/s", "--bogus"} << "E_USAGE" << "--bogus";
        QTest::newRow("unknown subcommand") << QStringList{"storage", "frobnicate"} << "E_USAGE" << "unknown subcommand";
        QTest::newRow("check --user without value") << QStringList{"storage", "check", "--user"} << "E_USAGE" << "needs a name";
        QTest::newRow("check unknown user") << QStringList{"storage", "check", "--user", "nobody-here"} << "E_NOT_FOUND" << "nobody-here";
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, code);
        QFETCH(QString, message);
        FixtureRoot tree;
        const std::string problem = podbay::test::errorMismatch(tree, args, code, message);
        QVERIFY2(problem.empty(), problem.c_str());
        QVERIFY(!tree.exists("/scratch") && !tree.exists(kConf));
    }

    void badFilesystemObjects()
    {
        FixtureRoot tree;
        tree.write("/scratch/file", "x\n");
        auto run = tree.run({"--json", "storage", "configure", "--path", "/scratch/file"});
        QCOMPARE(run.json()["error"]["code"].get<std::string>(), std::string("E_BAD_INPUT"));
        QVERIFY(run.json()["error"]["message"].get<std::string>().find("not a directory") != std::string::npos);

        fs::create_directories(tree.path("/data/real"));
        fs::create_directory_symlink(tree.path("/data/real"), tree.path("/scratch/link"));
        run = tree.run({"--json", "storage", "configure", "--path", "/scratch/link"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.json()["error"]["message"].get<std::string>().find("symbolic link") != std::string::npos);
        QVERIFY(tree.mode("/data/real") != mode_t(01777)); // its target was not made world-writable
    }

    void brokenStorageConfRefused()
    {
        FixtureRoot tree;
        tree.write(kConf, "[storage\ndriver = \"overlay\"\n");
        auto run = tree.run(with(kConfigure, {"--json"}));
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.json()["error"]["code"].get<std::string>(), std::string("E_BAD_INPUT"));
        QVERIFY(run.json()["error"]["message"].get<std::string>().starts_with("/etc/containers/storage.conf:1:"));
        QCOMPARE(*tree.read(kConf), std::string("[storage\ndriver = \"overlay\"\n"));

        // A header that starts with no key (fuzz/regressions/storage_conf): refused, not aborted on.
        tree.write(kConf, "[=storage]\nmount_program = \"/usr/bin/fuse-overlayfs\"\n");
        run = tree.run(with(kConfigure, {"--json"}));
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.json()["error"]["code"].get<std::string>(), std::string("E_BAD_INPUT"));
        QCOMPARE(*tree.read(kConf), std::string("[=storage]\nmount_program = \"/usr/bin/fuse-overlayfs\"\n"));

        // A non-ASCII character where TOML allows none (fuzz/regressions/storage_conf: toml++
        // 3.3 reaches __builtin_unreachable() on it): refused before parsing.
        tree.write(kConf, "runro\xEF\xB4\xBFo = 1\n");
        run = tree.run(with(kConfigure, {"--json"}));
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.json()["error"]["message"].get<std::string>().find("non-ASCII") != std::string::npos);

        // A [storage] table made by dotted keys cannot be reopened: refused, not mangled.
        tree.write(kConf, "storage.driver = \"overlay\"\n");
        run = tree.run(with(kConfigure, {"--json"}));
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.json()["error"]["message"].get<std::string>().find("without rewriting it") != std::string::npos);
        QCOMPARE(*tree.read(kConf), std::string("storage.driver = \"overlay\"\n"));

        // Unreadable: a directory where the file should be.
        fs::remove(tree.path(kConf));
        fs::create_directories(tree.path(kConf));
        run = tree.run(with(kConfigure, {"--json"}));
        QCOMPARE(run.json()["error"]["code"].get<std::string>(), std::string("E_IO"));
        QVERIFY(!tree.exists("/scratch"));
    }

    void help()
    {
        FixtureRoot tree;
        const auto run = tree.run({"storage", "--help"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.find("--path DIR") != std::string::npos);
        QVERIFY(run.out.find("example:") != std::string::npos);
        QCOMPARE(tree.run({"storage"}).exitCode, 2);
    }

    void checkReportsEffectivePath()
    {
        FixtureRoot tree;
        tree.write("/etc/passwd", "root:x:0:0::/root:/bin/bash\nalice:x:1500:1500::/home/alice:/bin/bash\n");
        fs::create_directories(tree.path("/home/alice"));
        // Before: no storage.conf at all, the default under $HOME.
        auto json = tree.run({"--json", "storage", "check", "--user", "alice"}).json();
        QCOMPARE(json["user"]["graphRoot"].get<std::string>(), std::string("/home/alice/.local/share/containers/storage"));
        QCOMPARE(json["user"]["source"].get<std::string>(), std::string("the default"));

        QCOMPARE(tree.run(kConfigure).exitCode, 0);
        const auto run = tree.run({"--json", "storage", "check", "--user", "alice"});
        QCOMPARE(run.exitCode, 0);
        json = run.json();
        QCOMPARE(json["site"]["rootlessStoragePath"].get<std::string>(), kValue);
        QCOMPARE(json["user"]["graphRoot"].get<std::string>(), std::string("/scratch/containers/alice/share/containers/storage"));
        QVERIFY(json["user"]["source"].get<std::string>().starts_with("/etc/containers/storage.conf"));
        QCOMPARE(json["user"]["exists"].get<bool>(), false);
        QCOMPARE(json["user"]["filesystem"]["checkedPath"].get<std::string>(), std::string("/scratch/containers"));
        QCOMPARE(json["user"]["filesystem"]["network"].get<bool>(), false);
        QVERIFY(json["user"]["filesystem"]["freeBytes"].get<std::uint64_t>() > 0);
        QVERIFY(json["warnings"].empty());
        const auto text = tree.run({"storage", "check", "--user", "alice"}).out;
        QVERIFY2(text.find("user alice: /scratch/containers/alice/share/containers/storage\n") != std::string::npos, text.c_str());
        QVERIFY(text.find("  free: ") != std::string::npos);
    }

    void checkWarnsAboutUserOverride()
    {
        FixtureRoot tree;
        tree.write("/etc/passwd", "alice:x:1500:1500::/home/alice:/bin/bash\n");
        QCOMPARE(tree.run(kConfigure).exitCode, 0);
        tree.write("/home/alice/.config/containers/storage.conf",
                   "[storage]\ndriver = \"vfs\"\ngraphroot = \"$HOME/my-images\"\n");
        const auto json = tree.run({"--json", "storage", "check", "--user", "alice"}).json();
        QCOMPARE(json["user"]["graphRoot"].get<std::string>(), std::string("/home/alice/my-images"));
        QCOMPARE(json["warnings"].size(), std::size_t(1));
        QVERIFY(json["warnings"][0].get<std::string>().find("overrides the site's setting") != std::string::npos);

        // A user file without a path still replaces the site's other settings: a softer warning.
        tree.write("/home/alice/.config/containers/storage.conf", "[storage]\ndriver = \"vfs\"\n");
        const auto soft = tree.run({"--json", "storage", "check", "--user", "alice"}).json();
        QCOMPARE(soft["user"]["graphRoot"].get<std::string>(), std::string("/scratch/containers/alice/share/containers/storage"));
        QVERIFY(soft["warnings"][0].get<std::string>().find("still applies") != std::string::npos);
    }

    void checkFailsOnNetworkStorage()
    {
        FixtureRoot tree;
        tree.write("/etc/passwd", "alice:x:1500:1500::/home/alice:/bin/bash\n");
        const ProbeOverride probe({0x6969, "", 1ULL << 40, 1ULL << 41});
        const auto run = tree.run({"--json", "storage", "check", "--user", "alice"});
        QCOMPARE(run.exitCode, 1);
        const auto json = run.json();
        QCOMPARE(json["ok"].get<bool>(), false);
        QCOMPARE(json["user"]["filesystem"]["type"].get<std::string>(), std::string("nfs"));
        QVERIFY(json["warnings"][0].get<std::string>().find("NFS") != std::string::npos);
    }

    void mountinfoTypes()
    {
        const std::string mountinfo = readFixture(kFixtures / "mountinfo");
        QCOMPARE(storage::mountTypeFor(mountinfo, "/scratch/alice"), std::string("fuse.sshfs"));
        QCOMPARE(storage::mountTypeFor(mountinfo, "/scratch/local disk/x"), std::string("fuse.fuse-overlayfs"));
        QCOMPARE(storage::mountTypeFor(mountinfo, "/home/alice"), std::string("nfs4"));
        QCOMPARE(storage::mountTypeFor(mountinfo, "/scratchy"), std::string("ext4")); // a prefix, not a parent
        QCOMPARE(storage::mountTypeFor(mountinfo, "/"), std::string("ext4"));
        QCOMPARE(storage::networkFsName({0x65735546, "fuse.sshfs", 0, 0}).value_or(""), std::string("fuse.sshfs"));
        QVERIFY(!storage::networkFsName({0x65735546, "fuse.fuse-overlayfs", 0, 0}));
        QVERIFY(!storage::networkFsName({0xEF53, "", 0, 0}));
        QCOMPARE(storage::fsTypeName({0xEF53, "", 0, 0}), std::string("ext2/ext3/ext4"));
        QCOMPARE(storage::fsTypeName({0x12345678, "", 0, 0}), std::string("0x12345678"));
        // The real probe on this machine's temp directory: a local filesystem.
        QVERIFY(!storage::networkFsName(storage::probeFilesystem(fs::temp_directory_path())));
    }
};

QTEST_GUILESS_MAIN(TestStorage)
#include "tst_storage.moc"
