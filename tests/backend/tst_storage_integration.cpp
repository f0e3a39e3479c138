// `storage configure` on the real machine, as root: after the helper sets
// rootless_storage_path in the real /etc/containers/storage.conf, a real user of the local
// login node (podbay-alice) gets the new graphRoot from `podman info`; once the original file
// is back, her `podman info` shows her old graphRoot again (her images were never touched:
// no `podman system reset`). The machine is left as found: storage.conf (or its absence) and
// its FILE- backup are restored and the temporary storage directory is removed, whatever
// happens. Fails (never skips) without root, podman or the login node's users.
#include "storage/TomlValue.h"
#include "sysfile/AtomicFile.h"

#include <nlohmann/json.hpp>

#include <QFileInfo>
#include <QProcess>
#include <QTest>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <pwd.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace podbay::helper;

namespace {

const QString kHelper = QStringLiteral(PODBAY_HELPER_BIN);
const QString kUser = QStringLiteral("podbay-alice");
const fs::path kConf = "/etc/containers/storage.conf";

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

Result run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(QStringLiteral("/tmp")); // readable by the user runuser switches to
    auto env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("XDG_RUNTIME_DIR")); // platform.md: never a /run/user that does not exist
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(180000)) {
        p.kill();
        p.waitForFinished();
        return {-1, {}, QStringLiteral("timed out: ") + program + ' ' + args.join(' ')};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString aliceGraphRoot()
{
    const Result info = run(QStringLiteral("runuser"), {"-u", kUser, "--", "env", "-u", "XDG_RUNTIME_DIR", "podman",
                                                        "info", "--format", "{{.Store.GraphRoot}}"});
    if (info.exitCode != 0)
        return QStringLiteral("<podman info failed: %1>").arg(info.err);
    return info.out.trimmed();
}

// Puts a file back as it was (content, mode, or absence) when destroyed.
class RestoreFile
{
public:
    explicit RestoreFile(fs::path path) : m_path(std::move(path)), m_saved(sysfile::readFileIfExists(m_path)) {}
    RestoreFile(const RestoreFile &) = delete;
    RestoreFile &operator=(const RestoreFile &) = delete;
    ~RestoreFile() { restore(); }

    void restore()
    {
        try {
            if (sysfile::readFileIfExists(m_path) == m_saved)
                return;
            if (m_saved) {
                sysfile::WriteOptions options;
                options.keepBackup = false;
                sysfile::writeFileAtomically(m_path, *m_saved, options);
            } else {
                fs::remove(m_path);
            }
        } catch (const std::exception &e) {
            qWarning("could not restore %s: %s", m_path.c_str(), e.what());
        }
    }

private:
    fs::path m_path;
    std::optional<std::string> m_saved;
};

// A directory under /var/tmp (local disk, traversable by every user), removed as root at
// the end with everything the user's Podman created in it.
class StorageDir
{
public:
    StorageDir()
    {
        std::string pattern = "/var/tmp/podbay-storage-test-XXXXXX";
        if (::mkdtemp(pattern.data()))
            m_path = pattern;
    }
    StorageDir(const StorageDir &) = delete;
    StorageDir &operator=(const StorageDir &) = delete;
    ~StorageDir()
    {
        std::error_code ec;
        if (!m_path.empty())
            fs::remove_all(m_path, ec);
        if (ec)
            qWarning("could not remove %s: %s", m_path.c_str(), ec.message().c_str());
    }
    const fs::path &path() const { return m_path; }

private:
    fs::path m_path;
};

} // namespace

class TestStorageIntegration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(::geteuid() == 0, "the storage integration test changes /etc/containers/storage.conf: run it as "
                                   "root on a test machine (scripts/test does)");
        QVERIFY2(QFileInfo(kHelper).isExecutable(), qPrintable(kHelper + " is not built"));
        QVERIFY2(::getpwnam(kUser.toUtf8().constData()), "podbay-alice is missing: scripts/loginnode start creates her");
        for (const char *tool : {"runuser", "podman"})
            QVERIFY2(run("sh", {"-c", QStringLiteral("command -v %1").arg(tool)}).exitCode == 0,
                     qPrintable(QStringLiteral("%1 is missing: scripts/setup installs it").arg(tool)));
    }

    void podmanInfoShowsTheNewGraphRoot()
    {
        const QString before = aliceGraphRoot();
        QVERIFY2(before.startsWith('/'), qPrintable(before));

        StorageDir dir; // destroyed last: after the file is back, nothing points into it
        QVERIFY(!dir.path().empty());
        {
            RestoreFile conf(kConf), backup(kConf.string() + "-");
            const QString path = QString::fromStdString(dir.path().string());
            const Result configure = run(kHelper, {"--root", "/", "storage", "configure", "--path", path});
            QVERIFY2(configure.exitCode == 0, qPrintable(configure.out + configure.err));
            QCOMPARE(QFileInfo(path).permissions() & QFileDevice::WriteOther, QFileDevice::WriteOther);
            const auto text = sysfile::readFileIfExists(kConf);
            QVERIFY(text);
            const std::string expected = dir.path().string() + "/$USER/share/containers/storage";
            QCOMPARE(storage::tomlString(*text, kConf.string(), {"storage", "rootless_storage_path"}).value_or(""),
                     expected);

            const QString graphRoot = path + "/" + kUser + "/share/containers/storage";
            QCOMPARE(aliceGraphRoot(), graphRoot);

            // The helper's own view agrees with Podman's.
            const Result check = run(kHelper, {"--json", "storage", "check", "--user", kUser});
            QVERIFY2(check.exitCode == 0, qPrintable(check.out + check.err));
            const auto json = nlohmann::json::parse(check.out.toStdString());
            QCOMPARE(QString::fromStdString(json["user"]["graphRoot"].get<std::string>()), graphRoot);
            QCOMPARE(json["user"]["filesystem"]["network"].get<bool>(), false);

            // A second run is a no-op.
            const Result again = run(kHelper, {"storage", "configure", "--path", path});
            QVERIFY2(again.exitCode == 0 && again.out.startsWith("nothing to do"), qPrintable(again.out + again.err));
        } // storage.conf and storage.conf- restored here

        QCOMPARE(aliceGraphRoot(), before);
    }
};

QTEST_GUILESS_MAIN(TestStorageIntegration)
#include "tst_storage_integration.moc"
