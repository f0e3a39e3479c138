// The workflow models of libpodbay-core (BuildFlow, SlurmJobFlow, RegistryBrowser,
// DoctorModel, AdminPlan) against the local login node, as the desktop app and the
// portal drive them: base image -> steps -> publish -> registry -> Slurm job and its
// output; a cancelled step; one operation at a time; the helpdesk's lookup; an admin
// plan applied only as planned.
#include "HelperSession.h"
#include "LoginNodeEnv.h"

#include <AdminPlan.h>
#include <BuildFlow.h>
#include <ContainerfileTemplates.h>
#include <HelperRpc.h>
#include <SshConnection.h>
#include <DoctorModel.h>
#include <RegistryBrowser.h>
#include <SlurmJobFlow.h>

#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace podbay;
using namespace podbay::core;
using podbay::test::LoginNodeEnv;

class TestWorkflows : public QObject
{
    Q_OBJECT
    LoginNodeEnv m_node;
    QString m_suffix;

    std::unique_ptr<podbay::test::HelperSession> open(const QString &who,
                                                      HelperRpc::Mode mode = HelperRpc::Mode::User)
    {
        return podbay::test::HelperSession::open(m_node, who, mode);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_node = LoginNodeEnv::fromEnvironment();
        if (!m_node.valid())
            QFAIL(LoginNodeEnv::missingMessage());
        m_suffix = QString::number(QRandomGenerator::global()->bounded(100000, 999999));
    }

