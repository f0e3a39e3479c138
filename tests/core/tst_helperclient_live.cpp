// HelperClient's typed calls against the real helper on the local login node: the
// answers parse (so HelperTypes.h matches what the helper sends, not only the
// examples), helper errors keep their codes through the typed path, and a long call is
// cancelled by the id CallOptions::onSent hands out.
#include "HelperSession.h"
#include "LoginNodeEnv.h"

#include <HelperClient.h>

#include <podbay/protocol/Protocol.h>

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace podbay;
using namespace podbay::core;
using podbay::test::HelperSession;
using podbay::test::LoginNodeEnv;

class TestHelperClientLive : public QObject
{
    Q_OBJECT
    LoginNodeEnv m_node;
    QString m_suffix;

private Q_SLOTS:
    void initTestCase()
    {
        m_node = LoginNodeEnv::fromEnvironment();
        if (!m_node.valid())
            QFAIL(LoginNodeEnv::missingMessage());
        m_suffix = QString::number(QRandomGenerator::global()->bounded(100000, 999999));
    }

    void listsAndScriptAndDoctor()
    {
        auto s = HelperSession::open(m_node, QStringLiteral("ALICE"));
        QVERIFY(s);
        HelperClient client(&s->rpc);

        const auto images = QCoro::waitFor(client.imagesList());
        QVERIFY2(images.ok(), qPrintable(images.error().toString()));
        const auto containers = QCoro::waitFor(client.containersList());
        QVERIFY2(containers.ok(), qPrintable(containers.error().toString()));
        const auto jobs = QCoro::waitFor(client.slurmJobs());
        QVERIFY2(jobs.ok(), qPrintable(jobs.error().toString()));

        JobSpec spec;
        spec.image = QStringLiteral("library/busybox:latest");
        spec.command = QStringLiteral("echo typed");
        spec.time = QStringLiteral("00:05:00");
        spec.memory = QStringLiteral("100M");
        const auto script = QCoro::waitFor(client.slurmScript(spec));
        QVERIFY2(script.ok(), qPrintable(script.error().toString()));
        QVERIFY(script.value().script.contains(QStringLiteral("#SBATCH --time=00:05:00")));
        QVERIFY(script.value().script.contains(QStringLiteral("#SBATCH --mem=100M")));
        QVERIFY(script.value().script.contains(m_node.registry + QStringLiteral("/library/busybox:latest")));

        const auto doctor = QCoro::waitFor(client.doctorRun());
        QVERIFY2(doctor.ok(), qPrintable(doctor.error().toString()));
        QCOMPARE(doctor.value().user, LoginNodeEnv::user(QStringLiteral("ALICE")));
        QVERIFY(!doctor.value().checks.isEmpty());
        QCOMPARE(doctor.value().checks.first().id, QStringLiteral("home"));

        const auto registry = QCoro::waitFor(client.registryList());
        QVERIFY2(registry.ok(), qPrintable(registry.error().toString()));
        QCOMPARE(registry.value().registry, m_node.registry);
    }

    // The helper's own codes reach the caller unchanged.
    void helperErrorsKeepTheirCodes()
    {
        auto s = HelperSession::open(m_node, QStringLiteral("ALICE"));
        QVERIFY(s);
        HelperClient client(&s->rpc);

        JobSpec bad;
        bad.image = QStringLiteral("Not A/Valid:::Image");
        bad.command = QStringLiteral("true");
        const auto script = QCoro::waitFor(client.slurmScript(bad));
        QVERIFY(!script.ok());
        QCOMPARE(script.error().code, QString::fromLatin1(protocol::error::kBadName.data()));

        const auto created = QCoro::waitFor(client.containersCreate(QStringLiteral("UPPER/case"),
                                                                    QStringLiteral("typed-") + m_suffix));
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, QString::fromLatin1(protocol::error::kBadName.data()));

        const auto history = QCoro::waitFor(client.containersHistory(QStringLiteral("none-") + m_suffix));
        QVERIFY(!history.ok());
        QCOMPARE(history.error().code, QString::fromLatin1(protocol::error::kNotFound.data()));

        // A privileged method on the user's server.
        const auto doctor = QCoro::waitFor(client.doctorUser(LoginNodeEnv::user(QStringLiteral("BOB"))));
        QVERIFY(!doctor.ok());
        QCOMPARE(doctor.error().code, QString::fromLatin1(protocol::error::kForbidden.data()));

