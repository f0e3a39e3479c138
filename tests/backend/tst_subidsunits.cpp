// The hourly scheduling of `podbay-helper subids sync` (issue 3, "Scheduling"):
//  - resources/systemd/podbay-subids.{service,timer} read with a parser of systemd.syntax(7)
//    and checked for what the issue and the helper need (every path sync writes is writable
//    under ProtectSystem=strict), always;
//  - the same units through `systemd-analyze verify` on a scratch root that holds this
//    host's system units and a stand-in helper (PID 1 is not systemd on the test machines,
//    but the offline verifier runs; it is skipped only where systemd-analyze is missing,
//    and the parser checks above still ran);
//  - resources/cron/podbay-subids (the cron.hourly fallback): `bash -n`, shellcheck when
//    installed (scripts/setup installs it), and its behaviour with stand-in systemctl,
//    logger, sleep and helper on PATH.
#include "CommandContext.h"
#include "subids/SubidsSettings.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <sys/stat.h>

namespace fs = std::filesystem;
using namespace podbay::helper;

namespace {

const fs::path kResources = PODBAY_RESOURCES_DIR;
const fs::path kService = kResources / "systemd/podbay-subids.service";
const fs::path kTimer = kResources / "systemd/podbay-subids.timer";
const fs::path kCron = kResources / "cron/podbay-subids";

std::string readText(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeText(const fs::path &path, const std::string &text, fs::perms perms = fs::perms::owner_read | fs::perms::owner_write)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    fs::permissions(path, perms);
}

// A unit file as systemd.syntax(7) defines it: [Section] headers, Key=Value with blanks
// around '=' dropped, comment lines starting with # or ;, a trailing backslash joining
// the next line (with a space), and keys that may be given several times.
using Unit = std::map<std::string, std::map<std::string, std::vector<std::string>>>;

std::string trim(std::string s)
{
    const auto first = s.find_first_not_of(" \t");
    const auto last = s.find_last_not_of(" \t");
    return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
}

Unit parseUnit(const std::string &text, QString *error)
{
    Unit unit;
    std::string section;
    std::istringstream in(text);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        line = trim(line);
        if (line.empty() || line[0] == '#' || line[0] == ';')
            continue;
        while (!line.empty() && line.back() == '\\') {
            line.back() = ' ';
            std::string next;
            do {
                if (!std::getline(in, next))
                    break;
                ++number;
                next = trim(next);
            } while (!next.empty() && (next[0] == '#' || next[0] == ';'));
            line += next;
        }
        if (line.front() == '[') {
            if (line.back() != ']') {
                *error = QString("line %1: bad section header").arg(number);
                return {};
            }
            section = line.substr(1, line.size() - 2);
            unit[section];
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string::npos || section.empty()) {
            *error = QString("line %1: not Key=Value inside a section: %2").arg(number).arg(QString::fromStdString(line));
            return {};
        }
        unit[section][trim(line.substr(0, eq))].push_back(trim(line.substr(eq + 1)));
    }
    return unit;
}

Unit loadUnit(const fs::path &path)
{
    QString error;
    Unit unit = parseUnit(readText(path), &error);
    if (!error.isEmpty())
        qWarning("%s: %s", path.c_str(), qPrintable(error));
    return unit;
}

// The last value of a key (systemd: a later assignment overrides an earlier one).
std::string value(const Unit &unit, const std::string &section, const std::string &key)
{
    const auto s = unit.find(section);
    if (s == unit.end())
        return "<no section>";
    const auto k = s->second.find(key);
    return k == s->second.end() || k->second.empty() ? "<unset>" : k->second.back();
}

// Every word of every assignment of a list-valued key (After=, ReadWritePaths=, ...).
std::vector<std::string> words(const Unit &unit, const std::string &section, const std::string &key)
{
    std::vector<std::string> out;
    const auto s = unit.find(section);
    if (s == unit.end() || !s->second.contains(key))
        return out;
    for (const std::string &v : s->second.at(key)) {
        std::istringstream in(v);
        for (std::string w; in >> w;)
            out.push_back(w);
    }
    return out;
}

bool has(const std::vector<std::string> &list, const std::string &word)
{
    return std::ranges::find(list, word) != list.end();
}

struct Result
{
    int exitCode = -1;
    QString out;
};

Result run(const QString &program, const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    p.closeWriteChannel(); // stdin at end of file: nothing waits for input
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return {-1, "timed out: " + program};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAll())};
}

