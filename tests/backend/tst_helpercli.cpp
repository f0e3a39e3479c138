// The helper's command line: global options, dispatch, exit codes and the
// version document that clients check first.
#include "Cli.h"

#include <podbay/protocol/Protocol.h>
#include <podbay/protocol/Version.h>

#include <nlohmann/json.hpp>

#include <QTest>

#include <sstream>

using podbay::helper::runCli;

namespace {
struct Run
{
    int exitCode;
    std::string out;
    std::string err;
};

Run run(std::vector<std::string> args)
{
    std::ostringstream out, err;
    const int code = runCli(args, out, err);
    return {code, out.str(), err.str()};
}
} // namespace

class TestHelperCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionJson_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("flag after command") << QStringList{"version", "--json"};
        QTest::newRow("flag before command") << QStringList{"--json", "version"};
    }

    void versionJson()
    {
        QFETCH(QStringList, args);
        std::vector<std::string> argv;
        for (const QString &a : args)
            argv.push_back(a.toStdString());
        const Run r = run(argv);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.empty());
        QCOMPARE(r.out.back(), '\n');
        const auto doc = nlohmann::json::parse(r.out);
        QCOMPARE(doc.at("name").get<std::string>(), std::string(podbay::protocol::kHelperName));
        QCOMPARE(doc.at("version").get<std::string>(), std::string(podbay::kVersion));
        QCOMPARE(doc.at("protocol").at("major").get<int>(), podbay::protocol::kMajor);
        QCOMPARE(doc.at("protocol").at("minor").get<int>(), podbay::protocol::kMinor);
    }

    void versionText()
    {
        const Run r = run({"version"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, "podbay-helper " + std::string(podbay::kVersion) + " (protocol 1.0)\n");
    }

    void unknownCommandIsUsageError()
    {
        const Run r = run({"frobnicate"});
        QCOMPARE(r.exitCode, podbay::helper::kExitUsage);
        QVERIFY(r.out.empty());
        QVERIFY2(r.err.find("unknown command 'frobnicate'") != std::string::npos, r.err.c_str());
        QVERIFY(r.err.find("hint: run: podbay-helper --help") != std::string::npos);
    }

    void errorsAreJsonWithJsonFlag()
    {
        const Run r = run({"--json", "frobnicate"});
        QCOMPARE(r.exitCode, podbay::helper::kExitUsage);
        const auto doc = nlohmann::json::parse(r.out);
        QCOMPARE(doc.at("error").at("code").get<std::string>(), std::string(podbay::protocol::error::kUsage));
        QVERIFY(!doc.at("error").at("message").get<std::string>().empty());
        QVERIFY(!doc.at("error").at("hint").get<std::string>().empty());
    }

    void badGlobalOptions_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no command") << QStringList{} << "usage:";
        QTest::newRow("unknown option") << QStringList{"--frob", "version"} << "unknown option --frob";
        QTest::newRow("root without value") << QStringList{"--root"} << "--root needs a value";
        QTest::newRow("relative root") << QStringList{"--root", "etc", "version"} << "absolute path";
        QTest::newRow("version with arguments") << QStringList{"version", "extra"} << "takes no arguments";
    }

    void badGlobalOptions()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        std::vector<std::string> argv;
        for (const QString &a : args)
            argv.push_back(a.toStdString());
        const Run r = run(argv);
        QCOMPARE(r.exitCode, podbay::helper::kExitUsage);
        QVERIFY2(r.err.find(expected.toStdString()) != std::string::npos, r.err.c_str());
    }

    void helpListsCommandsAndExample()
    {
        const Run r = run({"--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.find("  version") != std::string::npos);
        QVERIFY(r.out.find("example:") != std::string::npos);
        QVERIFY(r.out.find("--root DIR") != std::string::npos);
    }

    // Every command's --help names its options and shows an example (the man page is made
    // from these texts by help2man); nothing runs.
    void everyCommandHasHelpWithExample_data()
    {
        QTest::addColumn<QString>("command");
        for (const char *c : {"version", "serve", "subids", "storage", "docker-alias", "ldap", "registry", "nvidia",
                              "shell", "prune", "setup", "status", "images", "containers", "steps", "run", "slurm",
                              "doctor", "system", "admin"})
            QTest::newRow(c) << QString::fromLatin1(c);
    }
    void everyCommandHasHelpWithExample()
    {
        QFETCH(QString, command);
        const Run r = run({command.toStdString(), "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.starts_with("usage: podbay-helper"), r.out.c_str());
        const std::size_t example = r.out.find("\nexample"); // "example:" or "examples:"
        QVERIFY2(example != std::string::npos, r.out.c_str());
        QVERIFY2(r.out.find("podbay-helper", example) != std::string::npos, r.out.c_str());
        QVERIFY(r.err.empty());
    }

    void versionOptionIsTheVersionCommand()
    {
        QCOMPARE(run({"--version"}).out, run({"version"}).out);
        QCOMPARE(run({"--version"}).exitCode, 0);
    }

    void jsonAfterDashDashIsAnArgument()
    {
        // `--` ends option parsing: a literal "--json" after it reaches the command.
        const Run r = run({"version", "--", "--json"});
        QCOMPARE(r.exitCode, podbay::helper::kExitUsage);
        QVERIFY(r.out.empty());
    }
};

QTEST_GUILESS_MAIN(TestHelperCli)
#include "tst_helpercli.moc"
