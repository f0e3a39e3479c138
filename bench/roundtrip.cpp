// Per-call latency of cheap helper calls through one open SSH connection (the
// podbay way), against a fresh `ssh` per call (the site-script way) and against
// running the helper directly on the node. Prints one JSON object.
//
//   podbay-bench-roundtrip CALLS
// Reads the local login node's coordinates from the environment
// (eval "$(scripts/loginnode env)"); the caller is PODBAY_ALICE.

#include <Connection.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace podbay::core;

namespace {

struct Stats
{
    double p50 = 0, p95 = 0, mean = 0;
    int calls = 0;
};

Stats summarize(std::vector<double> ms)
{
    Stats s;
    if (ms.empty())
        return s;
    std::sort(ms.begin(), ms.end());
    s.calls = int(ms.size());
    s.p50 = ms[ms.size() / 2];
    s.p95 = ms[std::min(ms.size() - 1, ms.size() * 95 / 100)];
    double sum = 0;
    for (double v : ms)
        sum += v;
    s.mean = sum / double(ms.size());
    return s;
}

QJsonObject toJson(const Stats &s)
{
    return {{QStringLiteral("calls"), s.calls},
            {QStringLiteral("p50_ms"), s.p50},
            {QStringLiteral("p95_ms"), s.p95},
            {QStringLiteral("mean_ms"), s.mean}};
}

// Times `calls` runs of a program to completion.
std::vector<double> timeProcess(const QString &program, const QStringList &args, int calls)
{
    std::vector<double> ms;
    for (int i = 0; i < calls; ++i) {
        QElapsedTimer timer;
        timer.start();
        QProcess p;
        p.start(program, args);
        p.waitForFinished(30000);
        if (p.exitCode() != 0) {
            std::fprintf(stderr, "%s failed: %s\n", qPrintable(program), p.readAllStandardError().constData());
            return {};
        }
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    return ms;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int calls = argc > 1 ? std::max(1, atoi(argv[1])) : 200;
    const auto env = QProcessEnvironment::systemEnvironment();
    ConnectionProfile profile;
    profile.host = env.value(QStringLiteral("PODBAY_SSH_HOST"));
    profile.port = env.value(QStringLiteral("PODBAY_SSH_PORT")).toInt();
    profile.user = env.value(QStringLiteral("PODBAY_ALICE"));
    profile.identityFile = env.value(QStringLiteral("PODBAY_ALICE_KEY"));
    profile.knownHostsFile = env.value(QStringLiteral("PODBAY_KNOWN_HOSTS"));
    profile.helperCommand = env.value(QStringLiteral("PODBAY_HELPER"));
    if (profile.host.isEmpty()) {
        std::fprintf(stderr, "run under: eval \"$(scripts/loginnode env)\"\n");
        return 2;
    }

    // 1. One open connection, the serve channel, many calls.
    Connection connection;
    const auto opened = QCoro::waitFor(connection.open(profile));
    if (!opened.ok()) {
        std::fprintf(stderr, "connect: %s\n", qPrintable(opened.error().toString()));
        return 1;
    }
    std::vector<double> rpc;
    for (int i = 0; i < calls + 10; ++i) {
        QElapsedTimer timer;
        timer.start();
        const auto r = QCoro::waitFor(connection.rpc()->call(QStringLiteral("system.hello")));
        if (!r.ok()) {
            std::fprintf(stderr, "hello: %s\n", qPrintable(r.error().toString()));
            return 1;
        }
        if (i >= 10) // warm-up
            rpc.push_back(double(timer.nsecsElapsed()) / 1e6);
    }

    // 2. A fresh OpenSSH client per call, as a site script would do.
    const QStringList sshArgs{QStringLiteral("-i"), profile.identityFile, QStringLiteral("-p"),
                              QString::number(profile.port), QStringLiteral("-o"),
                              QStringLiteral("UserKnownHostsFile=") + profile.knownHostsFile, QStringLiteral("-o"),
                              QStringLiteral("StrictHostKeyChecking=yes"), QStringLiteral("-o"),
                              QStringLiteral("BatchMode=yes"), profile.user + QLatin1Char('@') + profile.host,
                              profile.helperCommand, QStringLiteral("version"), QStringLiteral("--json")};
    const int sshCalls = std::max(1, calls / 10);
    const auto ssh = timeProcess(QStringLiteral("ssh"), sshArgs, sshCalls);

    // 3. The helper run directly on the node as the same user (no SSH at all).
    const auto local = timeProcess(QStringLiteral("runuser"),
                                   {QStringLiteral("-u"), profile.user, QStringLiteral("--"), profile.helperCommand,
                                    QStringLiteral("version"), QStringLiteral("--json")},
                                   calls);

    // 4. The same one-shot command without runuser's PAM session (as whoever runs the bench).
    const auto direct = timeProcess(profile.helperCommand, {QStringLiteral("version"), QStringLiteral("--json")}, calls);

    // 5. The floor: system.hello through a local `serve` over pipes, no SSH.
    std::vector<double> pipe;
    {
        QProcess serve;
        serve.start(QStringLiteral("runuser"), {QStringLiteral("-u"), profile.user, QStringLiteral("--"),
                                                profile.helperCommand, QStringLiteral("serve")});
        serve.waitForStarted();
        for (int i = 0; i < calls + 10; ++i) {
            QElapsedTimer timer;
            timer.start();
            serve.write(QByteArray(R"({"jsonrpc":"2.0","id":)") + QByteArray::number(i) +
                        R"(,"method":"system.hello"})" + '\n');
            while (!serve.canReadLine())
                serve.waitForReadyRead(5000);
            serve.readLine();
            if (i >= 10)
                pipe.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        serve.closeWriteChannel();
        serve.waitForFinished(5000);
    }

    const Stats r = summarize(rpc), s = summarize(ssh), l = summarize(local), d = summarize(direct),
                p = summarize(pipe);
    const QJsonObject out{
        {QStringLiteral("serve_over_one_connection"), toJson(r)},
        {QStringLiteral("ssh_per_call"), toJson(s)},
        {QStringLiteral("helper_run_locally"), toJson(l)},
        {QStringLiteral("helper_run_locally_no_runuser"), toJson(d)},
        {QStringLiteral("serve_over_local_pipe"), toJson(p)},
        {QStringLiteral("ratio_vs_local_pipe_p50"), p.p50 > 0 ? r.p50 / p.p50 : 0},
        {QStringLiteral("ratio_vs_local_p50"), l.p50 > 0 ? r.p50 / l.p50 : 0},
        {QStringLiteral("speedup_vs_ssh_p50"), r.p50 > 0 ? s.p50 / r.p50 : 0},
    };
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
