// Faults during a push, through libpodbay-core's BuildFlow against the local login node
// (issue 10): the sshd process serving the session is killed (kill -9) while podman push
// runs, and the registry is stopped while it runs. Each time the user gets an error that
// says what happened, the registry has no tag for the image (its HTTP API), the login
// node's storage has no image left tagged, and after reconnecting / restarting the
// registry the same publish succeeds.
//
// Deterministic: the fault is injected only once the registry has an upload of this image
// under way (a directory in its _uploads), and for the sshd kill the registry is held
// (SIGSTOP) from that moment until sshd is dead, so the push cannot finish first; the
// registry is killed while frozen.
// The login node is restored whatever happens: the registry is continued or restarted
// (`scripts/loginnode start registry`) by a scope guard and again in cleanupTestCase.
#include "HelperSession.h"
#include "LoginNodeEnv.h"
#include "LoginNodeFaults.h"

#include <BuildFlow.h>
#include <ErrorCodes.h>
#include <RegistryBrowser.h>

#include <QDeadlineTimer>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTest>

#include <algorithm>
#include <csignal>

using namespace podbay;
using namespace podbay::core;
using namespace podbay::test;

namespace {

const QString kLoginNodeScript = QStringLiteral(PODBAY_SOURCE_DIR "/scripts/loginnode");

// The registry's storage (scripts/loginnode: $STATE/registry/data).
QString registryData()
{
    return QProcessEnvironment::systemEnvironment().value(QStringLiteral("PODBAY_LOGINNODE_DIR"))
           + QStringLiteral("/registry/data/docker/registry/v2/repositories/");
}

// True while an upload of a blob to `repository` is in progress (distribution keeps one
// directory per upload session under _uploads until it is committed or cancelled).
bool uploadUnderWay(const QString &repository)
{
    const QDir uploads(registryData() + repository + QStringLiteral("/_uploads"));
    return uploads.exists() && !uploads.entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty();
}

bool registryAnswers(const QString &registry)
{
    QString out;
    return runCommand(QStringLiteral("curl"), {QStringLiteral("-fsS"), QStringLiteral("--max-time"), QStringLiteral("5"),
                                               QStringLiteral("http://%1/v2/").arg(registry)},
                      &out)
           == 0;
}

// Brings the registry back if a test left it stopped or killed.
void restoreRegistry(const QString &registry)
{
    if (const pid_t pid = loginNodePid(QStringLiteral("registry")); processAlive(pid))
        ::kill(pid, SIGCONT);
    if (!registryAnswers(registry)) {
        QString out;
        if (runCommand(QStringLiteral("bash"), {kLoginNodeScript, QStringLiteral("start"), QStringLiteral("registry")}, &out)
            != 0)
            qWarning("could not restart the registry: %s", qPrintable(out));
    }
}

} // namespace

class TestFaultsPush : public QObject
{
    Q_OBJECT
    LoginNodeEnv m_node;
    QString m_suffix;
    QString m_user;

    // A working container with a 24 MiB layer of random data (it does not compress): the
    // push uploads it for a while, and the registry is frozen (SIGSTOP) as soon as the
    // upload shows, so the fault always comes before the push ends.
    bool prepare(BuildFlow &build, const QString &container)
    {
        const auto started = QCoro::waitFor(build.start(QStringLiteral("library/busybox:latest"), container));
        if (!started.ok()) {
            qWarning() << started.error().toString();
            return false;
        }
        const auto step = QCoro::waitFor(build.runStep(QStringLiteral("head -c 25165824 /dev/urandom > /big.bin")));
        return step.ok() && step.value().exitCode == 0;
    }

    // Waits until the registry has an upload of `name` under way, then freezes the registry
    // (SIGSTOP): the push cannot end now. Its PID, or 0 when that did not happen.
    pid_t freezeRegistryWhenUploading(const QString &name)
    {
        const pid_t registry = loginNodePid(QStringLiteral("registry"));
        QDeadlineTimer deadline(std::chrono::minutes(2));
        while (processAlive(registry) && !uploadUnderWay(m_user + "/" + name) && !deadline.hasExpired())
            QTest::qWait(20);
        if (!processAlive(registry) || !uploadUnderWay(m_user + "/" + name) || ::kill(registry, SIGSTOP) != 0)
            return 0;
        return registry;
    }

