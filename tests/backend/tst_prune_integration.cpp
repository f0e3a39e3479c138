// `prune --older-than 7d --user podbay-bob` as root against the real rootless storage of the
// local login node's user podbay-bob: images whose Created is 30 days old are made with
// `podman build --timestamp` (the OCI config's created time, what `podman images` reports),
// one of them in use by a running container; a new one is built normally. prune removes
// the old unused image, keeps the new one and the one the running container uses, and
// leaves the container running. Everything the test made is removed at the end.
// Fails (never skips) without root, podman, busybox-static or the login node's users.
#include "RunProgram.h"

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

const QString kHelper = QStringLiteral(PODBAY_HELPER_BIN);
const QString kPrefix = QStringLiteral("localhost/podbay-prune-test-");
const QString kContainer = QStringLiteral("podbay-prune-test-running");

using Result = podbay::test::ProgramResult;
using podbay::test::runProgram;

Result podmanAs(const QString &user, QStringList args)
{
    args.prepend(QStringLiteral("podman"));
    args = QStringList{"-u", user, "--"} + args;
    return runProgram(QStringLiteral("runuser"), args);
}

// Image id by name in the user's storage, "" when absent.
std::string imageId(const QString &user, const QString &name)
{
    const Result r = podmanAs(user, {"image", "inspect", "--format", "{{.Id}}", name});
    return r.exitCode == 0 ? r.out.substr(0, r.out.find('\n')) : std::string();
}

void cleanUp(const QString &user)
{
    podmanAs(user, {"rm", "--force", "--time", "0", kContainer});
    for (const char *tag : {"old", "running", "new"})
        podmanAs(user, {"rmi", "--force", kPrefix + QString::fromLatin1(tag)});
}

} // namespace

class TestPruneIntegration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void removesTheOldImageOfARealUser()
    {
        QVERIFY2(::geteuid() == 0, "prune --user runs podman as another user through runuser: run it as root");
        const QString bob = qEnvironmentVariable("PODBAY_BOB");
        QVERIFY2(!bob.isEmpty(), "PODBAY_BOB is not set: scripts/loginnode start && eval \"$(scripts/loginnode env)\"");
        for (const char *tool : {"podman", "runuser"})
            QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(), tool);
        QVERIFY2(fs::exists("/bin/busybox"), "busybox-static is not installed");
        cleanUp(bob);

        // A build context the user can read: one static binary, nothing pulled from anywhere.
        QTemporaryDir context;
        const fs::path dir = context.path().toStdString();
        fs::permissions(dir, fs::perms(0755));
        fs::copy_file("/bin/busybox", dir / "busybox");
        fs::permissions(dir / "busybox", fs::perms(0755));
        for (const char *tag : {"old", "running", "new"})
            std::ofstream(dir / (std::string("Containerfile.") + tag))
                << "FROM scratch\nCOPY busybox /bin/busybox\nLABEL podbay.test=" << tag
                << "\nCMD [\"/bin/busybox\", \"sleep\", \"600\"]\n";
        const QString monthAgo = QString::number(static_cast<long long>(std::time(nullptr)) - 30 * 86400);
        const auto build = [&](const char *tag, bool old) {
            QStringList args{"build", "--quiet", "--layers=false", "--file",
                             QString::fromStdString((dir / (std::string("Containerfile.") + tag)).string()), "--tag",
                             kPrefix + QString::fromLatin1(tag)};
            if (old)
                args << "--timestamp" << monthAgo;
            args << QString::fromStdString(dir.string());
            return podmanAs(bob, args);
        };
        for (const auto &[tag, old] : {std::pair{"old", true}, std::pair{"running", true}, std::pair{"new", false}}) {
            const Result built = build(tag, old);
            QVERIFY2(built.exitCode == 0, built.err.c_str());
        }
        const Result started = podmanAs(bob, {"run", "--detach", "--name", kContainer, kPrefix + "running"});
        QVERIFY2(started.exitCode == 0, started.err.c_str());
        const std::string oldId = imageId(bob, kPrefix + "old");
        QVERIFY(!oldId.empty());

        // Dry run: selected, not removed.
        const Result dry = runProgram(kHelper, {"--json", "prune", "--older-than", "7d", "--user", bob, "--dry-run"});
        QVERIFY2(dry.exitCode == 0, (dry.out + dry.err).c_str());
        const auto dryUser = dry.json().at("users").at(0);
        QCOMPARE(dryUser.at("user").get<std::string>(), bob.toStdString());
        bool selected = false;
        for (const auto &image : dryUser.at("images").at("selected"))
            selected = selected || image.at("id").get<std::string>() == oldId;
        QVERIFY2(selected, dry.out.c_str());
        QCOMPARE(imageId(bob, kPrefix + "old"), oldId);

        const Result r = runProgram(kHelper, {"--json", "prune", "--older-than", "7d", "--user", bob});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).c_str());
        const auto user = r.json().at("users").at(0);
        QVERIFY2(user.at("errors").empty(), r.out.c_str());
        QVERIFY2(user.at("freedBytes").get<std::uint64_t>() > 0, r.out.c_str());
        qInfo("prune freed %llu bytes of %s's storage", user.at("freedBytes").get<unsigned long long>(), qPrintable(bob));
        QVERIFY(imageId(bob, kPrefix + "old").empty());
        QVERIFY(!imageId(bob, kPrefix + "new").empty());
        QVERIFY(!imageId(bob, kPrefix + "running").empty());
        const Result state = podmanAs(bob, {"inspect", "--format", "{{.State.Status}}", kContainer});
        QCOMPARE(QString::fromStdString(state.out).trimmed(), QStringLiteral("running"));
        bool keptRunning = false;
        for (const auto &kept : user.at("images").at("kept"))
            keptRunning = keptRunning
                          || (kept.at("name").get<std::string>() == (kPrefix + "running:latest").toStdString()
                              && kept.at("reason").get<std::string>().starts_with("used by container " + kContainer.toStdString()));
        QVERIFY2(keptRunning, r.out.c_str());

        // A second run finds nothing more of the test's to remove.
        const Result again = runProgram(kHelper, {"prune", "--older-than", "7d", "--user", bob});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.find("- image " + kPrefix.toStdString()) == std::string::npos,
                 again.out.c_str());

        cleanUp(bob);
        QVERIFY(imageId(bob, kPrefix + "new").empty());
    }
};

QTEST_GUILESS_MAIN(TestPruneIntegration)
#include "tst_prune_integration.moc"
