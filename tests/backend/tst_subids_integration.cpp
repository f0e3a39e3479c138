// subids against the real thing, as root on the test machine:
//  - after `subids sync` on the real /etc, a newly created user runs a rootless Podman
//    container (newuidmap/newgidmap read the ranges the helper wrote);
//  - `usermod --add-subuids` running concurrently with sync never loses a line (both take
//    shadow's FILE.lock);
//  - kill -9 of the helper at random moments during the sync of a 100,000-user file always
//    leaves a complete, parseable file (the old or the new one).
// The machine is left as found: the test user is deleted, /etc/subuid, /etc/subgid, their
// FILE- backups and the state file are restored. Fails (never skips) without root/podman.
#include "HelperError.h"
#include "subids/ManagedState.h"
#include "subids/SubidFile.h"
#include "sysfile/AtomicFile.h"
#include "sysfile/ShadowLock.h"

#include <QCoreApplication>
#include <QProcess>
#include <QRandomGenerator>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <optional>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace podbay::helper;

namespace {

const QString kHelper = QStringLiteral(PODBAY_HELPER_BIN);

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

Result run(const QString &program, const QStringList &args, const QString &cwd = {}, int timeoutMs = 120000)
{
    QProcess p;
    if (!cwd.isEmpty())
        p.setWorkingDirectory(cwd);
    auto env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("XDG_RUNTIME_DIR")); // platform.md: never a /run/user that does not exist
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-1, {}, QStringLiteral("timed out: ") + program + ' ' + args.join(' ')};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

std::optional<std::string> readFile(const fs::path &path)
{
    return sysfile::readFileIfExists(path);
}

void writeFile(const fs::path &path, const std::string &text)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

// Saves a system file and puts it back (content, or absence) when destroyed, under
// shadow's lock so no usermod interleaves with the restore.
class Restore
{
public:
    explicit Restore(fs::path path, bool lock) : m_path(std::move(path)), m_lock(lock), m_saved(readFile(m_path)) {}
    Restore(const Restore &) = delete;
    Restore &operator=(const Restore &) = delete;
    ~Restore()
    {
        try {
            std::optional<sysfile::ShadowLock> lock;
            if (m_lock)
                lock.emplace(sysfile::ShadowLock::acquire(m_path));
            if (readFile(m_path) == m_saved)
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
    bool m_lock;
    std::optional<std::string> m_saved;
};

std::string passwdLine(const std::string &name, unsigned uid, const std::string &shell = "/bin/bash")
{
    return name + ":x:" + std::to_string(uid) + ":" + std::to_string(uid) + "::/home/" + name + ":" + shell + "\n";
}

// A fixture root with N users (uid 10000..) plus a service account for usermod.
void makeTree(const fs::path &root, int users)
{
    std::string passwd = passwdLine("root", 0) + passwdLine("svc", 900, "/usr/sbin/nologin");
    std::string group = "root:x:0:\nsvc:x:900:\n";
    std::string shadow = "root:*:19000:0:99999:7:::\nsvc:*:19000:0:99999:7:::\n";
    std::string gshadow = "root:*::\nsvc:*::\n";
    for (int i = 0; i < users; ++i)
        passwd += passwdLine("user" + std::to_string(i), 10000 + static_cast<unsigned>(i));
    writeFile(root / "etc/passwd", passwd);
    writeFile(root / "etc/group", group);
    writeFile(root / "etc/shadow", shadow);
    writeFile(root / "etc/gshadow", gshadow);
    writeFile(root / "etc/subuid", "# site comment\nsvc:100000:10\n");
    writeFile(root / "etc/subgid", "# site comment\nsvc:100000:10\n");
    writeFile(root / "etc/podbay/helper.conf", "[subids]\nmin_uid = 10000\nlock_timeout = 60\n");
}

QStringList syncArgs(const fs::path &root, int multiplier)
{
    return {"--root", QString::fromStdString(root.string()), "subids", "sync", "--multiplier", QString::number(multiplier)};
}

int countLines(const std::string &text, const std::string &prefix)
{
    int n = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t end = text.find('\n', pos);
        if (text.compare(pos, prefix.size(), prefix) == 0)
            ++n;
        pos = end == std::string::npos ? text.size() : end + 1;
    }
    return n;
}

} // namespace