// A scratch root for `systemd-analyze verify --root`: this host's system units (so
// network-online.target, timers.target, sysinit.target, ... resolve), ours in
// /etc/systemd/system, and an executable at the ExecStart path.
struct VerifyRoot
{
    QTemporaryDir dir;
    fs::path root() const { return dir.path().toStdString(); }

    bool prepare(QString *why)
    {
        const fs::path hostUnits = "/usr/lib/systemd/system";
        if (!fs::is_directory(hostUnits)) {
            *why = "no /usr/lib/systemd/system on this host";
            return false;
        }
        fs::create_directories(root() / "usr/lib/systemd");
        fs::copy(hostUnits, root() / "usr/lib/systemd/system", fs::copy_options::recursive | fs::copy_options::copy_symlinks);
        for (const fs::path &unit : {kService, kTimer})
            writeText(root() / "etc/systemd/system" / unit.filename(), readText(unit));
        writeText(root() / "usr/bin/podbay-helper", "#!/bin/sh\nexit 0\n", fs::perms(0755));
        return true;
    }

    Result verify() const
    {
        // --man=no: Documentation=man:... would otherwise need man-db and its pages, which
        // minimal machines lack; the unit's own settings are what is verified here.
        return run("systemd-analyze", {"verify", QString::fromStdString("--root=" + root().string()), "--man=no",
                                       "podbay-subids.service", "podbay-subids.timer"});
    }
};

// A directory of stand-ins for the cron script: each records how it was called in LOG.
struct CronBench
{
    QTemporaryDir dir;
    fs::path path(const std::string &name) const { return fs::path(dir.path().toStdString()) / name; }

    CronBench()
    {
        const std::string log = path("log").string();
        // logger(1): the message from the arguments after the options, else one per line of stdin.
        writeText(path("bin/logger"),
                  "#!/bin/sh\nprintf 'logger %s\\n' \"$*\" >>'" + log + "'\n"
                  "while [ $# -gt 0 ]; do case $1 in -t|-p) shift 2 ;; *) break ;; esac; done\n"
                  "if [ $# -gt 0 ]; then printf 'logged %s\\n' \"$*\" >>'" + log + "'; exit 0; fi\n"
                  "while IFS= read -r l; do printf 'logged %s\\n' \"$l\" >>'" + log + "'; done\n",
                  fs::perms(0755));
        writeText(path("bin/sleep"), "#!/bin/sh\nprintf 'sleep %s\\n' \"$1\" >>'" + log + "'\n", fs::perms(0755));
        setSystemctl(0);
        setHelper(0, "sync output line 1\nsync output line 2");
    }
    void setSystemctl(int exitCode) const
    {
        writeText(path("bin/systemctl"),
                  "#!/bin/sh\nprintf 'systemctl %s\\n' \"$*\" >>'" + path("log").string() + "'\nexit " + std::to_string(exitCode) + "\n",
                  fs::perms(0755));
    }
    void setHelper(int exitCode, const std::string &output) const
    {
        writeText(path("helper"),
                  "#!/bin/sh\nprintf 'helper %s\\n' \"$*\" >>'" + path("log").string() + "'\nprintf '%s\\n' '" + output
                      + "'\nexit " + std::to_string(exitCode) + "\n",
                  fs::perms(0755));
    }

    Result run(bool systemdRunning, const QString &maxDelay = "0") const
    {
        fs::remove(path("log"));
        if (systemdRunning)
            fs::create_directories(path("run-systemd-system"));
        else
            fs::remove_all(path("run-systemd-system"));
        QProcessEnvironment env;
        env.insert("PATH", QString::fromStdString(path("bin").string()) + ":/usr/bin:/bin");
        env.insert("PODBAY_HELPER", QString::fromStdString(path("helper").string()));
        env.insert("PODBAY_SYSTEMD_DIR", QString::fromStdString(path("run-systemd-system").string()));
        env.insert("PODBAY_SUBIDS_MAX_DELAY", maxDelay);
        return ::run("/bin/bash", {QString::fromStdString(kCron.string())}, env);
    }
    std::string log() const { return fs::exists(path("log")) ? readText(path("log")) : std::string(); }
};

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

} // namespace

class TestSubidsUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unitParserReadsSystemdSyntax()
    {
        QString error;
        const Unit u = parseUnit("# c\n[A]\nX = 1\n; c\nY=a \\\n# inside\n  b\nY=c\n[B]\nX=2\n", &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(value(u, "A", "X"), std::string("1"));
        QCOMPARE(words(u, "A", "Y"), (std::vector<std::string>{"a", "b", "c"}));
        QCOMPARE(value(u, "B", "X"), std::string("2"));
        parseUnit("X=1\n", &error);
        QVERIFY(!error.isEmpty()); // a key outside any section
        error.clear();
        parseUnit("[A]\nnot a setting\n", &error);
        QVERIFY(!error.isEmpty());
    }

    void serviceRunsTheSyncHardened()
    {
        const Unit s = loadUnit(kService);
        QCOMPARE(value(s, "Service", "Type"), std::string("oneshot"));
        QCOMPARE(value(s, "Service", "ExecStart"), std::string("/usr/bin/podbay-helper subids sync"));
        // Users come from NSS (LDAP/SSSD): only once the network and the user database are up.
        const auto after = words(s, "Unit", "After");
        for (const char *unit : {"network-online.target", "nss-user-lookup.target", "sssd.service"})
            QVERIFY2(has(after, unit), unit);
        QVERIFY(has(words(s, "Unit", "Wants"), "network-online.target"));
        QCOMPARE(value(s, "Service", "ProtectSystem"), std::string("strict"));
        QCOMPARE(value(s, "Service", "NoNewPrivileges"), std::string("yes"));
        QCOMPARE(value(s, "Service", "PrivateTmp"), std::string("yes"));
        QCOMPARE(value(s, "Service", "ProtectHome"), std::string("yes"));
        QVERIFY(value(s, "Service", "TimeoutStartSec") != "<unset>"); // oneshot has no start timeout by default
        // Not started on its own: the timer (or cron) does.
        QVERIFY(!s.contains("Install"));
    }

    void everyPathSyncWritesIsWritable()
    {
        // ProtectSystem=strict makes / read-only; ReadWritePaths= and StateDirectory= open
        // what sync writes: /etc/subuid, /etc/subgid, their FILE.lock, FILE.PID, FILE- and
        // temp files (all next to them, rename(2) needs the directory), and the state file
        // at the default [subids] state_file.
        const Unit s = loadUnit(kService);
        std::vector<fs::path> writable;
        for (const std::string &p : words(s, "Service", "ReadWritePaths"))
            writable.push_back(p.starts_with('-') ? p.substr(1) : p);
        for (const std::string &d : words(s, "Service", "StateDirectory"))
            writable.push_back(fs::path("/var/lib") / d);
        const auto isWritable = [&](const fs::path &file) {
            return std::ranges::any_of(writable, [&](const fs::path &dir) {
                const auto rel = file.lexically_relative(dir);
                return !rel.empty() && *rel.begin() != "..";
            });
        };
        QTemporaryDir root;
        std::ostringstream out, err;
        CommandContext ctx(out, err);
        ctx.root = root.path().toStdString(); // no helper.conf there: the built-in defaults
        const subids::SubidsSettings settings = subids::resolveSettings(ctx, {});
        const fs::path statePath = "/" / settings.statePath.lexically_relative(ctx.root);
        QCOMPARE(statePath.string(), std::string("/var/lib/podbay/subids.json"));
        for (const fs::path &file : {fs::path("/etc/subuid"), fs::path("/etc/subgid"), fs::path("/etc/subuid.lock"),
                                     fs::path("/etc/subgid-"), fs::path("/etc/subuid.podbay-abcdef"), statePath})
            QVERIFY2(isWritable(file), file.c_str());
        QVERIFY(!isWritable("/usr/bin/newuidmap"));
        QVERIFY(!isWritable("/home/alice/.bashrc"));
    }

    void timerIsHourlyWithARandomDelay()
    {
        const Unit t = loadUnit(kTimer);
        QCOMPARE(value(t, "Timer", "OnCalendar"), std::string("hourly"));
        QCOMPARE(value(t, "Timer", "RandomizedDelaySec"), std::string("300"));
        QCOMPARE(value(t, "Timer", "Persistent"), std::string("true"));
        // Unit= unset means the service of the same name.
        const std::string target = value(t, "Timer", "Unit");
        QVERIFY(target == "<unset>" || target == "podbay-subids.service");
        QVERIFY(has(words(t, "Install", "WantedBy"), "timers.target"));
    }

    void unitsPassSystemdAnalyzeVerify()
    {
        if (QStandardPaths::findExecutable("systemd-analyze").isEmpty())
            QSKIP("systemd-analyze is not installed; the unit files were checked by the parser tests above");
        VerifyRoot root;
        QString why;
        QVERIFY2(root.prepare(&why), qPrintable(why));
        Result r = root.verify();
        QVERIFY2(r.exitCode == 0, qPrintable(r.out));
        // Warnings (an unknown key, a bad value that is ignored) print but exit 0.
        QVERIFY2(r.out.trimmed().isEmpty(), qPrintable(r.out));

        // And the check can fail: a timer with a bad calendar, and a service whose program
        // is not there, are refused.
        const fs::path timer = root.root() / "etc/systemd/system/podbay-subids.timer";
        const std::string good = readText(timer);
        writeText(timer, std::string(good).replace(good.find("OnCalendar=hourly"), 17, "OnCalendar=hourlyy"));
        r = root.verify();
        QVERIFY2(r.exitCode != 0 || !r.out.trimmed().isEmpty(), qPrintable(r.out));
        QVERIFY2(r.out.contains("hourlyy"), qPrintable(r.out));
        writeText(timer, good);
        fs::remove(root.root() / "usr/bin/podbay-helper");
        r = root.verify();
        QVERIFY2(r.exitCode != 0, qPrintable(r.out));
        QVERIFY2(r.out.contains("podbay-helper"), qPrintable(r.out));
    }

    void cronScriptIsValidBash()
    {
        QVERIFY(fs::status(kCron).permissions() != fs::perms::none);
        QVERIFY2((fs::status(kCron).permissions() & fs::perms::owner_exec) != fs::perms::none, "not executable");
        const Result syntax = run("/bin/bash", {"-n", QString::fromStdString(kCron.string())});
        QVERIFY2(syntax.exitCode == 0, qPrintable(syntax.out));
        if (QStandardPaths::findExecutable("shellcheck").isEmpty())
            QSKIP("shellcheck is not installed (scripts/setup installs it); bash -n passed");
        const Result lint = run("shellcheck", {"--shell=bash", QString::fromStdString(kCron.string())});
        QVERIFY2(lint.exitCode == 0, qPrintable(lint.out));
    }

    void cronStaysQuietWhenTheTimerRuns()
    {
        CronBench bench;
        const Result r = bench.run(true);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out)); // cron would mail any output
        const std::string log = bench.log();
        QVERIFY2(contains(log, "systemctl --quiet is-enabled podbay-subids.timer"), log.c_str());
        QVERIFY2(!contains(log, "helper") && !contains(log, "logger") && !contains(log, "sleep"), log.c_str());
    }

    void cronSyncsWhenSystemdDoesNot()
    {
        for (const bool systemd : {false, true}) {
            CronBench bench;
            bench.setSystemctl(1); // with systemd: the timer is not enabled
            const Result r = bench.run(systemd, "300");
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
            const std::string log = bench.log();
            QVERIFY2(contains(log, "helper subids sync\n"), log.c_str());
            QVERIFY2(contains(log, "logger -t podbay-subids -p cron.info\n"), log.c_str());
            QVERIFY2(contains(log, "logged sync output line 1\nlogged sync output line 2\n"), log.c_str());
            // It waited a random 0..300 s before asking the directory service.
            const auto at = log.find("sleep ");
            QVERIFY2(at != std::string::npos, log.c_str());
            const int seconds = std::stoi(log.substr(at + 6));
            QVERIFY(seconds >= 0 && seconds <= 300);
            QVERIFY(at < log.find("helper subids sync"));
        }
    }

    void cronLogsAFailedSync()
    {
        CronBench bench;
        bench.setHelper(3, "podbay-helper: E_LOCKED /etc/subuid.lock");
        const Result r = bench.run(false);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
        const std::string log = bench.log();
        QVERIFY2(contains(log, "logger -t podbay-subids -p cron.err\nlogged podbay-helper: E_LOCKED /etc/subuid.lock\n"),
                 log.c_str());
        QVERIFY2(contains(log, "failed (exit status 3)"), log.c_str());
        QVERIFY2(!contains(log, "sleep"), log.c_str()); // PODBAY_SUBIDS_MAX_DELAY=0
    }

    void cronRefusesABadDelayAndSkipsAMissingHelper()
    {
        CronBench bench;
        Result r = bench.run(false, "5m");
        QCOMPARE(r.exitCode, 2);
        QVERIFY(contains(bench.log(), "cron.err"));
        QVERIFY(!contains(bench.log(), "helper subids"));
        fs::remove(bench.path("helper"));
        r = bench.run(false);
        QCOMPARE(r.exitCode, 0); // the package is gone, its cron file left behind
        QVERIFY(bench.log().empty());
    }
};

QTEST_GUILESS_MAIN(TestSubidsUnits)
#include "tst_subidsunits.moc"
