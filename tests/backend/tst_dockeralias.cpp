// `podbay-helper docker-alias enable|disable|status` on fixture trees: the round trip,
// a file changed by an admin (kept, with a warning), a file the helper did not write, the
// docker program detection, and what the profile script does in a real shell.
#include "FixtureRoot.h"
#include "dockeralias/DockerAlias.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

namespace fs = std::filesystem;
using podbay::test::FixtureRoot;
namespace dockeralias = podbay::helper::dockeralias;

namespace {

const std::string kProfile = "/etc/profile.d/podbay-docker.sh";
const std::string kNodocker = "/etc/containers/nodocker";

// What `alias docker` prints in a POSIX shell after sourcing the script, with PATH=path.
QString aliasAfterSourcing(const fs::path &script, const QString &path)
{
    QProcess sh;
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), path);
    sh.setProcessEnvironment(env);
    sh.start(QStringLiteral("/bin/sh"),
             {QStringLiteral("-c"), QStringLiteral(". \"$1\"; alias docker 2>/dev/null || echo no-alias"),
              QStringLiteral("sh"), QString::fromStdString(script.string())});
    sh.waitForFinished();
    return QString::fromUtf8(sh.readAllStandardOutput()).trimmed();
}

} // namespace

class TestDockerAlias : public QObject
{
    Q_OBJECT

    podbay::test::AuditCapture m_audit;

private slots:
    void init() { m_audit.lines.clear(); }

