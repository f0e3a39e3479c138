// The user workflow of podbay-helper over real SSH to the local login node (issue:
// build, commit, push, run): alice builds from library/busybox, pushes, pulls back and
// runs the image as a Slurm job; bob without subuid gets doctor failures; the helpdesk
// sees bob's; bad input and cancel. The helper is the real one behind sshd and sudo.
#include "HelperSession.h"
#include "LoginNodeEnv.h"

#include <Connection.h>
#include <ErrorCodes.h>
#include <HelperRpc.h>
#include <SshChannel.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

using namespace podbay;
using namespace podbay::core;
using podbay::test::LoginNodeEnv;

namespace {

QJsonObject obj(std::initializer_list<QPair<QString, QJsonValue>> fields)
{
    QJsonObject o;
    for (const auto &[k, v] : fields)
        o.insert(k, v);
    return o;
}

QString runProcess(const QString &program, const QStringList &args, int *exitCode = nullptr)
{
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("XDG_RUNTIME_DIR"));
    p.setProcessEnvironment(env);
    p.start(program, args);
    p.waitForFinished(120000);
    if (exitCode)
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
}

} // namespace

class TestUserFlow : public QObject
{
    Q_OBJECT
    LoginNodeEnv m_node;
    QString m_suffix;

    using Session = podbay::test::HelperSession;

    std::unique_ptr<Session> open(const QString &who, HelperRpc::Mode mode = HelperRpc::Mode::User)
    {
        return Session::open(m_node, who, mode);
    }