    // The image is neither in the registry nor tagged in the user's storage.
    void verifyNothingTagged(const QString &name)
    {
        const QString tags = registryTags(m_node.registry, m_user + "/" + name);
        QVERIFY2(!tags.contains(QStringLiteral("\"v1\"")), qPrintable(tags));
        int exitCode = -1;
        const QString local = podmanAs(m_user, {QStringLiteral("images"), QStringLiteral("--format"),
                                                QStringLiteral("{{.Repository}}:{{.Tag}}")},
                                       &exitCode);
        QCOMPARE(exitCode, 0);
        QVERIFY2(!local.contains(m_user + "/" + name), qPrintable(local));
    }

    // Publishes again and checks the registry has the tag, then deletes tag and container.
    void retryAndClean(HelperSession &session, const QString &container, const QString &name)
    {
        BuildFlow again(&session.rpc);
        const auto opened = QCoro::waitFor(again.open(container));
        QVERIFY2(opened.ok(), "the working container survives the failed publish");
        QCOMPARE(again.steps().size(), 1);
        const auto published = QCoro::waitFor(again.publish(name, QStringLiteral("v1")));
        QVERIFY2(published.ok(), qPrintable(published.error().toString()));
        const QString tags = registryTags(m_node.registry, m_user + "/" + name);
        QVERIFY2(tags.contains(QStringLiteral("\"v1\"")), qPrintable(tags));
        qInfo("retry: pushed %s", qPrintable(published.value().image));
        RegistryBrowser registry(&session.rpc);
        QVERIFY(QCoro::waitFor(registry.deleteTag(m_user + "/" + name, QStringLiteral("v1"))).ok());
        QVERIFY(QCoro::waitFor(again.discard()).ok());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_node = LoginNodeEnv::fromEnvironment();
        if (!m_node.valid())
            QFAIL(LoginNodeEnv::missingMessage());
        QVERIFY2(::geteuid() == 0, "run as root: the test signals the login node's sshd and registry");
        QVERIFY2(registryAnswers(m_node.registry), "the login node's registry is not up");
        m_user = LoginNodeEnv::user(QStringLiteral("ALICE"));
        m_suffix = QString::number(QRandomGenerator::global()->bounded(100000, 999999));
    }

    void cleanupTestCase() { restoreRegistry(m_node.registry); }