    void roundTrip()
    {
        FixtureRoot tree;
        auto status = tree.run({"--json", "docker-alias", "status"}).json();
        QCOMPARE(status["enabled"].get<bool>(), false);

        auto run = tree.run({"docker-alias", "enable"});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(*tree.read(kProfile), dockeralias::managedContent(dockeralias::kProfileScript));
        QCOMPARE(*tree.read(kNodocker), dockeralias::managedContent(dockeralias::kNodocker));
        QCOMPARE(tree.mode(kProfile), mode_t(0644));
        QCOMPARE(m_audit.lines.size(), std::size_t(2));
        QVERIFY(m_audit.lines[0].starts_with("docker-alias enable: create /etc/profile.d/podbay-docker.sh"));

        status = tree.run({"--json", "docker-alias", "status"}).json();
        QCOMPARE(status["enabled"].get<bool>(), true);
        QCOMPARE(status["aliasAtLogin"].get<bool>(), true);
        QCOMPARE(status["files"][0]["state"].get<std::string>(), std::string("managed"));

        const long long mtime = tree.mtime(kProfile);
        run = tree.run({"docker-alias", "enable"});
        QCOMPARE(run.out, std::string("nothing to do: the docker alias is already enabled\n"));
        QCOMPARE(tree.mtime(kProfile), mtime);

        run = tree.run({"--json", "docker-alias", "disable"});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.json()["files"][0]["action"].get<std::string>(), std::string("remove"));
        QVERIFY(!tree.exists(kProfile) && !tree.exists(kNodocker));
        QVERIFY(!tree.exists(kProfile + "-")); // nothing of the admin's to keep
        status = tree.run({"--json", "docker-alias", "status"}).json();
        QCOMPARE(status["enabled"].get<bool>(), false);
        QCOMPARE(tree.run({"docker-alias", "disable"}).out, std::string("nothing to do: the docker alias is already disabled\n"));
    }

    void adminChangeIsKept()
    {
        FixtureRoot tree;
        QCOMPARE(tree.run({"docker-alias", "enable"}).exitCode, 0);
        const std::string changed = *tree.read(kProfile) + "alias dc=podman-compose\n";
        tree.write(kProfile, changed);

        auto run = tree.run({"--json", "docker-alias", "disable"});
        QCOMPARE(run.exitCode, 0);
        auto json = run.json();
        QCOMPARE(json["files"][0]["state"].get<std::string>(), std::string("modified"));
        QCOMPARE(json["files"][0]["action"].get<std::string>(), std::string("unchanged"));
        QVERIFY(json["warnings"][0].get<std::string>().find("was changed after podbay-helper wrote it") != std::string::npos);
        QCOMPARE(*tree.read(kProfile), changed);
        QVERIFY(!tree.exists(kNodocker)); // the unchanged one went
        // Text mode says it on stderr.
        QVERIFY(tree.run({"docker-alias", "disable"}).err.starts_with("warning: /etc/profile.d/podbay-docker.sh was changed"));

        // enable does not overwrite it either, but restores the marker file.
        run = tree.run({"--json", "docker-alias", "enable"});
        json = run.json();
        QCOMPARE(*tree.read(kProfile), changed);
        QVERIFY(tree.exists(kNodocker));
        QVERIFY(!json["warnings"].empty());
        QCOMPARE(tree.run({"--json", "docker-alias", "status"}).json()["files"][0]["state"].get<std::string>(),
                 std::string("modified"));
    }

    void foreignFilesAreNotTouched()
    {
        FixtureRoot tree;
        tree.write(kNodocker, ""); // what an admin's `touch /etc/containers/nodocker` leaves
        tree.write(kProfile, "alias docker='podman --remote'\n");
        auto json = tree.run({"--json", "docker-alias", "enable"}).json();
        QCOMPARE(json["changed"].get<bool>(), false);
        QCOMPARE(json["files"][1]["state"].get<std::string>(), std::string("foreign"));
        QVERIFY(json["warnings"][0].get<std::string>().find("not written by podbay-helper") != std::string::npos);
        json = tree.run({"--json", "docker-alias", "disable"}).json();
        QCOMPARE(json["changed"].get<bool>(), false);
        QCOMPARE(*tree.read(kNodocker), std::string());
        QCOMPARE(*tree.read(kProfile), std::string("alias docker='podman --remote'\n"));
    }

    void dryRunWritesNothing()
    {
        FixtureRoot tree;
        const auto run = tree.run({"docker-alias", "enable", "--dry-run"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.starts_with("--- /dev/null\n+++ /etc/profile.d/podbay-docker.sh (planned)\n"));
        QVERIFY(run.out.find("+    alias docker=podman\n") != std::string::npos);
        QVERIFY(!tree.exists(kProfile) && !tree.exists(kNodocker));
        QVERIFY(m_audit.lines.empty());
    }

    void dockerProgramDetected()
    {
        FixtureRoot tree;
        QCOMPARE(tree.run({"docker-alias", "enable"}).exitCode, 0);
        tree.write("/usr/bin/docker", "#!/bin/sh\n[ -e /etc/containers/nodocker ] || echo \"Emulate Docker CLI using podman.\"\nexec /usr/bin/podman \"$@\"\n");
        fs::permissions(tree.path("/usr/bin/docker"), fs::perms(0755));
        auto json = tree.run({"--json", "docker-alias", "status"}).json();
        QCOMPARE(json["docker"]["path"].get<std::string>(), std::string("/usr/bin/docker"));
        QCOMPARE(json["docker"]["podmanWrapper"].get<bool>(), true);
        QCOMPARE(json["aliasAtLogin"].get<bool>(), false);

        std::string binary = "\x7f" "ELF";
        binary += std::string(8192, '\0');
        tree.write("/usr/local/bin/docker", binary);
        fs::permissions(tree.path("/usr/local/bin/docker"), fs::perms(0755));
        json = tree.run({"--json", "docker-alias", "status"}).json();
        QCOMPARE(json["docker"]["path"].get<std::string>(), std::string("/usr/local/bin/docker"));
        QCOMPARE(json["docker"]["podmanWrapper"].get<bool>(), false);
        const auto text = tree.run({"docker-alias", "status"}).out;
        QVERIFY2(text.find("(a real docker); login shells get no alias") != std::string::npos, text.c_str());
    }

    void scriptChecksForDockerAtLogin()
    {
        FixtureRoot tree;
        QCOMPARE(tree.run({"docker-alias", "enable"}).exitCode, 0);
        QTemporaryDir bin;
        QCOMPARE(aliasAfterSourcing(tree.path(kProfile), bin.path()), QStringLiteral("docker='podman'"));
        const fs::path docker = fs::path(bin.path().toStdString()) / "docker";
        std::filesystem::copy_file("/bin/true", docker);
        QCOMPARE(aliasAfterSourcing(tree.path(kProfile), bin.path()), QStringLiteral("no-alias"));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown subcommand") << QStringList{"docker-alias", "on"} << "unknown subcommand";
        QTest::newRow("status --dry-run") << QStringList{"docker-alias", "status", "--dry-run"} << "--dry-run";
        QTest::newRow("unknown option") << QStringList{"docker-alias", "enable", "--force"} << "--force";
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        FixtureRoot tree;
        const std::string problem = podbay::test::errorMismatch(tree, args, QStringLiteral("E_USAGE"), message);
        QVERIFY2(problem.empty(), problem.c_str());
        QVERIFY(!tree.exists(kProfile));
    }

    void unreadableFile()
    {
        FixtureRoot tree;
        fs::create_directories(tree.path(kProfile)); // a directory where the script should be
        const auto run = tree.run({"--json", "docker-alias", "enable"});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.json()["error"]["code"].get<std::string>(), std::string("E_IO"));
    }

    void help()
    {
        FixtureRoot tree;
        const auto run = tree.run({"docker-alias", "--help"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.find("example:") != std::string::npos);
        QCOMPARE(tree.run({"docker-alias"}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestDockerAlias)
#include "tst_dockeralias.moc"