    static Result<QJsonValue> call(Session &s, const QString &method, const QJsonObject &params = {})
    {
        return QCoro::waitFor(s.rpc.call(method, params, std::chrono::minutes(5)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_node = LoginNodeEnv::fromEnvironment();
        if (!m_node.valid())
            QFAIL(LoginNodeEnv::missingMessage());
        m_suffix = QString::number(QRandomGenerator::global()->bounded(100000, 999999));
    }

    void buildPushPullAndRunAsSlurmJob()
    {
        auto s = open(QStringLiteral("ALICE"));
        QVERIFY(s);
        const QString container = QStringLiteral("work-") + m_suffix;
        const QString name = QStringLiteral("flow-") + m_suffix;

        auto created = call(*s, QStringLiteral("containers.create"),
                            obj({{"image", QStringLiteral("library/busybox:latest")}, {"name", container}}));
        QVERIFY2(created.ok(), qPrintable(created.error().toString()));
        QCOMPARE(created.value().toObject().value("image").toString(), m_node.registry + "/library/busybox:latest");

        // A step's output arrives as log notifications while it runs.
        QSignalSpy logs(&s->rpc, &HelperRpc::log);
        auto step = call(*s, QStringLiteral("steps.run"),
                         obj({{"container", container},
                              {"command", QStringLiteral("echo 'hello from podbay' > /hello.txt && echo wrote it")}}));
        QVERIFY2(step.ok(), qPrintable(step.error().toString()));
        QCOMPARE(step.value().toObject().value("exitCode").toInt(), 0);
        QVERIFY(!logs.isEmpty());
        QCOMPARE(logs.first().at(2).toString(), QStringLiteral("wrote it\n"));

        // A failing step is kept with its exit code, and the flow goes on.
        auto failing = call(*s, QStringLiteral("steps.run"), obj({{"container", container}, {"command", "exit 7"}}));
        QVERIFY(failing.ok());
        QCOMPARE(failing.value().toObject().value("exitCode").toInt(), 7);

        auto history = call(*s, QStringLiteral("containers.history"), obj({{"container", container}}));
        QVERIFY(history.ok());
        QCOMPARE(history.value().toObject().value("steps").toArray().size(), 2);

        QSignalSpy progress(&s->rpc, &HelperRpc::progress);
        auto published = call(*s, QStringLiteral("images.publish"),
                              obj({{"container", container}, {"name", name}, {"tag", "v1"}}));
        QVERIFY2(published.ok(), qPrintable(published.error().toString()));
        const QString ref = m_node.registry + "/podbay-alice/" + name + ":v1";
        QCOMPARE(published.value().toObject().value("image").toString(), ref);
        QVERIFY(published.value().toObject().value("digest").toString().startsWith("sha256:"));
        QVERIFY(published.value().toObject().value("run").toObject().value("apptainerPull").toString().contains(
            "docker://" + ref));
        QVERIFY(progress.size() >= 2);
        const QString containerfile = published.value().toObject().value("containerfile").toString();
        QVERIFY(containerfile.contains("FROM " + m_node.registry + "/library/busybox:latest"));
        QVERIFY2(containerfile.contains(R"(RUN ["/bin/sh","-c","echo 'hello from podbay' > /hello.txt && echo wrote it"])"),
                 qPrintable(containerfile));

        // The local tag is gone (the login node is not where images live) ...
        auto images = call(*s, QStringLiteral("images.list"));
        QVERIFY(images.ok());
        QVERIFY(!QJsonDocument(images.value().toObject()).toJson().contains(ref.toUtf8()));
        // ... and the registry has it, with the labels, as skopeo sees it.
        auto listed = call(*s, QStringLiteral("registry.list"));
        QVERIFY2(listed.ok(), qPrintable(listed.error().toString()));
        bool found = false;
        for (const auto &repo : listed.value().toObject().value("repositories").toArray())
            if (repo.toObject().value("name").toString() == "podbay-alice/" + name) {
                found = true;
                QVERIFY(repo.toObject().value("own").toBool());
                QCOMPARE(repo.toObject().value("tags").toArray().first().toObject().value("tag").toString(), "v1");
                QVERIFY(repo.toObject().value("tags").toArray().first().toObject().value("size").toInteger() > 0);
            }
        QVERIFY(found);
        const QString inspect = runProcess(QStringLiteral("skopeo"),
                                           {"inspect", "--tls-verify=false", "docker://" + ref});
        const QJsonObject labels = QJsonDocument::fromJson(inspect.toUtf8()).object().value("Labels").toObject();
        QCOMPARE(labels.value("podbay.base").toString(), m_node.registry + "/library/busybox:latest");
        QVERIFY(labels.value("podbay.steps").toString().contains("hello from podbay"));

        // Pull it back and find the file (podman run on the login node).
        auto ran = call(*s, QStringLiteral("run.podman"),
                        obj({{"image", ref}, {"command", QJsonArray{"cat", "/hello.txt"}}}));
        QVERIFY2(ran.ok(), qPrintable(ran.error().toString()));
        QCOMPARE(ran.value().toObject().value("output").toString(), QStringLiteral("hello from podbay\n"));
        QCOMPARE(ran.value().toObject().value("exitCode").toInt(), 0);

        // A Slurm job running the pushed image with podman.
        auto script = call(*s, QStringLiteral("slurm.script"),
                           obj({{"image", ref}, {"command", "cat /hello.txt"}, {"time", "00:05:00"}}));
        QVERIFY(script.ok());
        QVERIFY(script.value().toObject().value("script").toString().contains("unset XDG_RUNTIME_DIR"));
        auto submitted = call(*s, QStringLiteral("slurm.submit"),
                              obj({{"image", ref}, {"command", "cat /hello.txt"}, {"time", "00:05:00"}}));
        QVERIFY2(submitted.ok(), qPrintable(submitted.error().toString()));
        const qint64 jobId = submitted.value().toObject().value("jobId").toInteger();
        QVERIFY(jobId > 0);
        QString text, state;
        for (int i = 0; i < 120 && !text.contains("hello from podbay"); ++i) {
            QTest::qWait(500);
            auto out = call(*s, QStringLiteral("slurm.output"), obj({{"jobId", jobId}}));
            if (out.ok()) {
                text = out.value().toObject().value("text").toString();
                state = out.value().toObject().value("state").toString();
            }
        }
        QVERIFY2(text.contains("hello from podbay"), qPrintable(state + ": " + text));

        // Cleanup through the API: the working container and the pushed tag.
        QVERIFY(call(*s, QStringLiteral("containers.remove"), obj({{"container", container}})).ok());
        auto deleted = call(*s, QStringLiteral("registry.delete"),
                            obj({{"repository", "podbay-alice/" + name}, {"tag", "v1"}}));
        QVERIFY2(deleted.ok(), qPrintable(deleted.error().toString()));
        int skopeoExit = 0;
        runProcess(QStringLiteral("skopeo"), {"inspect", "--tls-verify=false", "docker://" + ref}, &skopeoExit);
        QVERIFY(skopeoExit != 0);
    }

    void badInputIsRefusedWithCodes_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<QString>("code");
        QTest::newRow("shell metacharacters in an image")
            << "containers.create" << obj({{"image", "busybox;touch /tmp/pwned"}, {"name", "x"}}) << "E_BAD_NAME";
        QTest::newRow("command substitution in an image")
            << "containers.create" << obj({{"image", "$(id)/x"}, {"name", "x"}}) << "E_BAD_NAME";
        QTest::newRow("path traversal as container name")
            << "steps.run" << obj({{"container", "../../.ssh/authorized_keys"}, {"command", "true"}}) << "E_BAD_NAME";
        QTest::newRow("relative pull directory")
            << "run.apptainerPull" << obj({{"image", "library/busybox"}, {"directory", "../../etc"}}) << "E_BAD_INPUT";
        QTest::newRow("someone else's namespace")
            << "registry.delete" << obj({{"repository", "library/busybox"}, {"tag", "latest"}}) << "E_FORBIDDEN";
        QTest::newRow("wrong type") << "slurm.output" << obj({{"jobId", "1; scancel -u alice"}}) << "E_BAD_INPUT";
        QTest::newRow("unknown container")
            << "steps.run" << obj({{"container", "does-not-exist"}, {"command", "true"}}) << "E_NOT_FOUND";
        QTest::newRow("unknown method") << "images.frobnicate" << QJsonObject() << "E_UNKNOWN_METHOD";
    }

    void badInputIsRefusedWithCodes()
    {
        QFETCH(QString, method);
        QFETCH(QJsonObject, params);
        QFETCH(QString, code);
        auto s = open(QStringLiteral("ALICE"));
        QVERIFY(s);
        auto r = call(*s, method, params);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, code);
        QVERIFY2(!r.error().message.isEmpty(), "every error has a message");
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/pwned")));
    }

