// `registry run|status|gc` against the real CNCF distribution binary, as root on the local
// login node: `podbay-helper registry run` (a child of this test) replaces itself with
// docker-registry running as the unprivileged account docker-registry, on a free loopback
// port with its storage in a temporary directory; an image copied into it from the login
// node's registry shows in `registry status`; `registry gc` refuses while it runs, and after
// the manifest is deleted and the registry stopped it frees the blobs.
// Nothing outside the temporary directory is touched; the child is killed at the end.
// Fails (never skips) without root, the tools, or the login node's registry.
#include "FakeHttpServer.h"
#include "registry/DistributionConfig.h"
#include "registry/RegistryProbe.h"
#include "registry/RegistrySettings.h"

#include "RunProgram.h"

#include <nlohmann/json.hpp>

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <pwd.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace podbay::helper;

namespace {

const QString kHelper = QStringLiteral(PODBAY_HELPER_BIN);
const char *kAccount = "docker-registry"; // made by the Debian package for its own service

using Result = podbay::test::ProgramResult;
using podbay::test::runProgram;

std::string procStatusField(qint64 pid, const std::string &field)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);)
        if (line.starts_with(field + ":"))
            return line.substr(field.size() + 1);
    return {};
}

} // namespace

class TestRegistryIntegration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runStatusAndGc()
    {
        QVERIFY2(::geteuid() == 0, "the registry integration test drops root to docker-registry: run it as root");
        const QString source = qEnvironmentVariable("PODBAY_REGISTRY");
        QVERIFY2(!source.isEmpty(), "PODBAY_REGISTRY is not set: scripts/loginnode start && eval \"$(scripts/loginnode env)\"");
        for (const char *tool : {"skopeo", "docker-registry"})
            QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(), tool);
        const passwd *account = ::getpwnam(kAccount);
        QVERIFY2(account, "no docker-registry account (apt-get install docker-registry)");
        const uid_t accountUid = account->pw_uid;
        const gid_t accountGid = account->pw_gid;
        const auto sourceAddress = registry::parseListenAddress(source.toStdString());
        QVERIFY2(sourceAddress && registry::probeRegistry(*sourceAddress).reachable,
                 "the login node's registry ($PODBAY_REGISTRY) does not answer: scripts/loginnode start");

        QTemporaryDir dir;
        const fs::path base = dir.path().toStdString();
        fs::permissions(base, fs::perms(0755)); // the registry's account must reach its storage
        const fs::path data = base / "data";
        fs::create_directory(data);
        QCOMPARE(::chown(data.c_str(), accountUid, accountGid), 0);

        registry::RegistrySettings settings;
        settings.storage = data.string();
        settings.listen = {"127.0.0.1", podbay::test::unusedPort()};
        settings.config = base / "config.yml";
        std::ofstream(settings.config) << registry::distributionConfig(settings);
        const fs::path conf = base / "helper.conf";
        std::ofstream(conf) << "[registry]\nuser = " << kAccount << "\nconfig = " << settings.config.string()
                            << "\nstorage = " << settings.storage << "\nlisten = " << settings.listen.text() << "\n";
        const QString confArg = QString::fromStdString(conf.string());
        const QString address = QString::fromStdString(settings.listen.text());

        QProcess registryProcess;
        registryProcess.setProcessChannelMode(QProcess::MergedChannels);
        registryProcess.start(kHelper, {"--config", confArg, "registry", "run"});
        QVERIFY(registryProcess.waitForStarted());
        const auto stopRegistry = [&] {
            if (registryProcess.state() == QProcess::NotRunning)
                return;
            registryProcess.terminate();
            if (!registryProcess.waitForFinished(10000)) {
                registryProcess.kill();
                registryProcess.waitForFinished();
            }
        };
        struct Stop
        {
            std::function<void()> f;
            ~Stop() { f(); }
        } stopAtEnd{stopRegistry};

        QElapsedTimer waited;
        waited.start();
        while (!registry::probeRegistry(settings.listen).reachable) {
            QVERIFY2(registryProcess.state() == QProcess::Running,
                     ("registry run exited: " + registryProcess.readAll().toStdString()).c_str());
            QVERIFY2(waited.elapsed() < 60000, "the registry did not answer on its port within a minute");
            QTest::qWait(100);
        }
        // The helper replaced itself with the distribution binary, which runs unprivileged.
        const qint64 pid = registryProcess.processId();
        QCOMPARE(fs::read_symlink("/proc/" + std::to_string(pid) + "/exe"), fs::path("/usr/bin/docker-registry"));
        const std::string uids = procStatusField(pid, "Uid");
        QVERIFY2(uids.find('\t' + std::to_string(accountUid) + '\t') != std::string::npos, uids.c_str());

        const QString target = "docker://" + address + "/library/busybox:latest";
        const Result copy = runProgram(QStringLiteral("skopeo"), {"copy", "--src-tls-verify=false", "--dest-tls-verify=false",
                                                           "docker://" + source + "/library/busybox:latest", target});
        QVERIFY2(copy.exitCode == 0, copy.err.c_str());

        const Result status = runProgram(kHelper, {"--config", confArg, "--json", "registry", "status"});
        QVERIFY2(status.exitCode == 0, (status.out + status.err).c_str());
        const auto doc = status.json();
        QCOMPARE(doc.at("reachable").get<bool>(), true);
        QCOMPARE(doc.at("repositories").get<int>(), 1);
        QCOMPARE(doc.at("repositoryNames").at(0).get<std::string>(), std::string("library/busybox"));
        const auto used = doc.at("storage").at("bytes").get<std::uint64_t>();
        QVERIFY2(used > 100000, std::to_string(used).c_str()); // busybox-static's layer

        const Result busy = runProgram(kHelper, {"--config", confArg, "--json", "registry", "gc"});
        QCOMPARE(busy.exitCode, 1);
        QCOMPARE(busy.json().at("error").at("code").get<std::string>(), std::string("E_BUSY"));

        // Untag through the API (storage.delete.enabled), stop, collect.
        const Result deleted = runProgram(QStringLiteral("skopeo"), {"delete", "--tls-verify=false", target});
        QVERIFY2(deleted.exitCode == 0, deleted.err.c_str());
        stopRegistry();
        const Result gc = runProgram(kHelper, {"--config", confArg, "--json", "registry", "gc"});
        QVERIFY2(gc.exitCode == 0, (gc.out + gc.err).c_str());
        const auto freed = gc.json().at("freedBytes").get<std::uint64_t>();
        QVERIFY2(freed > 100000, gc.out.c_str());
        QVERIFY(gc.json().at("afterBytes").get<std::uint64_t>() < used);
        qInfo("registry storage %llu bytes after the push; gc freed %llu bytes", static_cast<unsigned long long>(used),
              static_cast<unsigned long long>(freed));

        const Result down = runProgram(kHelper, {"--config", confArg, "--json", "registry", "status"});
        QCOMPARE(down.exitCode, 1);
        QCOMPARE(down.json().at("reachable").get<bool>(), false);
    }
};

QTEST_GUILESS_MAIN(TestRegistryIntegration)
#include "tst_registry_integration.moc"