class TestSubidsIntegration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(::geteuid() == 0, "the subids integration tests change /etc and create a user: run them as root "
                                   "on a test machine (scripts/test does)");
        QVERIFY2(QFileInfo(kHelper).isExecutable(), qPrintable(kHelper + " is not built"));
        for (const char *tool : {"useradd", "userdel", "usermod", "runuser", "podman", "busybox", "newuidmap"})
            QVERIFY2(run("sh", {"-c", QStringLiteral("command -v %1").arg(tool)}).exitCode == 0,
                     qPrintable(QStringLiteral("%1 is missing: scripts/setup installs it").arg(tool)));
    }

    void newUserRunsRootlessPodman()
    {
        // Everything this test changes is put back, in reverse order, when it ends.
        const Restore subuid("/etc/subuid", true), subgid("/etc/subgid", true);
        const Restore subuidBackup("/etc/subuid-", false), subgidBackup("/etc/subgid-", false);
        struct DirGuard
        {
            fs::path dir;
            bool existed = fs::exists(dir);
            ~DirGuard()
            {
                std::error_code ec;
                if (!existed)
                    fs::remove(dir, ec); // only if empty: the state file is restored first
            }
        } stateDir{"/var/lib/podbay"};
        const Restore state("/var/lib/podbay/subids.json", false);
        const std::string before = readFile("/etc/subuid").value_or("");

        const QString user = QStringLiteral("podbay-subt%1").arg(::getpid() % 100000);
        // useradd must not allocate ranges itself (login.defs SUB_UID_COUNT): the helper does.
        const Result add = run("useradd", {"-m", "-s", "/bin/bash", "-K", "SUB_UID_COUNT=0", "-K", "SUB_GID_COUNT=0", user});
        QVERIFY2(add.exitCode == 0, qPrintable(add.err));
        struct UserGuard
        {
            QString name;
            ~UserGuard()
            {
                const passwd *pw = ::getpwnam(name.toUtf8().constData());
                if (pw) {
                    // Rootless podman leaves a pause process holding its namespaces: end it by its PID.
                    const std::string runDir = "/tmp/podman-run-" + std::to_string(pw->pw_uid);
                    if (const auto pid = readFile(runDir + "/libpod/tmp/pause.pid"))
                        if (const int p = std::atoi(pid->c_str()); p > 1)
                            ::kill(p, SIGKILL);
                    const uid_t uid = pw->pw_uid;
                    run("userdel", {"-r", name});
                    for (const std::string &dir : {runDir, "/tmp/containers-user-" + std::to_string(uid),
                                                  "/tmp/storage-run-" + std::to_string(uid)}) {
                        std::error_code ec;
                        fs::remove_all(dir, ec);
                    }
                }
            }
        } guard{user};
        const passwd *pw = ::getpwnam(user.toUtf8().constData());
        QVERIFY(pw);
        const uid_t uid = pw->pw_uid;
        const QString home = QString::fromUtf8(pw->pw_dir);
        QVERIFY2(!QString::fromStdString(readFile("/etc/subuid").value_or("")).contains(user + ':'),
                 "useradd allocated a range although told not to");

        const Result sync = run(kHelper, {"subids", "sync"});
        QVERIFY2(sync.exitCode == 0, qPrintable(sync.out + sync.err));
        const std::string after = readFile("/etc/subuid").value_or("");
        // Every line that was there (podbay-alice, -helen, -adam from the login node) is still
        // there, unchanged and in order: the helper only appended.
        QVERIFY2(after.starts_with(before), after.c_str());
        const std::string expected = user.toStdString() + ":" + std::to_string(std::uint64_t(uid) * 10000 + 1) + ":65536\n";
        QVERIFY2(after.find(expected) != std::string::npos, after.c_str());
        QVERIFY(readFile("/etc/subgid").value_or("").find(expected) != std::string::npos);
        const Result check = run(kHelper, {"subids", "check", "--user", user});
        QVERIFY2(check.exitCode == 0 || check.out.contains("usable for rootless containers"), qPrintable(check.out));
        QVERIFY2(check.out.contains("  usable for rootless containers"), qPrintable(check.out));

        // A busybox image made here (no network): /bin/busybox plus links, podman-imported.
        QTemporaryDir work;
        QVERIFY(work.isValid());
        ::chmod(work.path().toUtf8().constData(), 0755);
        const fs::path rootfs = fs::path(work.path().toStdString()) / "rootfs";
        fs::create_directories(rootfs / "bin");
        fs::copy_file("/bin/busybox", rootfs / "bin/busybox");
        for (const char *link : {"sh", "id", "cat"})
            fs::create_symlink("busybox", rootfs / "bin" / link);
        const QString tar = work.path() + "/rootfs.tar";
        QCOMPARE(run("tar", {"-C", QString::fromStdString(rootfs.string()), "-cf", tar, "."}).exitCode, 0);
        ::chmod(tar.toUtf8().constData(), 0644);

        // platform.md: runc and cgroupfs on these VMs.
        const fs::path conf = fs::path(home.toStdString()) / ".config/containers/containers.conf";
        writeFile(conf, "[engine]\ncgroup_manager=\"cgroupfs\"\nevents_logger=\"file\"\nruntime=\"runc\"\n");
        QCOMPARE(run("chown", {"-R", user + ':', home + "/.config"}).exitCode, 0);

        const auto asUser = [&](const QStringList &podmanArgs) {
            return run("runuser", QStringList{"-u", user, "--", "env", "HOME=" + home, "podman"} + podmanArgs, home, 300000);
        };
        const Result import = asUser({"import", tar, "localhost/podbay-subids-test:latest"});
        QVERIFY2(import.exitCode == 0, qPrintable(import.err));
        const Result id = asUser({"run", "--rm", "--network", "none", "localhost/podbay-subids-test:latest", "/bin/busybox", "id"});
        QVERIFY2(id.exitCode == 0, qPrintable(id.err));
        QVERIFY2(id.out.startsWith("uid=0"), qPrintable(id.out)); // root inside...
        const Result map = asUser({"run", "--rm", "--network", "none", "localhost/podbay-subids-test:latest", "/bin/cat",
                                   "/proc/self/uid_map"});
        QVERIFY2(map.exitCode == 0, qPrintable(map.err));
        // ...is the user outside, and ids 1..65536 come from the range the helper wrote.
        const QStringList rows = map.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].simplified(), QStringLiteral("0 %1 1").arg(uid));
        QCOMPARE(rows[1].simplified(), QStringLiteral("1 %1 65536").arg(std::uint64_t(uid) * 10000 + 1));
    }

    void concurrentUsermodLosesNoLine()
    {
        QTemporaryDir tmp;
        const fs::path root = tmp.path().toStdString();
        makeTree(root, 20000);
        const int rounds = 30;
        int added = 0, usermodRetries = 0, overlapping = 0, usermodWaited = 0;
        // A distinct small range per usermod call for the service account, in both files.
        const auto rangeStart = [](int n) { return std::uint64_t(3000000000) + std::uint64_t(n) * 10; };
        const auto addRange = [&]() -> bool {
            const QString range = QStringLiteral("%1-%2").arg(rangeStart(added)).arg(rangeStart(added) + 9);
            QElapsedTimer time;
            time.start();
            for (int attempt = 0; attempt < 20; ++attempt) {
                QProcess usermod;
                usermod.start("usermod", {"--prefix", tmp.path(), "--add-subuids", range, "--add-subgids", range, "svc"});
                if (!usermod.waitForFinished(60000))
                    return false;
                if (usermod.exitCode() == 0) {
                    ++added;
                    // usermod --prefix retries its lock once a second (commonio_lock): a slow
                    // usermod waited for the helper's lock.
                    usermodWaited += time.elapsed() >= 900;
                    return true;
                }
                ++usermodRetries; // still busy after usermod's own retries: run it again
            }
            return false;
        };
        for (int i = 0; i < rounds; ++i) {
            QProcess helper;
            helper.start(kHelper, syncArgs(root, i % 2 ? 20000 : 10000));
            QVERIFY(helper.waitForStarted());
            QTest::qWait(QRandomGenerator::global()->bounded(0, 10));
            // usermod again and again for as long as the sync runs.
            const auto running = [&] {
                QCoreApplication::processEvents(); // lets QProcess notice the helper's exit
                return helper.state() == QProcess::Running;
            };
            do {
                overlapping += running();
                QVERIFY(addRange());
            } while (running());
            if (helper.state() != QProcess::NotRunning)
                QVERIFY(helper.waitForFinished(60000));
            QVERIFY2(helper.exitCode() == 0, helper.readAllStandardError().constData());
        }
        for (const char *file : {"etc/subuid", "etc/subgid"}) {
            const std::string text = readFile(root / file).value_or("");
            const subids::SubidFile parsed = subids::SubidFile::parse(text, file); // complete and well-formed
            QVERIFY(text.starts_with("# site comment\nsvc:100000:10\n"));
            QCOMPARE(countLines(text, "svc:"), added + 1); // every usermod range is there
            for (int n = 0; n < added; ++n)
                QVERIFY(text.find("svc:" + std::to_string(rangeStart(n)) + ":10\n") != std::string::npos);
            QCOMPARE(countLines(text, "user"), 20000); // and every user's line, exactly once
            QVERIFY(!fs::exists(root / (std::string(file) + ".lock")));
        }
        qInfo("%d usermod runs, %d of them while the helper was running; usermod waited for the lock %d times "
              "and was restarted %d times",
              added, overlapping, usermodWaited, usermodRetries);
        QVERIFY2(overlapping >= rounds / 2, "usermod and the helper hardly ran at the same time: nothing was tested");
        QVERIFY2(usermodWaited + usermodRetries > 0, "usermod never found the helper's lock taken: nothing was tested");
    }

    void killDuringSyncLeavesCompleteFiles()
    {
        QTemporaryDir tmp;
        const fs::path root = tmp.path().toStdString();
        makeTree(root, 100000);
        // The two complete versions a sync can leave: multiplier 10000 and 20000.
        QCOMPARE(run(kHelper, syncArgs(root, 20000)).exitCode, 0);
        const std::string version20 = readFile(root / "etc/subuid").value_or("");
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(run(kHelper, syncArgs(root, 10000)).exitCode, 0);
        const qint64 duration = std::max<qint64>(timer.elapsed(), 5);
        const std::string version10 = readFile(root / "etc/subuid").value_or("");
        QVERIFY(version10 != version20);

        int killedMidway = 0;
        const int rounds = 60;
        for (int i = 0; i < rounds; ++i) {
            QProcess helper;
            helper.start(kHelper, syncArgs(root, i % 2 ? 10000 : 20000));
            QVERIFY(helper.waitForStarted());
            const auto pid = static_cast<pid_t>(helper.processId());
            QVERIFY(pid > 0);
            QTest::qWait(QRandomGenerator::global()->bounded(0, static_cast<int>(duration) + 1));
            // Only while QProcess has not reaped it: an exited child stays a zombie until
            // then, so the PID cannot belong to anyone else (and kill(0) would hit our group).
            if (helper.state() == QProcess::Running)
                ::kill(pid, SIGKILL);
            if (helper.state() != QProcess::NotRunning)
                QVERIFY(helper.waitForFinished(60000));
            killedMidway += helper.exitStatus() == QProcess::CrashExit;
            for (const char *file : {"etc/subuid", "etc/subgid"}) {
                const std::string text = readFile(root / file).value_or("<missing>");
                // Both files hold the same lines in this tree: either complete version is fine.
                const bool complete = text == version10 || text == version20;
                QVERIFY2(complete, qPrintable(QStringLiteral("%1 is incomplete after kill -9 in round %2 (%3 bytes)")
                                                  .arg(file)
                                                  .arg(i)
                                                  .arg(text.size())));
                QVERIFY_THROWS_NO_EXCEPTION(subids::SubidFile::parse(text, file));
            }
            QVERIFY_THROWS_NO_EXCEPTION(subids::loadManagedState(root / "var/lib/podbay/subids.json"));
        }
        qInfo("%d of %d syncs were killed before they finished", killedMidway, rounds);
        QVERIFY2(killedMidway >= rounds / 4, "the kills came too late to test anything");

        // A sync that writes takes over a dead process's lock and cleans its temp files;
        // one that finds nothing to change takes no lock at all (shadow-utils' tools take
        // a stale lock over too, by its PID). A killed round may leave either version in
        // either file, so two syncs to different versions write every file once more.
        QCOMPARE(run(kHelper, syncArgs(root, 20000)).exitCode, 0);
        const Result last = run(kHelper, syncArgs(root, 10000));
        QVERIFY2(last.exitCode == 0, qPrintable(last.out + last.err));
        QCOMPARE(readFile(root / "etc/subuid").value_or(""), version10);
        const Result again = run(kHelper, syncArgs(root, 10000));
        QVERIFY(again.out.contains("subuid: unchanged"));
        for (const auto &entry : fs::directory_iterator(root / "etc")) {
            const std::string name = entry.path().filename().string();
            QVERIFY2(name.find(".podbay-") == std::string::npos && !name.ends_with(".lock"), name.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestSubidsIntegration)
#include "tst_subids_integration.moc"