    // A frame over the helper's 4 MiB limit, sent through SSH to the real `serve`: refused
    // with E_BAD_INPUT (id null, as no id could be read), and the server keeps serving.
    void oversizeFrameOverSsh()
    {
        SshConnection ssh;
        QVERIFY(QCoro::waitFor(ssh.connectToHost(m_node.profile(QStringLiteral("ALICE")))).ok());
        const auto opened = QCoro::waitFor(ssh.openChannel(qEnvironmentVariable("PODBAY_HELPER") + " serve"));
        QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
        SshChannel *channel = opened.value();
        QByteArray out;
        connect(channel, &SshChannel::dataReceived, this, [&](const QByteArray &data, bool isStderr) {
            if (!isStderr)
                out += data;
        });
        QByteArray big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system.hello\",\"params\":{\"pad\":\"";
        big += QByteArray(5 * 1024 * 1024, 'x') + "\"}}\n";
        channel->write(big);
        QTRY_VERIFY_WITH_TIMEOUT(out.contains('\n'), 30000);
        const QJsonObject refused = QJsonDocument::fromJson(out.left(out.indexOf('\n'))).object();
        QVERIFY(refused.value(QStringLiteral("id")).isNull());
        QCOMPARE(refused.value(QStringLiteral("error")).toObject().value(QStringLiteral("data")).toObject()
                     .value(QStringLiteral("code")).toString(),
                 QStringLiteral("E_BAD_INPUT"));
        out.clear();
        channel->write("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"system.hello\"}\n");
        QTRY_VERIFY_WITH_TIMEOUT(out.contains('\n'), 30000);
        const QJsonObject hello = QJsonDocument::fromJson(out.left(out.indexOf('\n'))).object();
        QCOMPARE(hello.value(QStringLiteral("id")).toInt(), 2);
        QVERIFY(hello.contains(QStringLiteral("result")));
        channel->sendEof();
    }