    void sshdKilledDuringPush()
    {
        auto session = HelperSession::open(m_node, QStringLiteral("ALICE"));
        QVERIFY(session);
        const QString container = QStringLiteral("fault-ssh-") + m_suffix;
        const QString name = container;
        BuildFlow build(&session->rpc);
        QVERIFY(prepare(build, container));

        auto publishing = build.publish(name, QStringLiteral("v1"));
        const pid_t registry = freezeRegistryWhenUploading(name);
        const auto continueRegistry = qScopeGuard([this] { restoreRegistry(m_node.registry); });
        QVERIFY2(registry > 0, "no upload to the registry began"); // frozen until sshd is dead

        const QList<pid_t> sshd = sshdServingUs(m_node.port);
        QVERIFY2(!sshd.isEmpty(), "no sshd process holds our connection");
        QList<pid_t> helpers;
        for (const pid_t pid : descendantsOf(sshd))
            if (commandName(pid) == QLatin1String("podbay-helper"))
                helpers.push_back(pid);
        QVERIFY2(!helpers.isEmpty(), "no podbay-helper below our sshd");
        for (const pid_t pid : sshd) {
            QVERIFY2(commandName(pid) == QLatin1String("sshd"), qPrintable(commandName(pid)));
            ::kill(pid, SIGKILL);
        }
        ::kill(registry, SIGCONT);

        const auto result = QCoro::waitFor(std::move(publishing));
        QVERIFY(!result.ok());
        const Error error = result.error();
        const QString saw = error.code + QStringLiteral(": ") + error.message + QStringLiteral(" (") + error.hint + ')';
        qInfo("sshd killed: the user saw: %s", qPrintable(saw));
        QCOMPARE(error.code, QString(errc::kDisconnected));
        QVERIFY2(error.message.contains(QStringLiteral("closed"), Qt::CaseInsensitive)
                     || error.message.contains(QStringLiteral("connection"), Qt::CaseInsensitive),
                 qPrintable(error.message));
        QVERIFY2(error.hint.contains(QStringLiteral("Reconnect")), qPrintable(error.hint));
        // The connection's state comes from its worker thread as an event of its own, which
        // may arrive after the call's error (it did under ASan).
        QTRY_VERIFY_WITH_TIMEOUT(!session->ssh.isConnected(), 10000);
        QCOMPARE(build.lastError().code, QString(errc::kDisconnected));
        QVERIFY(!build.busy());

        // The orphaned helper sees its input end, cancels the push and untags the image.
        QTRY_VERIFY_WITH_TIMEOUT(std::none_of(helpers.begin(), helpers.end(), processAlive), 60000);
        verifyNothingTagged(name);

        // Reconnect on the same connection object, and publish again.
        const auto reconnected = QCoro::waitFor(session->ssh.connectToHost(m_node.profile(QStringLiteral("ALICE"))));
        QVERIFY2(reconnected.ok(), qPrintable(reconnected.error().toString()));
        QVERIFY(QCoro::waitFor(session->rpc.start()).ok());
        retryAndClean(*session, container, name);
        if (!QTest::currentTestFailed())
            qInfo("ROW|sshd serving the session killed (kill -9) while podman push uploads|%s|no system files involved"
                  "|none: no tag in the registry, none in the user's storage|reconnected on the same connection object, "
                  "the same publish succeeded",
                  qPrintable(saw));
    }

    void registryStoppedDuringPush()
    {
        auto session = HelperSession::open(m_node, QStringLiteral("ALICE"));
        QVERIFY(session);
        const QString container = QStringLiteral("fault-reg-") + m_suffix;
        const QString name = container;
        BuildFlow build(&session->rpc);
        QVERIFY(prepare(build, container));

        auto publishing = build.publish(name, QStringLiteral("v1"));
        const pid_t registry = freezeRegistryWhenUploading(name);
        const auto restore = qScopeGuard([this] { restoreRegistry(m_node.registry); });
        QVERIFY2(registry > 0, "no upload to the registry began");
        // Killed while frozen mid-upload: it cannot finish the upload in between, as it
        // might between a SIGTERM and its exit.
        QCOMPARE(::kill(registry, SIGKILL), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(registry), 30000);

        const auto result = QCoro::waitFor(std::move(publishing));
        QVERIFY2(!result.ok(), "the push finished although the registry was stopped");
        const Error error = result.error();
        const QString saw = error.code + QStringLiteral(": ") + error.message + QStringLiteral(" (") + error.hint + ')';
        qInfo("registry stopped: the user saw: %s", qPrintable(saw));
        QCOMPARE(error.code, QStringLiteral("E_REGISTRY_DOWN"));
        QVERIFY2(error.message.contains(m_node.registry), qPrintable(error.message)); // names the registry
        QVERIFY(session->ssh.isConnected());

        restoreRegistry(m_node.registry);
        QVERIFY2(registryAnswers(m_node.registry), "the registry did not come back");
        verifyNothingTagged(name);
        retryAndClean(*session, container, name);
        if (!QTest::currentTestFailed())
            qInfo("ROW|registry stopped (kill -9) while podman push uploads|%s|no system files involved"
                  "|none: no tag in the registry, none in the user's storage|registry restarted, the same publish "
                  "succeeded on the same session",
                  qPrintable(saw));
    }
};

QTEST_GUILESS_MAIN(TestFaultsPush)
#include "tst_faults_push.moc"
