// Subprocess: argv vectors (never a shell), captured output, exit status, timeouts.
#include "HelperError.h"
#include "process/Subprocess.h"

#include <QElapsedTimer>
#include <QTest>

#include <csignal>
#include <stop_token>

using namespace podbay::helper;
using namespace podbay::helper::process;

class TestSubprocess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capturesOutputAndStatus()
    {
        const auto r = runSubprocess({"sh", "-c", "echo out; echo err >&2; exit 3"});
        QCOMPARE(r.out, std::string("out\n"));
        QCOMPARE(r.err, std::string("err\n"));
        QCOMPARE(r.exitCode, std::optional<int>(3));
        QVERIFY(!r.succeeded());
        QCOMPARE(r.describe(), std::string("exit status 3"));
    }

    void argumentsAreNotInterpretedByAShell()
    {
        const std::string tricky = "$(touch /tmp/podbay-pwned); `id` 'quoted' \"x\" ; | > *";
        const auto r = runSubprocess({"printf", "%s", tricky});
        QVERIFY(r.succeeded());
        QCOMPARE(r.out, tricky);
    }

    void stdinIsEmpty()
    {
        const auto r = runSubprocess({"cat"});
        QVERIFY(r.succeeded());
        QCOMPARE(r.out, std::string());
    }

    void environmentAdditions()
    {
        SubprocessOptions options;
        options.extraEnvironment = {"PODBAY_TEST_VALUE=42"};
        const auto r = runSubprocess({"sh", "-c", "printf %s \"$PODBAY_TEST_VALUE\""}, options);
        QCOMPARE(r.out, std::string("42"));
    }

    void largeOutputIsCappedNotBlocking()
    {
        SubprocessOptions options;
        options.maxOutputBytes = 1000;
        const auto r = runSubprocess({"head", "-c", "5000000", "/dev/zero"}, options);
        QVERIFY(r.succeeded());
        QCOMPARE(r.out.size(), size_t(1000));
        QVERIFY(r.truncated);
    }

    void timeoutKillsTheProcessGroup()
    {
        SubprocessOptions options;
        options.timeout = std::chrono::milliseconds(300);
        QElapsedTimer timer;
        timer.start();
        // The child shell starts a grandchild that keeps stdout open: killing only the
        // shell would leave the pipe open for 30 s.
        const auto r = runSubprocess({"sh", "-c", "sleep 30 & sleep 30"}, options);
        QVERIFY(r.timedOut);
        QCOMPARE(r.signal, std::optional<int>(9));
        QVERIFY2(timer.elapsed() < 5000, std::to_string(timer.elapsed()).c_str());
        QCOMPARE(r.describe(), std::string("timed out and was killed"));
    }

    void timeoutAppliesAfterStreamsClose()
    {
        SubprocessOptions options;
        options.timeout = std::chrono::milliseconds(300);
        const auto r = runSubprocess({"sh", "-c", "exec >/dev/null 2>&1; sleep 30"}, options);
        QVERIFY(r.timedOut);
    }

    void inputGoesToStdin()
    {
        SubprocessOptions options;
        options.input = std::string(200000, 'x') + "\nend\n"; // more than a pipe buffer
        const auto r = runSubprocess({"wc", "-c"}, options);
        QVERIFY(r.succeeded());
        QCOMPARE(std::stoul(r.out), 200005ul);
    }

    void outputIsStreamedAsItComes()
    {
        SubprocessOptions options;
        std::vector<std::pair<std::string, std::string>> chunks;
        options.onOutput = [&](std::string_view stream, std::string_view chunk) {
            chunks.emplace_back(std::string(stream), std::string(chunk));
        };
        const auto r = runSubprocess({"sh", "-c", "echo one; sleep 0.2; echo two >&2; sleep 0.2; echo three"}, options);
        QVERIFY(r.succeeded());
        QCOMPARE(chunks.size(), std::size_t(3));
        QCOMPARE(chunks[0], std::make_pair(std::string("stdout"), std::string("one\n")));
        QCOMPARE(chunks[1], std::make_pair(std::string("stderr"), std::string("two\n")));
        QCOMPARE(r.out, std::string("one\nthree\n"));
    }

    void stopRequestTerminatesTheGroup()
    {
        std::stop_source source;
        SubprocessOptions options;
        options.stop = source.get_token();
        options.onOutput = [&](std::string_view, std::string_view) { source.request_stop(); };
        // The child and its grandchild both die: the group gets the signal.
        const auto r = runSubprocess({"sh", "-c", "echo started; sleep 60 & wait"}, options);
        QVERIFY(r.cancelled);
        QCOMPARE(r.signal, std::optional<int>(SIGTERM));
        QCOMPARE(r.describe(), std::string("cancelled"));
    }

    // podman push exits 0 on SIGTERM without finishing: a stopped run is not a success.
    void stoppedRunThatExitsZeroIsNotASuccess()
    {
        std::stop_source source;
        SubprocessOptions options;
        options.stop = source.get_token();
        options.onOutput = [&](std::string_view, std::string_view) { source.request_stop(); };
        const auto r = runSubprocess({"sh", "-c", "trap 'exit 0' TERM; echo started; sleep 60 & wait"}, options);
        QVERIFY(r.cancelled);
        QCOMPARE(r.exitCode, std::optional<int>(0));
        QVERIFY(!r.succeeded());
    }

    void stopEscalatesToKillAfterGrace()
    {
        std::stop_source source;
        SubprocessOptions options;
        options.stop = source.get_token();
        options.killGrace = std::chrono::milliseconds(200);
        options.onOutput = [&](std::string_view, std::string_view) { source.request_stop(); };
        const auto r = runSubprocess({"sh", "-c", "trap '' TERM; echo ready; sleep 30"}, options);
        QVERIFY(r.cancelled);
        QCOMPARE(r.signal, std::optional<int>(SIGKILL));
    }

    void alreadyStoppedNeverRunsLong()
    {
        std::stop_source source;
        source.request_stop();
        SubprocessOptions options;
        options.stop = source.get_token();
        const auto r = runSubprocess({"sleep", "30"}, options);
        QVERIFY(r.cancelled);
        QVERIFY(!r.succeeded());
    }

    void environmentRemovalsAndWorkingDirectory()
    {
        qputenv("PODBAY_TEST_GONE", "1");
        SubprocessOptions options;
        options.unsetEnvironment = {"PODBAY_TEST_GONE"};
        options.workingDirectory = "/usr";
        const auto r = runSubprocess({"sh", "-c", "echo \"${PODBAY_TEST_GONE-unset} $(pwd)\""}, options);
        QCOMPARE(r.out, std::string("unset /usr\n"));
    }

    void missingProgramThrows()
    {
        try {
            runSubprocess({"/nonexistent/podbay-tool"});
            QFAIL("no error");
        } catch (const HelperError &e) {
            QCOMPARE(e.code(), std::string("E_IO"));
            QVERIFY(std::string(e.what()).find("cannot run /nonexistent/podbay-tool") != std::string::npos);
        }
        QVERIFY_THROWS_EXCEPTION(HelperError, runSubprocess({}));
    }
};

QTEST_GUILESS_MAIN(TestSubprocess)
#include "tst_subprocess.moc"
