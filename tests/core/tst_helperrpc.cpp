// The JSON-RPC client on a real `podbay-helper serve` channel over SSH to the
// local login node: handshake, errors with codes and hints, concurrent calls,
// the privileged helper through sudo, a missing helper and a helper that dies.
#include "LoginNodeEnv.h"

#include <Connection.h>
#include <ErrorCodes.h>
#include <HelperRpc.h>

#include <podbay/protocol/Version.h>

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace podbay;
using namespace podbay::core;
using podbay::test::LoginNodeEnv;

class TestHelperRpc : public QObject
{
    Q_OBJECT

    LoginNodeEnv m_node;

    static bool connect(SshConnection &ssh, const ConnectionProfile &profile)
    {
        const auto r = QCoro::waitFor(ssh.connectToHost(profile));
        if (!r.ok())
            qWarning() << r.error().toString();
        return r.ok();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_node = LoginNodeEnv::fromEnvironment();
        if (!m_node.valid())
            QFAIL(LoginNodeEnv::missingMessage());
    }

    void helloOverServe()
    {
        SshConnection ssh;
        QVERIFY(connect(ssh, m_node.profile(QStringLiteral("ALICE"))));
        HelperRpc rpc(&ssh);
        const auto hello = QCoro::waitFor(rpc.start());
        QVERIFY2(hello.ok(), qPrintable(hello.error().toString()));
        QCOMPARE(hello.value().helper.version, QString::fromLatin1(kVersion));
        QCOMPARE(hello.value().user, LoginNodeEnv::user(QStringLiteral("ALICE")));
        QVERIFY(!hello.value().privileged);
        QVERIFY(hello.value().node.value(QStringLiteral("podman")).toObject().value(QStringLiteral("present")).toBool());
        // What the node has: podman's version and the site registry from helper.conf.
        QVERIFY(hello.value().node.value(QStringLiteral("podman")).toObject().value(QStringLiteral("version")).toString()
                    .contains(QLatin1Char('.')));
        QCOMPARE(hello.value().node.value(QStringLiteral("registry")).toObject().value(QStringLiteral("address")).toString(),
                 m_node.registry);
        QVERIFY(rpc.isRunning());
    }

    void unknownMethodHasCodeAndHint()
    {
        SshConnection ssh;
        QVERIFY(connect(ssh, m_node.profile(QStringLiteral("ALICE"))));
        HelperRpc rpc(&ssh);
        QVERIFY(QCoro::waitFor(rpc.start()).ok());
        const auto r = QCoro::waitFor(rpc.call(QStringLiteral("images.frobnicate; rm -rf ~")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("E_UNKNOWN_METHOD"));
        QVERIFY(!r.error().hint.isEmpty());
        // The channel still serves afterwards.
        QVERIFY(QCoro::waitFor(rpc.call(QStringLiteral("system.hello"))).ok());
    }

    void twentyConcurrentCalls()
    {
        SshConnection ssh;
        QVERIFY(connect(ssh, m_node.profile(QStringLiteral("ALICE"))));
        HelperRpc rpc(&ssh);
        QVERIFY(QCoro::waitFor(rpc.start()).ok());
        QList<qint64> ids;
        for (int i = 0; i < 20; ++i)
            ids << rpc.send(QStringLiteral("system.hello"));
        QCOMPARE(QSet<qint64>(ids.begin(), ids.end()).size(), 20);
        for (qint64 id : ids) {
            const auto r = QCoro::waitFor(rpc.waitFor(id));
            QVERIFY2(r.ok(), qPrintable(r.error().toString()));
            QCOMPARE(r.value().toObject().value(QStringLiteral("caller")).toObject().value(QStringLiteral("user")).toString(),
                     LoginNodeEnv::user(QStringLiteral("ALICE")));
        }
    }

    void privilegedHelperForHelpdesk()
    {
        SshConnection ssh;
        QVERIFY(connect(ssh, m_node.profile(QStringLiteral("HELPDESK"))));
        HelperRpc rpc(&ssh);
        const auto hello = QCoro::waitFor(rpc.start(HelperRpc::Mode::Privileged));
        QVERIFY2(hello.ok(), qPrintable(hello.error().toString()));
        QVERIFY(hello.value().privileged);
        // The caller is the sudo user, not root.
        QCOMPARE(hello.value().user, LoginNodeEnv::user(QStringLiteral("HELPDESK")));
        QVERIFY(hello.value().hasRole(QStringLiteral("helpdesk")));
        QVERIFY(!hello.value().hasRole(QStringLiteral("admin")));
    }

    void privilegedHelperForAdmin()
    {
        SshConnection ssh;
        QVERIFY(connect(ssh, m_node.profile(QStringLiteral("ADMIN"))));
        HelperRpc rpc(&ssh);
        const auto hello = QCoro::waitFor(rpc.start(HelperRpc::Mode::Privileged));
        QVERIFY2(hello.ok(), qPrintable(hello.error().toString()));
        QVERIFY(hello.value().hasRole(QStringLiteral("admin")));
    }

    void privilegedHelperRefusedForPlainUser()
    {
        SshConnection ssh;
        QVERIFY(connect(ssh, m_node.profile(QStringLiteral("ALICE"))));
        HelperRpc rpc(&ssh);
        const auto hello = QCoro::waitFor(rpc.start(HelperRpc::Mode::Privileged));
        QVERIFY(!hello.ok());
        QCOMPARE(hello.error().code, QStringLiteral("E_FORBIDDEN"));
        QVERIFY2(hello.error().message.contains(QStringLiteral("sudo")), qPrintable(hello.error().message));
    }

    void missingHelper()
    {
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.helperCommand = QStringLiteral("/nonexistent/podbay-helper");
        Connection connection;
        const auto r = QCoro::waitFor(connection.open(profile));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QString(errc::kHelperMissing));
        QVERIFY(r.error().hint.contains(QStringLiteral("install")));
        QCOMPARE(connection.state(), Connection::State::Disconnected);
    }

    void helperThatDiesFailsPendingCalls()
    {
        SshConnection ssh;
        QVERIFY(connect(ssh, m_node.profile(QStringLiteral("BOB"))));
        HelperRpc rpc(&ssh);
        QVERIFY(QCoro::waitFor(rpc.start()).ok());
        QSignalSpy stopped(&rpc, &HelperRpc::stopped);
        QProcess kill;
        kill.start(QStringLiteral("pkill"), {QStringLiteral("-KILL"), QStringLiteral("-u"),
                                             LoginNodeEnv::user(QStringLiteral("BOB")), QStringLiteral("-f"),
                                             QStringLiteral("podbay-helper serve")});
        QVERIFY(kill.waitForFinished(5000));
        QCOMPARE(kill.exitCode(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 10000);
        QVERIFY(!rpc.isRunning());
        const auto r = QCoro::waitFor(rpc.call(QStringLiteral("system.hello")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QString(errc::kNotConnected));
        // The SSH connection itself is fine: the helper can be started again.
        QVERIFY(QCoro::waitFor(rpc.start()).ok());
    }
};

QTEST_GUILESS_MAIN(TestHelperRpc)
#include "tst_helperrpc.moc"