        // Only admin commands go through the untyped admin call.
        const auto notAdmin = QCoro::waitFor(client.adminCommand(QStringLiteral("containers.remove"), {}));
        QVERIFY(!notAdmin.ok());
        QCOMPARE(notAdmin.error().code, QString::fromLatin1(protocol::error::kUsage.data()));
    }

    // A working container's life through the typed calls, with a step cancelled by the id
    // that onSent gave.
    void stepCancelledByItsId()
    {
        auto s = HelperSession::open(m_node, QStringLiteral("ALICE"));
        QVERIFY(s);
        HelperClient client(&s->rpc);
        const QString name = QStringLiteral("typed-") + m_suffix;
        const auto created = QCoro::waitFor(client.containersCreate(QStringLiteral("library/busybox:latest"), name));
        QVERIFY2(created.ok(), qPrintable(created.error().toString()));
        QCOMPARE(created.value().container, name);
        QCOMPARE(created.value().image, m_node.registry + QStringLiteral("/library/busybox:latest"));

        const auto step = QCoro::waitFor(client.stepsRun(name, QStringLiteral("echo typed-step")));
        QVERIFY2(step.ok(), qPrintable(step.error().toString()));
        QCOMPARE(step.value().step, 1);
        QCOMPARE(step.value().output, QStringLiteral("typed-step\n"));

        qint64 id = 0;
        CallOptions options;
        options.onSent = [&id](qint64 sent) { id = sent; };
        QSignalSpy logs(&s->rpc, &HelperRpc::log);
        auto running = client.stepsRun(name, QStringLiteral("echo started; sleep 60"), 0, options);
        QVERIFY(id > 0); // known before the call first waits
        QTRY_VERIFY_WITH_TIMEOUT(!logs.isEmpty(), 30000);
        QCOMPARE(logs.first().at(0).toLongLong(), id);
        client.cancel(id);
        const auto cancelled = QCoro::waitFor(std::move(running));
        QVERIFY(!cancelled.ok());
        QCOMPARE(cancelled.error().code, QString::fromLatin1(protocol::error::kCancelled.data()));

        const auto history = QCoro::waitFor(client.containersHistory(name));
        QVERIFY2(history.ok(), qPrintable(history.error().toString()));
        QCOMPARE(history.value().steps.size(), 2);
        QCOMPARE(history.value().steps.at(1).exitCode, 130);
        const auto containerfile = QCoro::waitFor(client.containersContainerfile(name));
        QVERIFY2(containerfile.ok(), qPrintable(containerfile.error().toString()));
        QVERIFY(containerfile.value().containerfile.contains(QStringLiteral("echo typed-step")));

        const auto listed = QCoro::waitFor(client.containersList());
        QVERIFY(listed.ok());
        bool found = false;
        for (const ContainerInfo &c : listed.value().containers)
            found = found || (c.name == name && c.working && c.steps == 2);
        QVERIFY(found);

        const auto removed = QCoro::waitFor(client.containersRemove(name));
        QVERIFY2(removed.ok(), qPrintable(removed.error().toString()));
        QVERIFY(removed.value().removed);
    }

    void helpdeskAndAdmin()
    {
        const QString bob = LoginNodeEnv::user(QStringLiteral("BOB"));
        auto helpdesk = HelperSession::open(m_node, QStringLiteral("HELPDESK"), HelperRpc::Mode::Privileged);
        QVERIFY(helpdesk);
        HelperClient support(&helpdesk->rpc);
        const auto report = QCoro::waitFor(support.doctorUser(bob));
        QVERIFY2(report.ok(), qPrintable(report.error().toString()));
        QCOMPARE(report.value().user, bob);
        QCOMPARE(report.value().status, QStringLiteral("fail")); // bob has no subordinate ids

        auto admin = HelperSession::open(m_node, QStringLiteral("ADMIN"), HelperRpc::Mode::Privileged);
        QVERIFY(admin);
        HelperClient client(&admin->rpc);
        const auto fix = QCoro::waitFor(client.adminFix(bob, QStringLiteral("migrate"), true));
        QVERIFY2(fix.ok(), qPrintable(fix.error().toString()));
        QVERIFY(fix.value().dryRun);
        QVERIFY(fix.value().wouldRun.contains(QStringLiteral("migrate")));
        const auto status = QCoro::waitFor(client.adminCommand(QStringLiteral("admin.dockerAlias.status"), {}));
        QVERIFY2(status.ok(), qPrintable(status.error().toString()));
        QVERIFY(!status.value().report.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHelperClientLive)
#include "tst_helperclient_live.moc"