    void buildPublishBrowseAndRunAJob()
    {
        auto c = open(QStringLiteral("ALICE"));
        QVERIFY(c);
        BuildFlow build(&c->rpc);
        QSignalSpy busy(&build, &WorkflowModel::busyChanged);
        QSignalSpy logged(&build, &WorkflowModel::logAppended);
        const QString container = QStringLiteral("wf-") + m_suffix;
        auto started = QCoro::waitFor(build.start(QStringLiteral("library/busybox:latest"), container));
        QVERIFY2(started.ok(), qPrintable(started.error().toString()));
        QCOMPARE(build.container(), container);
        QCOMPARE(build.baseImage(), m_node.registry + QStringLiteral("/library/busybox:latest"));
        QVERIFY(busy.size() >= 2); // busy, then idle again
        QVERIFY(!build.busy());

        auto step = QCoro::waitFor(build.runStep("echo model-" + m_suffix + " > /model.txt; echo ok"));
        QVERIFY2(step.ok(), qPrintable(step.error().toString()));
        QCOMPARE(step.value().exitCode, 0);
        QVERIFY(build.log().contains(QStringLiteral("ok")));
        QVERIFY(!logged.isEmpty());
        auto failing = QCoro::waitFor(build.runStep(QStringLiteral("exit 3")));
        QVERIFY(failing.ok()); // a failing step is a result, recorded with its code
        QCOMPARE(failing.value().exitCode, 3);
        QCOMPARE(build.steps().size(), 2);

        // A second BuildFlow on the same container resumes its history.
        BuildFlow resumed(&c->rpc);
        QVERIFY(QCoro::waitFor(resumed.open(container)).ok());
        QCOMPARE(resumed.steps().size(), 2);
        QCOMPARE(resumed.steps().at(1).command, QStringLiteral("exit 3"));

        const QString name = QStringLiteral("wf-") + m_suffix;
        auto published = QCoro::waitFor(build.publish(name, QStringLiteral("v1")));
        QVERIFY2(published.ok(), qPrintable(published.error().toString()));
        const QString ref = m_node.registry + "/podbay-alice/" + name + ":v1";
        QCOMPARE(published.value().image, ref);
        QVERIFY(published.value().digest.startsWith(QStringLiteral("sha256:")));
        QVERIFY(published.value().apptainerPull.contains("docker://" + ref));
        QVERIFY(published.value().containerfile.contains(QStringLiteral("/model.txt")));
        // What the model returned is still the model's (GCC 12 moved members out of co_return).
        QCOMPARE(build.published().image, ref);
        QCOMPARE(build.steps().at(1).command, QStringLiteral("exit 3"));

        RegistryBrowser registry(&c->rpc);
        QVERIFY(QCoro::waitFor(registry.refresh()).ok());
        QCOMPARE(registry.ownNamespace(), QStringLiteral("podbay-alice"));
        const RegistryRepository *repo = registry.find("podbay-alice/" + name);
        QVERIFY(repo);
        QVERIFY(repo->own);
        QCOMPARE(repo->tags.size(), 1);
        QCOMPARE(repo->tags.first().digest, published.value().digest);
        QVERIFY(repo->tags.first().size > 0);
        QCOMPARE(repo->tags.first().labels.value(QStringLiteral("podbay.base")).toString(), build.baseImage());

        // The pushed image as a Slurm job, followed to its end.
        SlurmJobFlow job(&c->rpc);
        QSignalSpy states(&job, &SlurmJobFlow::stateChanged);
        JobSpec spec;
        spec.image = ref;
        spec.command = QStringLiteral("cat /model.txt");
        spec.time = QStringLiteral("00:05:00");
        auto script = QCoro::waitFor(job.script(spec));
        QVERIFY(script.ok());
        QVERIFY(script.value().contains(QStringLiteral("#SBATCH")));
        auto submitted = QCoro::waitFor(job.submit(spec));
        QVERIFY2(submitted.ok(), qPrintable(submitted.error().toString()));
        QVERIFY(submitted.value() > 0);
        auto followed = QCoro::waitFor(job.follow(std::chrono::milliseconds(300), std::chrono::minutes(3)));
        QVERIFY2(followed.ok(), qPrintable(followed.error().toString()));
        QCOMPARE(job.state(), QStringLiteral("COMPLETED"));
        QVERIFY2(job.output().contains("model-" + m_suffix), qPrintable(job.output()));
        QVERIFY(states.size() >= 2); // PENDING, then on to COMPLETED

        // Cleanup through the models: the tag, then the working container.
        QVERIFY(QCoro::waitFor(registry.deleteTag("podbay-alice/" + name, QStringLiteral("v1"))).ok());
        QVERIFY(!registry.find("podbay-alice/" + name));
        QVERIFY(QCoro::waitFor(build.discard()).ok());
        QVERIFY(build.container().isEmpty());
        auto gone = QCoro::waitFor(resumed.open(container));
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().code, QStringLiteral("E_NOT_FOUND"));
    }

    // One operation at a time per model; cancel stops the running one and the history
    // keeps the cancelled step.
    // The Containerfile way (images.build) from the shared template, run once on the login
    // node, the Apptainer pull line for it; a broken Containerfile fails with podman's words.
    void containerfileTemplateBuildsAndRuns()
    {
        auto c = open(QStringLiteral("ALICE"));
        QVERIFY(c);
        const auto templates = containerfileTemplates();
        QCOMPARE(templates.size(), 4);
        QCOMPARE(templates.first().id, QStringLiteral("busybox"));
        for (const ContainerfileTemplate &t : templates) {
            QVERIFY2(t.text.startsWith(QStringLiteral("FROM {registry}/")), qPrintable(t.id));
            QVERIFY(!renderContainerfile(t.text, m_node.registry).contains(QStringLiteral("{registry}")));
        }
        BuildFlow build(&c->rpc);
        QSignalSpy logged(&build, &WorkflowModel::logAppended);
        const QString name = QStringLiteral("cf-") + m_suffix;
        const auto built = QCoro::waitFor(
            build.buildContainerfile(renderContainerfile(templates.first().text, m_node.registry), name, QStringLiteral("t1")));
        QVERIFY2(built.ok(), qPrintable(built.error().toString()));
        QCOMPARE(built.value().image, m_node.registry + "/podbay-alice/" + name + ":t1");
        QVERIFY(built.value().pushed);
        QVERIFY(built.value().digest.startsWith(QStringLiteral("sha256:")));
        QVERIFY(!logged.isEmpty());
        QVERIFY(build.log().contains(QStringLiteral("hello from podbay")));

        SlurmJobFlow run(&c->rpc);
        const auto ran = QCoro::waitFor(run.runOnLoginNode(built.value().image, {}));
        QVERIFY2(ran.ok(), qPrintable(ran.error().toString()));
        QCOMPARE(ran.value().value(QStringLiteral("output")).toString(), QStringLiteral("hello from podbay\n")); // its CMD
        const auto pull = QCoro::waitFor(run.pullForApptainer(built.value().image, QStringLiteral("/tmp"), true));
        QVERIFY2(pull.ok(), qPrintable(pull.error().toString()));
        QCOMPARE(pull.value().sif, QStringLiteral("/tmp/%1_t1.sif").arg(name));
        QVERIFY(!pull.value().ran);
        const auto relative = QCoro::waitFor(run.pullForApptainer(built.value().image, QStringLiteral("tmp"), true));
        QCOMPARE(relative.error().code, QStringLiteral("E_BAD_INPUT"));

        const auto broken = QCoro::waitFor(build.buildContainerfile(
            QStringLiteral("FROM %1/library/busybox:latest\nRUN exit 7\n").arg(m_node.registry), name, QStringLiteral("t2")));
        QVERIFY(!broken.ok());
        QCOMPARE(broken.error().code, QStringLiteral("E_IO"));

        RegistryBrowser registry(&c->rpc);
        QVERIFY(QCoro::waitFor(registry.deleteTag(QStringLiteral("podbay-alice/") + name, QStringLiteral("t1"))).ok());
    }

    void busyAndCancel()
    {
        auto c = open(QStringLiteral("ALICE"));
        QVERIFY(c);
        BuildFlow build(&c->rpc);
        const QString container = QStringLiteral("wfc-") + m_suffix;
        QVERIFY(QCoro::waitFor(build.start(QStringLiteral("library/busybox:latest"), container)).ok());
        QSignalSpy logged(&build, &WorkflowModel::logAppended);
        auto running = build.runStep(QStringLiteral("echo started; sleep 60"));
        QTRY_VERIFY_WITH_TIMEOUT(!logged.isEmpty(), 30000);
        QVERIFY(build.busy());
        auto second = QCoro::waitFor(build.runStep(QStringLiteral("true")));
        QVERIFY(!second.ok());
        QCOMPARE(second.error().code, QStringLiteral("E_BUSY"));
        build.cancel();
        auto cancelled = QCoro::waitFor(std::move(running));
        QVERIFY(!cancelled.ok());
        QCOMPARE(cancelled.error().code, QStringLiteral("E_CANCELLED"));
        QCOMPARE(build.lastError().code, QStringLiteral("E_CANCELLED"));
        QCOMPARE(build.steps().size(), 1);
        QCOMPARE(build.steps().first().exitCode, 130);
        QVERIFY(QCoro::waitFor(build.discard()).ok());
    }

    void helpdeskLooksUpBob()
    {
        auto c = open(QStringLiteral("HELPDESK"), HelperRpc::Mode::Privileged);
        QVERIFY(c);
        DoctorModel doctor(&c->rpc);
        auto looked = QCoro::waitFor(doctor.lookUp(LoginNodeEnv::user(QStringLiteral("BOB"))));
        QVERIFY2(looked.ok(), qPrintable(looked.error().toString()));
        QCOMPARE(doctor.user(), LoginNodeEnv::user(QStringLiteral("BOB")));
        QCOMPARE(doctor.overall(), QStringLiteral("fail"));
        QVERIFY(doctor.check(QStringLiteral("subuid")));
        QCOMPARE(doctor.check(QStringLiteral("subuid"))->fix, QStringLiteral("create-ranges"));
        // Read-only: applying a fix is the admin's.
        auto fix = QCoro::waitFor(doctor.applyFix(LoginNodeEnv::user(QStringLiteral("BOB")),
                                                  QStringLiteral("create-ranges"), true));
        QVERIFY(!fix.ok());
        QCOMPARE(fix.error().code, QStringLiteral("E_FORBIDDEN"));
    }

    // Plan, then apply exactly what was planned; a plan is applied once.
    void adminPlansThenApplies()
    {
        auto c = open(QStringLiteral("ADMIN"), HelperRpc::Mode::Privileged);
        QVERIFY(c);
        AdminPlan admin(&c->rpc);
        auto none = QCoro::waitFor(admin.apply());
        QVERIFY(!none.ok());
        QCOMPARE(none.error().code, QStringLiteral("E_USAGE"));

        auto planned = QCoro::waitFor(admin.makePlan(QStringLiteral("admin.dockerAlias.enable"), {}));
        QVERIFY2(planned.ok(), qPrintable(planned.error().toString()));
        QVERIFY(admin.hasPlan());
        QVERIFY(!QFile::exists(QStringLiteral("/etc/profile.d/podbay-docker.sh"))); // a plan writes nothing
        auto applied = QCoro::waitFor(admin.apply());
        QVERIFY2(applied.ok(), qPrintable(applied.error().toString()));
        QVERIFY(QFile::exists(QStringLiteral("/etc/profile.d/podbay-docker.sh")));
        QVERIFY(!admin.hasPlan());

        auto undo = QCoro::waitFor(admin.makePlan(QStringLiteral("admin.dockerAlias.disable"), {}));
        QVERIFY(undo.ok());
        QVERIFY(QCoro::waitFor(admin.apply()).ok());
        QVERIFY(!QFile::exists(QStringLiteral("/etc/profile.d/podbay-docker.sh")));
    }
};

QTEST_GUILESS_MAIN(TestWorkflows)
#include "tst_workflows.moc"
