// Atomic replacement of system files and shadow-utils' FILE.lock protocol.
#include "HelperError.h"
#include "sysfile/AtomicFile.h"
#include "sysfile/ShadowLock.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace podbay::helper;
using namespace podbay::helper::sysfile;
namespace fs = std::filesystem;

namespace {

void writeText(const fs::path &path, const std::string &text)
{
    std::ofstream(path, std::ios::binary) << text;
}

std::string readText(const fs::path &path)
{
    return readFileIfExists(path).value_or("<missing>");
}

std::vector<std::string> names(const fs::path &dir)
{
    std::vector<std::string> list;
    for (const auto &e : fs::directory_iterator(dir))
        list.push_back(e.path().filename().string());
    std::ranges::sort(list);
    return list;
}

std::chrono::milliseconds ms(int n)
{
    return std::chrono::milliseconds(n);
}

} // namespace

class TestSysfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replacesKeepingOwnerModeAndBackup()
    {
        QTemporaryDir tmp;
        const fs::path file = fs::path(tmp.path().toStdString()) / "subuid";
        writeText(file, "old\n");
        QCOMPARE(::chmod(file.c_str(), 0640), 0);
        QCOMPARE(::chown(file.c_str(), 0, 4), 0); // root:adm, a group the test runner is unlikely to have
        writeFileAtomically(file, "new\n");
        QCOMPARE(readText(file), std::string("new\n"));
        QCOMPARE(readText(file.string() + "-"), std::string("old\n"));
        struct stat st{};
        QCOMPARE(::stat(file.c_str(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0640));
        QCOMPARE(st.st_gid, gid_t(4));
        QCOMPARE(::stat((file.string() + "-").c_str(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0640));
        QCOMPARE(names(file.parent_path()), (std::vector<std::string>{"subuid", "subuid-"}));
    }

    void backupFromTheContentTheCallerRead()
    {
        // The caller read the file under its lock: FILE- is written from that text, and a
        // large file is not read a second time; a file read back gives the same backup.
        QTemporaryDir tmp;
        const fs::path file = fs::path(tmp.path().toStdString()) / "subuid";
        const std::string big(3 << 20, 'x');
        writeText(file, big);
        WriteOptions options;
        options.currentContent = big;
        writeFileAtomically(file, "new\n", options);
        QCOMPARE(readText(file), std::string("new\n"));
        QCOMPARE(readText(file.string() + "-"), big);
        const auto read = readFileIfExists(file); // straight into the string, past the size hint
        QCOMPARE(read, std::optional<std::string>("new\n"));
        QCOMPARE(readFileIfExists(file.string() + "-")->size(), big.size());
    }

    void createsNewFileWithDefaultMode()
    {
        QTemporaryDir tmp;
        const fs::path file = fs::path(tmp.path().toStdString()) / "subgid";
        writeFileAtomically(file, "a:1:1\n");
        struct stat st{};
        QCOMPARE(::stat(file.c_str(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0644));
        QCOMPARE(names(file.parent_path()), std::vector<std::string>{"subgid"}); // no backup of nothing
    }

    void failureLeavesNoTempAndOriginalIntact()
    {
        QTemporaryDir tmp;
        const fs::path dir = tmp.path().toStdString();
        // The target is a directory that is not empty: rename(2) fails after the temp file
        // has been fully written.
        fs::create_directory(dir / "target");
        writeText(dir / "target" / "keep", "x");
        try {
            writeFileAtomically(dir / "target", "new\n");
            QFAIL("no error");
        } catch (const HelperError &e) {
            QCOMPARE(e.code(), std::string("E_IO"));
        }
        QCOMPARE(names(dir), std::vector<std::string>{"target"});
        // A directory that does not exist: no temp file can be created at all.
        QVERIFY_THROWS_EXCEPTION(HelperError, writeFileAtomically(dir / "missing" / "f", "x"));
    }

    void removesStaleTempFilesOnly()
    {
        QTemporaryDir tmp;
        const fs::path dir = tmp.path().toStdString();
        for (const char *name : {"subuid", "subuid.podbay-AbC123", "subuid.podbay-toolongname", "subgid.podbay-AbC123"})
            writeText(dir / name, "x");
        removeStaleTempFiles(dir / "subuid");
        QCOMPARE(names(dir), (std::vector<std::string>{"subgid.podbay-AbC123", "subuid", "subuid.podbay-toolongname"}));
    }

    void lockWritesPidAndReleases()
    {
        QTemporaryDir tmp;
        const fs::path file = fs::path(tmp.path().toStdString()) / "subuid";
        writeText(file, "");
        {
            const ShadowLock lock = ShadowLock::acquire(file);
            QCOMPARE(lock.lockPath(), fs::path(file.string() + ".lock"));
            // As commonio's do_lock_file: the PID followed by a NUL.
            QCOMPARE(readText(lock.lockPath()), std::to_string(::getpid()) + std::string(1, '\0'));
            // Only the lock remains: the FILE.PID link was removed.
            QCOMPARE(names(file.parent_path()), (std::vector<std::string>{"subuid", "subuid.lock"}));
        }
        QCOMPARE(names(file.parent_path()), std::vector<std::string>{"subuid"});
    }

    void lockHeldByLiveProcessFails()
    {
        QTemporaryDir tmp;
        const fs::path file = fs::path(tmp.path().toStdString()) / "subuid";
        QProcess sleeper;
        sleeper.start("sleep", {"30"});
        QVERIFY(sleeper.waitForStarted());
        writeText(file.string() + ".lock", std::to_string(sleeper.processId()) + std::string(1, '\0'));
        try {
            ShadowLock::acquire(file, {ms(200), ms(20)});
            QFAIL("locked twice");
        } catch (const HelperError &e) {
            const std::string message = e.what();
            QCOMPARE(e.code(), std::string("E_LOCKED"));
            QVERIFY2(message.find("locked by process " + std::to_string(sleeper.processId()) + " (sleep)")
                         != std::string::npos,
                     message.c_str());
        }
        // The other process's lock is untouched, and our FILE.PID is gone.
        QCOMPARE(names(file.parent_path()), std::vector<std::string>{"subuid.lock"});
        sleeper.kill();
        sleeper.waitForFinished();
    }

    void ownLockIsNotTakenTwice()
    {
        QTemporaryDir tmp;
        const fs::path file = fs::path(tmp.path().toStdString()) / "subuid";
        const ShadowLock lock = ShadowLock::acquire(file);
        QVERIFY_THROWS_EXCEPTION(HelperError, ShadowLock::acquire(file, {ms(0), ms(1)}));
    }

    void staleLockOfDeadProcessIsTaken()
    {
        QTemporaryDir tmp;
        const fs::path file = fs::path(tmp.path().toStdString()) / "subuid";
        // A PID that cannot exist: above the kernel's largest pid_max (2^22).
        writeText(file.string() + ".lock", "4194304\n");
        const ShadowLock lock = ShadowLock::acquire(file, {ms(0), ms(1)});
        QCOMPARE(readText(lock.lockPath()), std::to_string(::getpid()) + std::string(1, '\0'));
    }

    void lockWithoutPidIsReported()
    {
        QTemporaryDir tmp;
        const fs::path file = fs::path(tmp.path().toStdString()) / "subuid";
        writeText(file.string() + ".lock", "garbage");
        try {
            ShadowLock::acquire(file, {ms(100), ms(20)});
            QFAIL("no error");
        } catch (const HelperError &e) {
            QCOMPARE(e.code(), std::string("E_LOCKED"));
            QVERIFY(std::string(e.what()).find("holds no valid PID") != std::string::npos);
        }
        QCOMPARE(readText(file.string() + ".lock"), std::string("garbage"));
    }
};

QTEST_GUILESS_MAIN(TestSysfile)
#include "tst_sysfile.moc"
