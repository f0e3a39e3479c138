// kill -9 of podbay-helper at every single step of `setup` on a fixture sysroot, and two
// setups at once (issue 10, fault injection). The shim (faultshim.c) numbers each
// file-system step the helper takes under the sysroot and stops it before step N; the test
// then sends SIGKILL. That is repeated for every N of two runs: a fresh node configured
// (every part: /etc/subuid+subgid, storage.conf, the docker alias, sssd.conf, the registry's
// config, unit and registries.conf.d drop-in, the CDI spec, the prune timer) and a node
// reconfigured (files modified and removed). After each kill every file is complete, old or
// new byte for byte, FILE- holds a complete earlier version, and a rerun finishes the job,
// leaving exactly what an uninterrupted run leaves (no temp files); a third run has nothing
// to do. Kill points per file kind are printed ("kill points:") for bench/faults.
#include "FaultProcess.h"

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using podbay::test::FaultInjection;
using podbay::test::FaultProcess;

namespace {

const std::string kHelper = PODBAY_HELPER_BIN;
const fs::path kShim = PODBAY_FAULT_SHIM;
const fs::path kFixtures = PODBAY_BACKEND_FIXTURES;

// What a path holds: file bytes, "-> target" for a symlink, "<dir>" for a directory.
using Snapshot = std::map<std::string, std::string>;

std::string readAll(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeText(const fs::path &path, const std::string &text)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

Snapshot snapshot(const fs::path &root)
{
    Snapshot s;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
        // lexically: fs::relative would resolve a symlink to its target
        const std::string rel = "/" + it->path().lexically_relative(root).string();
        if (it->is_symlink())
            s[rel] = "-> " + fs::read_symlink(it->path()).string();
        else if (it->is_directory())
            s[rel] = "<dir>";
        else
            s[rel] = readAll(it->path());
    }
    return s;
}

// Leftovers a kill may leave and the next run takes over or ignores: the atomic writer's
// temp files (FILE.podbay-XXXXXX), shadow's lock (FILE.lock) and its FILE.PID link.
enum class Leftover { None, Temp, Lock };

Leftover leftoverKind(const std::string &path)
{
    static const std::regex temp(R"(.*\.podbay-[A-Za-z0-9]{6})");
    static const std::regex lock(R"(.*/sub[ug]id\.(lock|[0-9]+))");
    if (std::regex_match(path, temp))
        return Leftover::Temp;
    if (std::regex_match(path, lock))
        return Leftover::Lock;
    return Leftover::None;
}

// The kind of system file a step works on, for the counts in docs/reliability.md.
std::string fileKind(const std::string &path)
{
    static const std::vector<std::pair<std::string, std::string>> kinds{
        {"/etc/subuid", "/etc/subuid, /etc/subgid"},
        {"/etc/subgid", "/etc/subuid, /etc/subgid"},
        {"/var/lib/podbay/subids.json", "subids state"},
        {"/etc/containers/storage.conf", "storage.conf"},
        {"/scratch", "storage directory"},
        {"/etc/profile.d/podbay-docker.sh", "docker alias"},
        {"/etc/containers/nodocker", "docker alias"},
        {"/etc/sssd/sssd.conf", "sssd.conf (LDAP order)"},
        {"/etc/podbay/registry", "registry config"},
        {"/srv/registry", "registry storage"},
        {"/etc/systemd/system/podbay-registry", "registry unit"},
        {"/etc/containers/registries.conf.d", "registries.conf.d drop-in"},
        {"/etc/cdi", "CDI spec"},
        {"/var/lib/podbay/nvidia-driver", "CDI spec"},
        {"/etc/systemd/system/podbay-prune", "prune timer units"},
        {"/etc/systemd/system/timers.target.wants", "prune timer units"},
    };
    for (const auto &[prefix, kind] : kinds)
        if (path.starts_with(prefix))
            return kind;
    return "directories";
}

struct Step
{
    long number = 0;
    std::string call;
    std::string path; // relative to the sysroot, with a leading /
};

std::vector<Step> readSteps(const fs::path &log, const fs::path &root)
{
    std::vector<Step> steps;
    std::istringstream in(readAll(log));
    for (std::string line; std::getline(in, line);) {
        std::istringstream fields(line);
        Step s;
        std::string path;
        fields >> s.number;
        fields.ignore(1);
        std::getline(fields, s.call, '\t');
        std::getline(fields, path);
        s.path = path.substr(root.string().size());
        steps.push_back(s);
    }
    return steps;
}

std::string passwd()
{
    return "root:x:0:0:root:/root:/bin/bash\n"
           "ocireg:x:990:985:registry:/srv/registry:/usr/sbin/nologin\n"
           "alice:x:1500:1500::/home/alice:/bin/bash\n"
           "bob:x:1501:1501::/home/bob:/bin/bash\n";
}

// A login node before `setup`: two GPUs (fixture), the distribution's storage.conf, an
// sssd.conf with three LDAP servers, site ranges in /etc/subuid, the registry's account.
void makeFreshNode(const fs::path &root)
{
    fs::copy(kFixtures / "nvidia/two-gpus", root, fs::copy_options::recursive);
    writeText(root / "etc/containers/storage.conf", readAll(kFixtures / "storage/storage.conf-distribution"));
    writeText(root / "etc/sssd/sssd.conf", readAll(kFixtures / "ldap/sssd.conf"));
    fs::permissions(root / "etc/sssd/sssd.conf", fs::perms::owner_read | fs::perms::owner_write);
    writeText(root / "etc/passwd", passwd());
    writeText(root / "etc/group", "root:x:0:\nocireg:x:985:\n");
    writeText(root / ".podbay-fixture/podman-version.txt", "4.3.1\n");
    writeText(root / "etc/subuid", "# site ranges\nsite:100000:65536\n");
    writeText(root / "etc/subgid", "# site ranges\nsite:100000:65536\n");
    writeText(root / "etc/podbay/helper.conf", "[subids]\nmin_uid = 1000\nlock_timeout = 1\n"
                                               "[storage]\npath = /scratch/containers\n"
                                               "[docker]\nalias = yes\n"
                                               "[ldap]\nshuffle = yes\n"
                                               "[registry]\nstorage = /srv/registry\n"
                                               "[prune]\ntimer = yes\n");
}

// The same node after a first setup, then reconfigured: a new user (subids modified),
// storage moved, the docker alias turned off (files removed), the registry on another port.
void makeReconfiguredNode(const fs::path &root, const std::string &helper)
{
    makeFreshNode(root);
    QProcess first;
    first.setStandardOutputFile(QProcess::nullDevice());
    first.start(QString::fromStdString(helper), {"--root", QString::fromStdString(root.string()), "setup"});
    first.waitForFinished(60000);
    writeText(root / "etc/passwd", passwd() + "carol:x:1502:1502::/home/carol:/bin/bash\n");
    writeText(root / "etc/podbay/helper.conf", "[subids]\nmin_uid = 1000\nlock_timeout = 1\n"
                                               "[storage]\npath = /scratch/podman\n"
                                               "[docker]\nalias = no\n"
                                               "[ldap]\nshuffle = yes\n"
                                               "[registry]\nstorage = /srv/registry\nlisten = 127.0.0.1:5001\n"
                                               "[prune]\ntimer = yes\n");
}

// cp -a: owners, modes and times as they are (fs::copy would make every file root's).
bool copyTree(const fs::path &from, const fs::path &to)
{
    fs::create_directories(to);
    return QProcess::execute(QStringLiteral("cp"), {"-a", QString::fromStdString(from.string() + "/."),
                                                    QString::fromStdString(to.string())})
        == 0;
}

// subuid(5): comments, or NAME:START:COUNT with decimal numbers, every line ended.
bool subidFileParses(const std::string &text)
{
    static const std::regex line(R"((#.*|[^:\n]+:[0-9]+:[0-9]+)?)");
    if (!text.empty() && !text.ends_with('\n'))
        return false;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        if (!std::regex_match(l, line))
            return false;
    return true;
}

// A shadow lock names its holder as "PID\0" (lib/commonio.c).
bool lockHolderAlive(const std::string &content)
{
    const long pid = std::strtol(content.c_str(), nullptr, 10);
    return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == 0;
}

// Complete means: parses, and is byte for byte one of the versions it may be.
std::string checkComplete(const std::string &path, const std::string &text)
{
    if ((path == "/etc/subuid" || path == "/etc/subgid") && !subidFileParses(text))
        return path + " does not parse as subuid(5)";
    if (path.ends_with(".json") && !nlohmann::json::accept(text))
        return path + " is not JSON";
    return {};
}

} // namespace

