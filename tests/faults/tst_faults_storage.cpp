// The user's storage filesystem fills up during a commit (issue 10): podbay-carol's
// rootless Podman storage is a 64 MiB tmpfs of its own (scripts/loginnode, graphroot in
// her containers-storage.conf(5)). The test fills it with a file of its own until less
// than the new layer is free, publishes through libpodbay-core's BuildFlow, and expects a
// clear "no space" error with the helper's hint, no new image (tagged or not) in her
// storage, no tag in the registry; after the filler is removed, the same publish works.
// The filler is removed whatever happens (scope guard, and cleanupTestCase).
#include "HelperSession.h"
#include "LoginNodeEnv.h"
#include "LoginNodeFaults.h"

#include <BuildFlow.h>
#include <RegistryBrowser.h>

#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTest>

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

using namespace podbay;
using namespace podbay::core;
using namespace podbay::test;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

qint64 freeBytes(const QString &path)
{
    struct statvfs st{};
    if (::statvfs(path.toLocal8Bit().constData(), &st) != 0)
        return -1;
    return static_cast<qint64>(st.f_bavail) * static_cast<qint64>(st.f_frsize);
}

// Takes all but `leave` bytes of the filesystem with one preallocated file (posix_fallocate
// really reserves the space on tmpfs, unlike a sparse file).
bool fill(const QString &file, qint64 leave)
{
    const qint64 size = freeBytes(QFileInfo(file).absolutePath()) - leave;
    if (size <= 0)
        return false;
    const int fd = ::open(file.toLocal8Bit().constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    const int error = ::posix_fallocate(fd, 0, size);
    ::close(fd);
    return error == 0;
}

} // namespace

class TestFaultsStorage : public QObject
{
    Q_OBJECT
    LoginNodeEnv m_node;
    QString m_user;
    QString m_storage;
    QString m_filler;

    QStringList allImages()
    {
        int exitCode = -1;
        const QString out = podmanAs(m_user, {QStringLiteral("images"), QStringLiteral("--all"), QStringLiteral("--quiet"),
                                              QStringLiteral("--no-trunc")},
                                     &exitCode);
        return exitCode == 0 ? out.split('\n', Qt::SkipEmptyParts) : QStringList{QStringLiteral("<podman failed: ") + out};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_node = LoginNodeEnv::fromEnvironment();
        if (!m_node.valid())
            QFAIL(LoginNodeEnv::missingMessage());
        m_user = LoginNodeEnv::user(QStringLiteral("CAROL"));
        m_storage = QProcessEnvironment::systemEnvironment().value(QStringLiteral("PODBAY_CAROL_STORAGE"));
        QVERIFY2(!m_user.isEmpty() && !m_storage.isEmpty(),
                 "no fault user in `scripts/loginnode env`: restart the login node (scripts/loginnode start)");
        QVERIFY2(::geteuid() == 0, "run as root: the test fills podbay-carol's storage filesystem");
        QString mounts;
        QVERIFY(runCommand(QStringLiteral("findmnt"), {QStringLiteral("-n"), QStringLiteral("-o"),
                                                       QStringLiteral("FSTYPE"), m_storage},
                           &mounts)
                == 0);
        QCOMPARE(mounts.trimmed(), QStringLiteral("tmpfs")); // never fill a filesystem others use
        m_filler = m_storage + QStringLiteral("/podbay-fault-filler");
    }

    void cleanupTestCase()
    {
        if (!m_filler.isEmpty())
            QFile::remove(m_filler);
    }

    void storageFullDuringCommit()
    {
        auto session = HelperSession::open(m_node, QStringLiteral("CAROL"));
        QVERIFY(session);
        const QString name = QStringLiteral("fault-full-") + QString::number(QRandomGenerator::global()->bounded(100000, 999999));
        BuildFlow build(&session->rpc);
        QVERIFY(QCoro::waitFor(build.start(QStringLiteral("library/busybox:latest"), name)).ok());
        // 16 MiB in the container: committing it needs a new layer at least that big.
        const auto step = QCoro::waitFor(build.runStep(QStringLiteral("head -c 16777216 /dev/urandom > /big.bin")));
        QVERIFY2(step.ok() && step.value().exitCode == 0, "the step did not run");
        const QStringList imagesBefore = allImages();

        const auto removeFiller = qScopeGuard([this] { QFile::remove(m_filler); });
        QVERIFY2(fill(m_filler, 4 * kMiB), "could not fill the storage filesystem");
        QVERIFY(freeBytes(m_storage) < 5 * kMiB);
        const auto failed = QCoro::waitFor(build.publish(name, QStringLiteral("v1")));
        QVERIFY2(!failed.ok(), "the commit succeeded on a full filesystem");
        const Error error = failed.error();
        const QString saw = error.code + QStringLiteral(": ") + error.message + QStringLiteral(" (") + error.hint + ')';
        qInfo("storage full: the user saw: %s", qPrintable(saw));
        QCOMPARE(error.code, QStringLiteral("E_IO"));
        QVERIFY2(error.message.contains(QStringLiteral("no space left on device")), qPrintable(error.message));
        QVERIFY2(error.hint.contains(QStringLiteral("storage is full")), qPrintable(error.hint));

        // Nothing half made: no new image (tagged or dangling), no tag in the registry.
        QCOMPARE(allImages(), imagesBefore);
        const QString tags = registryTags(m_node.registry, m_user + "/" + name);
        QVERIFY2(!tags.contains(QStringLiteral("\"v1\"")), qPrintable(tags));

        // Space again: the same publish from the same working container works.
        QVERIFY(QFile::remove(m_filler));
        const auto published = QCoro::waitFor(build.publish(name, QStringLiteral("v1")));
        QVERIFY2(published.ok(), qPrintable(published.error().toString()));
        QVERIFY2(registryTags(m_node.registry, m_user + "/" + name).contains(QStringLiteral("\"v1\"")), "not pushed");
        QCOMPARE(allImages(), imagesBefore); // pushed, then untagged locally as always
        qInfo("retry: pushed %s", qPrintable(published.value().image));

        RegistryBrowser registry(&session->rpc);
        QVERIFY(QCoro::waitFor(registry.deleteTag(m_user + "/" + name, QStringLiteral("v1"))).ok());
        QVERIFY(QCoro::waitFor(build.discard()).ok());
        if (!QTest::currentTestFailed())
            qInfo("ROW|the user's storage filesystem (64 MiB tmpfs) full during the commit of a 16 MiB layer|%s"
                  "|no system files involved|none: no new image (tagged or dangling) in her storage, no tag in the "
                  "registry|space freed, the same publish from the same working container succeeded",
                  qPrintable(saw));
    }
};

QTEST_GUILESS_MAIN(TestFaultsStorage)
#include "tst_faults_storage.moc"