    void cancelAStepKillsItAndKeepsTheHistory()
    {
        auto s = open(QStringLiteral("ALICE"));
        QVERIFY(s);
        const QString container = QStringLiteral("cancel-") + m_suffix;
        QVERIFY(call(*s, QStringLiteral("containers.create"),
                     obj({{"image", "library/busybox:latest"}, {"name", container}}))
                    .ok());
        QSignalSpy logs(&s->rpc, &HelperRpc::log);
        const qint64 id = s->rpc.send(QStringLiteral("steps.run"),
                                      obj({{"container", container}, {"command", "echo started; sleep 60"}}));
        QTRY_VERIFY_WITH_TIMEOUT(!logs.isEmpty(), 30000);
        s->rpc.cancel(id);
        auto r = QCoro::waitFor(s->rpc.waitFor(id, std::chrono::seconds(30)));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("E_CANCELLED"));
        auto history = call(*s, QStringLiteral("containers.history"), obj({{"container", container}}));
        QVERIFY(history.ok());
        QCOMPARE(history.value().toObject().value("steps").toArray().last().toObject().value("exitCode").toInt(), 130);
        QVERIFY(call(*s, QStringLiteral("containers.remove"), obj({{"container", container}})).ok());
    }

    // Cancel while podman push runs: the call ends with E_CANCELLED, no tag reaches the
    // registry, the local tag is gone, and the working container (the user's work) stays.
    void cancelInTheMiddleOfAPush()
    {
        auto s = open(QStringLiteral("ALICE"));
        QVERIFY(s);
        const QString container = QStringLiteral("pushcancel-") + m_suffix;
        const QString name = QStringLiteral("pushcancel-") + m_suffix;
        QVERIFY(call(*s, QStringLiteral("containers.create"),
                     obj({{"image", "library/busybox:latest"}, {"name", container}}))
                    .ok());
        // 256 MiB of random data does not compress: the push takes seconds, not milliseconds.
        auto step = call(*s, QStringLiteral("steps.run"),
                         obj({{"container", container},
                              {"command", "head -c 268435456 /dev/urandom > /big.bin && ls -l /big.bin"}}));
        QVERIFY2(step.ok(), qPrintable(step.error().toString()));
        QCOMPARE(step.value().toObject().value("exitCode").toInt(), 0);

        QSignalSpy progress(&s->rpc, &HelperRpc::progress);
        const qint64 id = s->rpc.send(QStringLiteral("images.publish"),
                                      obj({{"container", container}, {"name", name}, {"tag", "v1"}}));
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(progress.begin(), progress.end(),
                                             [](const QList<QVariant> &args) {
                                                 return args.at(2).toString().startsWith("pushing");
                                             }),
                                 120000);
        QTest::qWait(300); // podman push is under way
        s->rpc.cancel(id);
        auto r = QCoro::waitFor(s->rpc.waitFor(id, std::chrono::seconds(60)));
        QVERIFY2(!r.ok(), "the push finished before the cancel arrived");
        QCOMPARE(r.error().code, QStringLiteral("E_CANCELLED"));

        const QString ref = m_node.registry + "/podbay-alice/" + name + ":v1";
        int exitCode = 0;
        const QString inspected = runProcess(QStringLiteral("skopeo"),
                                             {QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"),
                                              QStringLiteral("docker://") + ref},
                                             &exitCode);
        QVERIFY2(exitCode != 0, qPrintable(inspected));
        auto images = call(*s, QStringLiteral("images.list"));
        QVERIFY(images.ok());
        QVERIFY(!QJsonDocument(images.value().toObject()).toJson().contains(ref.toUtf8()));
        auto history = call(*s, QStringLiteral("containers.history"), obj({{"container", container}}));
        QVERIFY2(history.ok(), "the working container survives a cancelled publish");
        QCOMPARE(history.value().toObject().value("steps").toArray().size(), 1);
        QVERIFY(call(*s, QStringLiteral("containers.remove"), obj({{"container", container}})).ok());
    }

    // `podbay-helper shell` on an SSH channel with a PTY (OpenSSH's client, -tt): a real
    // shell in the working container; without a terminal it says what is needed.
    void shellOnATerminal()
    {
        auto s = open(QStringLiteral("ALICE"));
        QVERIFY(s);
        const QString container = QStringLiteral("shell-") + m_suffix;
        QVERIFY(call(*s, QStringLiteral("containers.create"),
                     obj({{"image", "library/busybox:latest"}, {"name", container}}))
                    .ok());
        QVERIFY(call(*s, QStringLiteral("steps.run"),
                     obj({{"container", container}, {"command", "echo marker-" + m_suffix + " > /marker"}}))
                    .ok());
        const auto ssh = [&](const QStringList &extra, const QString &remote, const QByteArray &input, int *code) {
            QProcess p;
            QStringList args{QStringLiteral("-o"), QStringLiteral("BatchMode=yes"), QStringLiteral("-o"),
                             QStringLiteral("UserKnownHostsFile=") + qEnvironmentVariable("PODBAY_KNOWN_HOSTS"),
                             QStringLiteral("-i"), qEnvironmentVariable("PODBAY_ALICE_KEY"), QStringLiteral("-p"),
                             qEnvironmentVariable("PODBAY_SSH_PORT")};
            args << extra << LoginNodeEnv::user(QStringLiteral("ALICE")) + "@" + qEnvironmentVariable("PODBAY_SSH_HOST")
                 << remote;
            p.start(QStringLiteral("ssh"), args);
            p.write(input);
            p.closeWriteChannel();
            p.waitForFinished(60000);
            *code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
            return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        };
        const QString helper = qEnvironmentVariable("PODBAY_HELPER");
        int code = -1;
        const QString out = ssh({QStringLiteral("-tt")}, helper + " shell " + container,
                                "cat /marker; echo answer=$((6*7)); tty; exit\n", &code);
        QVERIFY2(out.contains("marker-" + m_suffix), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("answer=42")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("/dev/pts/")), qPrintable(out)); // a terminal inside, too

        const QString plain = ssh({QStringLiteral("-T")}, helper + " shell " + container, {}, &code);
        QVERIFY(code != 0);
        QVERIFY2(plain.contains(QStringLiteral("needs a terminal")), qPrintable(plain));
        const QString other = ssh({QStringLiteral("-tt")}, helper + " shell no-such-" + m_suffix, {}, &code);
        QVERIFY(code != 0);
        QVERIFY2(other.contains(QStringLiteral("no working container")), qPrintable(other));
        const QString evil = ssh({QStringLiteral("-tt")}, helper + " shell ../x", {}, &code);
        QVERIFY2(code != 0, qPrintable(evil));
        QVERIFY(call(*s, QStringLiteral("containers.remove"), obj({{"container", container}})).ok());
    }

    // Apptainer cannot be installed here: the pull line is checked as built, a node without
    // Apptainer says so with the line to run elsewhere, and the real run is exercised with
    // a recording stand-in for apptainer on PATH (the helper's CLI, as alice).
    void apptainerPullCommandLines()
    {
        const QString alice = LoginNodeEnv::user(QStringLiteral("ALICE"));
        const QString dir = QStringLiteral("/home/") + alice + QStringLiteral("/sif-") + m_suffix;
        int code = -1;
        runProcess(QStringLiteral("runuser"), {QStringLiteral("-u"), alice, QStringLiteral("--"), QStringLiteral("mkdir"),
                                               dir},
                   &code);
        QCOMPARE(code, 0);
        const QString ref = m_node.registry + QStringLiteral("/library/busybox:latest");
        const QString sif = dir + QStringLiteral("/busybox_latest.sif");

        auto s = open(QStringLiteral("ALICE"));
        QVERIFY(s);
        auto planned = call(*s, QStringLiteral("run.apptainerPull"),
                            obj({{"image", "library/busybox:latest"}, {"directory", dir}, {"dryRun", true}}));
        QVERIFY2(planned.ok(), qPrintable(planned.error().toString()));
        const QJsonArray argv = planned.value().toObject().value("argv").toArray();
        // apptainer-pull(1): --no-https for the plain-http registry on loopback.
        QCOMPARE(argv, QJsonArray({"apptainer", "pull", "--no-https", sif, "docker://" + ref}));
        QCOMPARE(planned.value().toObject().value("ran").toBool(true), false);

        auto missing = call(*s, QStringLiteral("run.apptainerPull"),
                            obj({{"image", "library/busybox:latest"}, {"directory", dir}}));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, QStringLiteral("E_NOT_FOUND"));
        QVERIFY2(missing.error().hint.contains(QStringLiteral("apptainer pull --no-https")),
                 qPrintable(missing.error().hint));

        // The stand-in records its argv and writes the SIF where it was told to.
        QTemporaryDir bin(QStringLiteral("/tmp/podbay-fakebin-XXXXXX"));
        QVERIFY(bin.isValid());
        QFile::setPermissions(bin.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther |
                                              QFile::ExeOther);
        QFile fake(bin.path() + QStringLiteral("/apptainer"));
        QVERIFY(fake.open(QIODevice::WriteOnly));
        fake.write("#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$HOME/apptainer-argv-" + m_suffix.toUtf8() +
                   "\"\n: > \"$3\"\n");
        fake.close();
        QFile::setPermissions(fake.fileName(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                   QFile::ReadOther | QFile::ExeOther);
        const QString out = runProcess(
            QStringLiteral("runuser"),
            {QStringLiteral("-u"), alice, QStringLiteral("--"), QStringLiteral("env"),
             QStringLiteral("HOME=/home/") + alice, QStringLiteral("PATH=") + bin.path() + QStringLiteral(":/usr/bin:/bin"),
             qEnvironmentVariable("PODBAY_HELPER"), QStringLiteral("--json"), QStringLiteral("run"),
             QStringLiteral("apptainerPull"), QStringLiteral("--image"), QStringLiteral("library/busybox:latest"),
             QStringLiteral("--directory"), dir},
            &code);
        QVERIFY2(code == 0, qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("\"ran\":true")), qPrintable(out));
        QFile recorded(QStringLiteral("/home/") + alice + QStringLiteral("/apptainer-argv-") + m_suffix);
        QVERIFY(recorded.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(recorded.readAll()).split('\n', Qt::SkipEmptyParts),
                 QStringList({"pull", "--no-https", sif, "docker://" + ref}));
        QVERIFY(QFile::exists(sif));
        recorded.remove();
        runProcess(QStringLiteral("rm"), {QStringLiteral("-rf"), dir});
    }

    void bobWithoutSubuidGetsDoctorFailures()
    {
        auto s = open(QStringLiteral("BOB"));
        QVERIFY(s);
        auto r = call(*s, QStringLiteral("doctor.run"));
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(r.value().toObject().value("status").toString(), QStringLiteral("fail"));
        QHash<QString, QJsonObject> checks;
        for (const auto &c : r.value().toObject().value("checks").toArray())
            checks.insert(c.toObject().value("id").toString(), c.toObject());
        QCOMPARE(checks.value("subuid").value("status").toString(), QStringLiteral("fail"));
        QCOMPARE(checks.value("subuid").value("fix").toString(), QStringLiteral("create-ranges"));
        QVERIFY(!checks.value("subuid").value("remedy").toString().isEmpty());
        QCOMPARE(checks.value("subgid").value("status").toString(), QStringLiteral("fail"));
        QCOMPARE(checks.value("registry").value("status").toString(), QStringLiteral("ok"));
        // And creating a container says why it cannot work.
        auto created = call(*s, QStringLiteral("containers.create"),
                            obj({{"image", "library/busybox:latest"}, {"name", "bob-" + m_suffix}}));
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, QStringLiteral("E_NO_SUBUID"));
    }

    void helpdeskSeesBobsFailures()
    {
        auto s = open(QStringLiteral("HELPDESK"), HelperRpc::Mode::Privileged);
        QVERIFY(s);
        auto r = call(*s, QStringLiteral("doctor.user"), obj({{"user", LoginNodeEnv::user("BOB")}}));
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(r.value().toObject().value("user").toString(), LoginNodeEnv::user("BOB"));
        QCOMPARE(r.value().toObject().value("status").toString(), QStringLiteral("fail"));
        const auto checks = r.value().toObject().value("checks").toArray();
        QVERIFY(std::any_of(checks.begin(), checks.end(), [](const QJsonValue &c) {
            return c.toObject().value("id") == "subuid" && c.toObject().value("status") == "fail";
        }));
        // Helpdesk is read-only: admin.fix is not theirs.
        auto fix = call(*s, QStringLiteral("admin.fix"),
                        obj({{"user", LoginNodeEnv::user("BOB")}, {"fix", "create-ranges"}, {"dryRun", true}}));
        QVERIFY(!fix.ok());
        QCOMPARE(fix.error().code, QStringLiteral("E_FORBIDDEN"));
        // Unknown user: a clear error.
        auto nobody = call(*s, QStringLiteral("doctor.user"), obj({{"user", "no-such-user-" + m_suffix}}));
        QVERIFY(!nobody.ok());
        QCOMPARE(nobody.error().code, QStringLiteral("E_NOT_FOUND"));
    }

    void aliceCannotUsePrivilegedMethods()
    {
        // sudoers gives alice no `serve --privileged`: sudo -n refuses, and the client says so.
        SshConnection ssh;
        QVERIFY(QCoro::waitFor(ssh.connectToHost(m_node.profile(QStringLiteral("ALICE")))).ok());
        HelperRpc rpc(&ssh);
        const auto hello = QCoro::waitFor(rpc.start(HelperRpc::Mode::Privileged));
        QVERIFY(!hello.ok());
        // And in her own server the privileged methods do not exist for her.
        auto s = open(QStringLiteral("ALICE"));
        QVERIFY(s);
        auto r = call(*s, QStringLiteral("doctor.user"), obj({{"user", LoginNodeEnv::user("BOB")}}));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("E_FORBIDDEN"));
    }

    // The admin commands as methods of the privileged server: the CLI's own JSON, its
    // error codes, params checked before anything runs, and only for admins.
    void adminRunsAdminCommandsAsMethods()
    {
        auto s = open(QStringLiteral("ADMIN"), HelperRpc::Mode::Privileged);
        QVERIFY(s);
        const auto readAll = [](const QString &path) {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        const QByteArray subuidBefore = readAll(QStringLiteral("/etc/subuid"));

        auto plan = call(*s, QStringLiteral("admin.subids.sync"), obj({{"dryRun", true}}));
        QVERIFY2(plan.ok(), qPrintable(plan.error().toString()));
        QVERIFY(plan.value().toObject().value("dry_run").toBool());
        // bob would get his range, and nothing was written.
        QVERIFY(QJsonDocument(plan.value().toObject()).toJson(QJsonDocument::Compact).contains(
            "\"after\":\"" + LoginNodeEnv::user("BOB").toUtf8() + ":"));
        QCOMPARE(readAll(QStringLiteral("/etc/subuid")), subuidBefore);

        // A check that finds problems still answers (the CLI exits non-zero for it).
        auto check = call(*s, QStringLiteral("admin.subids.check"), obj({{"user", LoginNodeEnv::user("BOB")}}));
        QVERIFY2(check.ok(), qPrintable(check.error().toString()));
        QCOMPARE(check.value().toObject().value("ok").toBool(true), false);

        auto unknown = call(*s, QStringLiteral("admin.subids.sync"), obj({{"dryRun", true}, {"force", true}}));
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, QStringLiteral("E_BAD_INPUT"));
        auto option = call(*s, QStringLiteral("admin.storage.configure"), obj({{"path", "--dry-run"}}));
        QVERIFY(!option.ok());
        QCOMPARE(option.error().code, QStringLiteral("E_BAD_INPUT"));
        // The command's own error comes back with its code and hint.
        auto usage = call(*s, QStringLiteral("admin.subids.plan"), obj({{"strategy", "nonsense"}}));
        QVERIFY(!usage.ok());
        QCOMPARE(usage.error().code, QStringLiteral("E_USAGE"));
        QVERIFY(usage.error().message.contains(QStringLiteral("nonsense")));

        // The helpdesk's privileged server does not run admin commands.
        auto h = open(QStringLiteral("HELPDESK"), HelperRpc::Mode::Privileged);
        QVERIFY(h);
        auto refused = call(*h, QStringLiteral("admin.subids.plan"));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("E_FORBIDDEN"));
    }

    void registryDownIsNamed()
    {
        // The one-shot CLI with a helper.conf naming a registry port nobody listens on.
        QTemporaryFile conf(QStringLiteral("/tmp/podbay-conf-XXXXXX"));
        QVERIFY(conf.open());
        conf.write("[registry]\naddress = 127.0.0.1:9\n");
        conf.close();
        QFile::setPermissions(conf.fileName(), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
        int exitCode = 0;
        const QString out = runProcess(
            QStringLiteral("runuser"),
            {"-u", LoginNodeEnv::user("ALICE"), "--", m_node.helper, "--config", conf.fileName(), "--json",
             "registry", "list"},
            &exitCode);
        QCOMPARE(exitCode, 1);
        QVERIFY2(out.contains("E_REGISTRY_DOWN"), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestUserFlow)
#include "tst_userflow.moc"