class TestFaultsSysfile : public QObject
{
    Q_OBJECT

    // Fixture trees live on tmpfs when there is one: a setup does ~25 fsyncs, and a test
    // that runs it ~700 times should not wait for a disk.
    QTemporaryDir m_work{QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm/podbay-faults-XXXXXX")
                                                                    : QDir::tempPath() + "/podbay-faults-XXXXXX"};
    std::map<std::string, int> m_killPoints; // file kind -> kill points tried

    fs::path work() const { return m_work.path().toStdString(); }

    std::vector<std::string> setupArgs(const fs::path &root) const
    {
        return {kHelper, "--root", root.string(), "--json", "setup"};
    }

    // Kills the helper before each step of one `setup`, checks the files after the kill,
    // reruns, and compares with the uninterrupted run.
    void killAtEveryStep(const fs::path &old, const char *scenario)
    {
        const Snapshot before = snapshot(old);

        // The uninterrupted run: the new state and the numbered steps.
        const fs::path counted = work() / (std::string(scenario) + "-count");
        QVERIFY(copyTree(old, counted));
        FaultProcess full(setupArgs(counted), work() / "count.out",
                          FaultInjection{kShim, counted, 0, work() / (std::string(scenario) + ".steps")});
        QVERIFY(full.started());
        QCOMPARE(full.finish(), 0);
        const Snapshot after = snapshot(counted);
        const std::vector<Step> steps = readSteps(work() / (std::string(scenario) + ".steps"), counted);
        int leftovers = 0, staleLocks = 0;
        QVERIFY2(steps.size() > 20, "the shim saw almost no steps: is it preloaded?");
        qInfo("%s: %zu steps", scenario, steps.size());

        for (const Step &step : steps) {
            const fs::path root = work() / (std::string(scenario) + "-" + std::to_string(step.number));
            QVERIFY(copyTree(old, root));
            FaultProcess helper(setupArgs(root), work() / "kill.out", FaultInjection{kShim, root, step.number, {}});
            QVERIFY(helper.started());
            QVERIFY2(helper.waitStopped(),
                     qPrintable(QStringLiteral("%1: step %2 (%3 %4) never came")
                                    .arg(scenario)
                                    .arg(step.number)
                                    .arg(QString::fromStdString(step.call), QString::fromStdString(step.path))));
            helper.killHard();
            QCOMPARE(helper.finish(), -SIGKILL);

            const std::string where = std::string(scenario) + ", killed before step " + std::to_string(step.number) + " ("
                                      + step.call + " " + step.path + ")";
            const Snapshot killed = snapshot(root);
            std::set<std::string> paths;
            for (const auto *s : {&before, &after, &killed})
                for (const auto &[path, content] : *s)
                    paths.insert(path);
            for (const std::string &path : paths) {
                const auto now = killed.find(path);
                if (leftoverKind(path) != Leftover::None) {
                    QVERIFY2(!before.contains(path) && !after.contains(path), path.c_str());
                    leftovers += now != killed.end();
                    continue;
                }
                const auto was = before.find(path), will = after.find(path);
                const bool asBefore = (now == killed.end()) == (was == before.end())
                                      && (now == killed.end() || now->second == was->second);
                const bool asAfter = (now == killed.end()) == (will == after.end())
                                     && (now == killed.end() || now->second == will->second);
                // A backup FILE- may also hold FILE's earlier content before setup got to FILE.
                bool earlierVersion = false;
                if (path.ends_with("-") && now != killed.end()) {
                    const auto file = before.find(path.substr(0, path.size() - 1));
                    earlierVersion = file != before.end() && file->second == now->second;
                }
                QVERIFY2(asBefore || asAfter || earlierVersion,
                         qPrintable(QString::fromStdString(where + ": " + path + " is neither the old nor the new version")));
                if (now != killed.end()) {
                    const std::string broken = checkComplete(path, now->second);
                    QVERIFY2(broken.empty(), qPrintable(QString::fromStdString(where + ": " + broken)));
                }
            }

            // The rerun completes the job: the same tree as an uninterrupted run.
            FaultProcess rerun(setupArgs(root), work() / "rerun.out");
            const int rerunStatus = rerun.finish();
            QVERIFY2(rerunStatus == 0, qPrintable(QString::fromStdString(where + ": the rerun failed: " + rerun.output())));
            const Snapshot done = snapshot(root);
            for (const auto &[path, content] : done) {
                // A rerun with nothing left to change in /etc/subuid takes no lock, so a lock
                // the killed run held stays until the next writer takes it over from the dead
                // PID, as shadow-utils does (lib/commonio.c); nothing else may stay.
                if (path.ends_with(".lock") && leftoverKind(path) == Leftover::Lock) {
                    QVERIFY2(!lockHolderAlive(content), (where + ": " + path + " names a live process").c_str());
                    ++staleLocks;
                    continue;
                }
                QVERIFY2(after.contains(path) || path.ends_with("-"),
                         qPrintable(QString::fromStdString(where + ": left behind after the rerun: " + path)));
            }
            for (const auto &[path, content] : after) {
                const auto now = done.find(path);
                QVERIFY2(now != done.end() && (now->second == content || path.ends_with("-")),
                         qPrintable(QString::fromStdString(where + ": after the rerun " + path + " differs")));
            }
            // And a third run has nothing left to do (sampled: the rerun's tree is the
            // uninterrupted run's, which is in sync).
            if (step.number % 8 == 0) {
                FaultProcess third(setupArgs(root), work() / "third.out");
                QCOMPARE(third.finish(), 0);
                QVERIFY2(nlohmann::json::parse(third.output()).value("changed", true) == false,
                         qPrintable(QString::fromStdString(where + ": a third run still changed: " + third.output())));
            }
            ++m_killPoints[fileKind(step.path)];
            fs::remove_all(root);
        }
        fs::remove_all(counted);
        qInfo("ROW|kill -9 of podbay-helper before each of the %zu file-system steps of a %s (`setup`, fixture "
              "sysroot, every part)|nothing from the killed run; the rerun reports what it still changed"
              "|complete after all %zu kills: every file byte for byte the old or the new version, FILE- a complete "
              "earlier version; %d temp/lock files left by kills, removed by the rerun but for %d stale "
              "/etc/sub[ug]id.lock of the dead PID (taken over by the next writer, as shadow-utils does)|-"
              "|the rerun finished %zu/%zu times with the tree of an uninterrupted run; a third run (every 8th) "
              "changed nothing",
              steps.size(), scenario, steps.size(), leftovers, staleLocks, steps.size(), steps.size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_work.isValid(), "no temporary directory");
        QVERIFY2(fs::exists(kShim), kShim.c_str());
        // The registry part gives /srv/registry to its account (chown): root only.
        QVERIFY2(::geteuid() == 0, "run as root (the fixture's registry storage is chowned to its account)");
    }

    void killAtEveryStepOfAFirstSetup()
    {
        const fs::path old = work() / "fresh";
        makeFreshNode(old);
        killAtEveryStep(old, "first setup");
    }

    void killAtEveryStepOfAReconfiguration()
    {
        const fs::path old = work() / "reconfigured";
        makeReconfiguredNode(old, kHelper);
        killAtEveryStep(old, "reconfiguration");
    }

    // Two setups started together, ten times: each finishes (the locks make one wait for
    // milliseconds) or reports the lock it could not get, no file is torn, and the node ends
    // exactly as after one uninterrupted run.
    void twoSetupsAtOnce()
    {
        const fs::path old = work() / "concurrent-old";
        makeFreshNode(old);
        const fs::path reference = work() / "concurrent-reference";
        QVERIFY(copyTree(old, reference));
        FaultProcess single(setupArgs(reference), work() / "single.out");
        QCOMPARE(single.finish(), 0);
        const Snapshot expected = snapshot(reference);

        int bothChanged = 0, lockedOut = 0;
        for (int round = 0; round < 10; ++round) {
            const fs::path root = work() / ("concurrent-" + std::to_string(round));
            QVERIFY(copyTree(old, root));
            FaultProcess first(setupArgs(root), work() / "first.out");
            FaultProcess second(setupArgs(root), work() / "second.out");
            int changed = 0;
            for (FaultProcess *run : {&first, &second}) {
                const int status = run->finish();
                const std::string output = run->output();
                QVERIFY2(status == 0 || (status == 1 && output.find("E_LOCKED") != std::string::npos),
                         (std::to_string(status) + ": " + output).c_str());
                lockedOut += status == 1;
                changed += nlohmann::json::parse(output).value("changed", false);
            }
            bothChanged += changed == 2;
            const Snapshot done = snapshot(root);
            for (const auto &[path, content] : expected) {
                const auto now = done.find(path);
                QVERIFY2(now != done.end(), path.c_str());
                QVERIFY2(path.ends_with("-") || now->second == content, (path + " differs").c_str());
            }
            // The run that wrote second may keep the first one's file as FILE-: a backup, not a leftover.
            for (const auto &[path, content] : done)
                QVERIFY2(expected.contains(path) || (path.ends_with("-") && expected.contains(path.substr(0, path.size() - 1))),
                         ("left behind: " + path).c_str());
            FaultProcess third(setupArgs(root), work() / "third.out");
            QCOMPARE(third.finish(), 0);
            QCOMPARE(nlohmann::json::parse(third.output()).value("changed", true), false);
            fs::remove_all(root);
        }
        qInfo("ROW|two `setup` runs started at the same moment on one sysroot (10 rounds)|each run exited 0 (waiting on "
              "the other's locks) or reported E_LOCKED for a part it could not lock: %d of 20 did|complete in every round, the same tree as one run|-"
              "|a third run changed nothing (%d rounds had both runs write)",
              lockedOut, bothChanged);
    }

    // The first setup stopped while it holds /etc/subuid's lock (shadow's FILE.lock): a
    // second setup says who holds the lock, configures every other part, and the first,
    // continued, completes; the node ends as after one run.
    void secondSetupWhileTheFirstHoldsTheLock()
    {
        const fs::path old = work() / "locked-old";
        makeFreshNode(old);
        const fs::path counted = work() / "locked-count";
        QVERIFY(copyTree(old, counted));
        FaultProcess full(setupArgs(counted), work() / "count.out",
                          FaultInjection{kShim, counted, 0, work() / "locked.steps"});
        QCOMPARE(full.finish(), 0);
        const Snapshot expected = snapshot(counted);
        long inLock = 0;
        for (const Step &step : readSteps(work() / "locked.steps", counted))
            if (step.call == "mkstemp" && step.path.starts_with("/etc/subuid.podbay-")) {
                inLock = step.number;
                break;
            }
        QVERIFY2(inLock > 0, "no write of /etc/subuid seen");

        const fs::path root = work() / "locked";
        QVERIFY(copyTree(old, root));
        FaultProcess first(setupArgs(root), work() / "first.out", FaultInjection{kShim, root, inLock, {}});
        QVERIFY(first.waitStopped());
        QVERIFY(fs::exists(root / "etc/subuid.lock"));
        FaultProcess second(setupArgs(root), work() / "second.out");
        QCOMPARE(second.finish(), 1);
        const nlohmann::json report = nlohmann::json::parse(second.output());
        for (const auto &part : report.at("parts")) {
            if (part.at("name") == "subids") {
                QCOMPARE(part.at("error").at("code").get<std::string>(), std::string("E_LOCKED"));
                const std::string message = part.at("error").at("message").get<std::string>();
                QVERIFY2(message.find("locked by process " + std::to_string(first.pid())) != std::string::npos,
                         message.c_str());
                qInfo("ROW|a second `setup` while the first is stopped holding /etc/subuid's lock|E_LOCKED: %s (every "
                      "other part applied)|complete: the node as after one run|-|the first, continued, completed "
                      "(exit 0)",
                      message.c_str());
            } else if (part.at("configured").get<bool>()) {
                QVERIFY2(part.at("state") == "changed", part.dump().c_str());
            }
        }
        first.resume();
        QCOMPARE(first.finish(), 0);
        const Snapshot done = snapshot(root);
        for (const auto &[path, content] : expected)
            QVERIFY2(done.contains(path) && (path.ends_with("-") || done.at(path) == content), path.c_str());
        for (const auto &[path, content] : done)
            QVERIFY2(expected.contains(path) || (path.ends_with("-") && expected.contains(path.substr(0, path.size() - 1))),
                     ("left behind: " + path).c_str());
    }

    void cleanupTestCase()
    {
        for (const auto &[kind, count] : m_killPoints)
            qInfo("KIND|%s|%d", kind.c_str(), count);
    }
};

QTEST_GUILESS_MAIN(TestFaultsSysfile)
#include "tst_faults_sysfile.moc"
