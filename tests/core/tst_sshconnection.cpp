// SSH to the local login node's real sshd: host key verification (known, unknown
// and asked, changed), key / password / keyboard-interactive logins, exec and
// stream channels, concurrency, a killed server child and reconnecting; ProxyJump
// through the same sshd (bob's session forwards to alice's login node).
#include "LoginNodeEnv.h"
#include "ScriptedPrompter.h"

#include <Connection.h>
#include <ErrorCodes.h>
#include <SshConnection.h>

#include <podbay/protocol/Version.h>

#include <QDateTime>
#include <QDir>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <QCoroTask>

#include <libssh/libssh.h>

using namespace podbay;
using namespace podbay::core;
using podbay::test::LoginNodeEnv;

class TestSshConnection : public QObject
{
    Q_OBJECT

    LoginNodeEnv m_node;
    QTemporaryDir m_tmp;

    // The fingerprint OpenSSH itself computes for the node's known host key.
    QString expectedFingerprint()
    {
        QProcess keygen;
        keygen.start(QStringLiteral("ssh-keygen"), {QStringLiteral("-l"), QStringLiteral("-f"), m_node.knownHosts});
        if (!keygen.waitForFinished(5000))
            return {};
        return QString::fromUtf8(keygen.readAllStandardOutput()).split(QLatin1Char(' ')).value(1);
    }

    // A freshly generated ed25519 public key line body: "ssh-ed25519 AAAA...".
    static QString otherPublicKey()
    {
        ssh_key key = nullptr;
        if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK)
            return {};
        char *b64 = nullptr;
        ssh_pki_export_pubkey_base64(key, &b64);
        const QString line = QStringLiteral("ssh-ed25519 ") + QString::fromLatin1(b64);
        ssh_string_free_char(b64);
        ssh_key_free(key);
        return line;
    }

    QString writeKnownHosts(const QString &name, const QByteArray &content)
    {
        const QString path = m_tmp.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        f.write(content);
        return path;
    }

    // Points HOME at a directory whose ~/.ssh/config defines "gateway": the login node
    // itself, reached as bob with bob's key (ssh_config(5)). Restores HOME on exit.
    struct GatewayHome
    {
        QTemporaryDir home;
        QByteArray oldHome = qgetenv("HOME");
        explicit GatewayHome(const LoginNodeEnv &node)
        {
            QDir(home.path()).mkpath(QStringLiteral(".ssh"));
            QFile config(home.filePath(QStringLiteral(".ssh/config")));
            if (config.open(QIODevice::WriteOnly))
                config.write(QStringLiteral("Host gateway\n  HostName %1\n  Port %2\n  User %3\n  IdentityFile %4\n")
                                 .arg(node.host)
                                 .arg(node.port)
                                 .arg(LoginNodeEnv::user(QStringLiteral("BOB")), LoginNodeEnv::key(QStringLiteral("BOB")))
                                 .toUtf8());
            qputenv("HOME", home.path().toUtf8());
        }
        ~GatewayHome() { qputenv("HOME", oldHome); }
    };

    // RFC 6238 TOTP (HMAC-SHA1, 30 s steps, 6 digits; RFC 4226 section 5.3 truncation)
    // for the one-time-code user, as an authenticator app computes it.
    static QString totp(const QByteArray &key, qint64 step)
    {
        QByteArray counter(8, '\0');
        for (int i = 7; i >= 0; --i, step >>= 8)
            counter[i] = static_cast<char>(step & 0xff);
        const QByteArray mac = QMessageAuthenticationCode::hash(counter, key, QCryptographicHash::Sha1);
        const int offset = mac.at(19) & 0x0f;
        const quint32 binary = (quint32(uchar(mac.at(offset)) & 0x7f) << 24) | (quint32(uchar(mac.at(offset + 1))) << 16)
                               | (quint32(uchar(mac.at(offset + 2))) << 8) | quint32(uchar(mac.at(offset + 3)));
        return QStringLiteral("%1").arg(binary % 1000000, 6, 10, QLatin1Char('0'));
    }

    // The next time step pam_oath(8) accepts: not before now and after the last code
    // used (it refuses a code twice, and a code older than the last one; the users file
    // keeps the last code). Waits when a previous run used the codes up to the window.
    static qint64 nextTotpStep(const QByteArray &key)
    {
        const qint64 now = QDateTime::currentSecsSinceEpoch() / 30;
        qint64 step = now;
        QFile users(qEnvironmentVariable("PODBAY_OTP_USERSFILE"));
        if (users.open(QIODevice::ReadOnly)) {
            const QString lastCode = QString::fromUtf8(users.readAll()).simplified().split(QLatin1Char(' ')).value(5);
            for (qint64 s = now - 10; s <= now + 10; ++s)
                if (totp(key, s) == lastCode)
                    step = std::max(step, s + 1);
        }
        // The users file says window=4; two codes are used from `step` on.
        if (step + 1 > now + 3)
            QTest::qWait(int((step + 1 - now - 3) * 30 * 1000));
        return step;
    }

    static int openFileDescriptors() { return QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size(); }

private Q_SLOTS:
    void initTestCase()
    {
        m_node = LoginNodeEnv::fromEnvironment();
        if (!m_node.valid())
            QFAIL(LoginNodeEnv::missingMessage());
        QVERIFY(m_tmp.isValid());
    }

    void connectsWithKeyAndReadsHelperVersion()
    {
        Connection connection;
        QSignalSpy states(&connection, &Connection::stateChanged);
        const auto result = QCoro::waitFor(connection.open(m_node.profile(QStringLiteral("ALICE"))));
        QVERIFY2(result.ok(), qPrintable(result.error().toString()));
        QCOMPARE(result.value().helper.version, QString::fromLatin1(kVersion));
        QCOMPARE(result.value().helper.protocolMajor, 1);
        QCOMPARE(result.value().user, LoginNodeEnv::user(QStringLiteral("ALICE")));
        QCOMPARE(result.value().roles, QStringList{QStringLiteral("user")});
        QVERIFY(result.value().methods.contains(QStringLiteral("system.hello")));
        QCOMPARE(connection.state(), Connection::State::Connected);
        QCOMPARE(states.size(), 2); // Connecting, Connected
        const QString fingerprint = expectedFingerprint();
        QVERIFY(fingerprint.startsWith(QStringLiteral("SHA256:")));
        QCOMPARE(connection.ssh()->hostKey().fingerprint, fingerprint);
        QCOMPARE(connection.ssh()->hostKey().type, QStringLiteral("ssh-ed25519"));
        QVERIFY2(connection.ssh()->profile().password.isEmpty(), "no credential is kept");
    }

    void connectsWithPassword()
    {
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.identityFile.clear();
        profile.password = LoginNodeEnv::password(QStringLiteral("ALICE"));
        QVERIFY(!profile.password.isEmpty());
        Connection connection;
        const auto result = QCoro::waitFor(connection.open(profile));
        QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    }

    void refusesWrongPassword()
    {
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.identityFile.clear();
        profile.password = QStringLiteral("not-her-password");
        Connection connection;
        const auto result = QCoro::waitFor(connection.open(profile));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QString(errc::kAuth));
        QCOMPARE(connection.state(), Connection::State::Disconnected);
    }

    void refusesSomeoneElsesKey()
    {
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.identityFile = LoginNodeEnv::key(QStringLiteral("BOB"));
        Connection connection;
        const auto result = QCoro::waitFor(connection.open(profile));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QString(errc::kAuth));
    }

    void refusesUnreadableKeyFile()
    {
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.identityFile = m_tmp.filePath(QStringLiteral("no-such-key"));
        Connection connection;
        const auto result = QCoro::waitFor(connection.open(profile));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QString(errc::kAuth));
        QVERIFY(result.error().message.contains(QStringLiteral("no-such-key")));
    }

    void refusesChangedHostKey()
    {
        const QString pattern = QStringLiteral("[%1]:%2").arg(m_node.host).arg(m_node.port);
        const QString file = writeKnownHosts(QStringLiteral("changed"),
                                             ("# the node's key before it was 'changed'\n" + pattern + ' '
                                              + otherPublicKey() + '\n')
                                                 .toUtf8());
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.knownHostsFile = file;
        Connection connection;
        const auto result = QCoro::waitFor(connection.open(profile));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QString(errc::kHostKeyChanged));
        QVERIFY2(result.error().message.contains(file + QStringLiteral(":2")), qPrintable(result.error().message));
        QVERIFY(result.error().message.contains(expectedFingerprint()));
        QVERIFY(result.error().hint.contains(QStringLiteral("ssh-keygen -R")));
        QCOMPARE(connection.state(), Connection::State::Disconnected);
    }

    void refusesUnknownHostKey()
    {
        const QString file = writeKnownHosts(QStringLiteral("unknown"),
                                             ("login.example.org " + otherPublicKey() + '\n').toUtf8());
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.knownHostsFile = file;
        Connection connection;
        const auto result = QCoro::waitFor(connection.open(profile));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QString(errc::kHostKeyUnknown));
        QVERIFY2(result.error().message.contains(expectedFingerprint()), qPrintable(result.error().message));
    }

    void refusesWhenKnownHostsMissing()
    {
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.knownHostsFile = m_tmp.filePath(QStringLiteral("does-not-exist"));
        Connection connection;
        const auto result = QCoro::waitFor(connection.open(profile));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QString(errc::kHostKeyUnknown));
    }

    void reportsMissingHelper()
    {
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.helperCommand = QStringLiteral("/nonexistent/podbay-helper");
        Connection connection;
        const auto result = QCoro::waitFor(connection.open(profile));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QString(errc::kHelperMissing));
        QVERIFY(result.error().message.contains(QStringLiteral("/nonexistent/podbay-helper")));
        QVERIFY(result.error().hint.contains(QStringLiteral("install")));
        QCOMPARE(connection.state(), Connection::State::Disconnected);
    }

    void reportsConnectionRefused()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const int closedPort = probe.serverPort();
        probe.close();
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.port = closedPort;
        Connection connection;
        const auto result = QCoro::waitFor(connection.open(profile));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QString(errc::kConnect));
        QVERIFY(result.error().message.contains(QString::number(closedPort)));
    }

    void execKeepsStreamsAndExitStatus()
    {
        SshConnection ssh;
        const auto connected = QCoro::waitFor(ssh.connectToHost(m_node.profile(QStringLiteral("ALICE"))));
        QVERIFY2(connected.ok(), qPrintable(connected.error().toString()));
        const auto r = QCoro::waitFor(ssh.exec(QStringLiteral("echo out; echo err >&2; id -un; exit 3")));
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(r.value().exitStatus, 3);
        QCOMPARE(r.value().standardOutput, QByteArray("out\n") + LoginNodeEnv::user(QStringLiteral("ALICE")).toUtf8() + '\n');
        QCOMPARE(r.value().standardError, QByteArray("err\n"));

        // Several SSH windows' worth of output arrives complete.
        const auto big = QCoro::waitFor(ssh.exec(QStringLiteral("head -c 3000000 /dev/zero | tr '\\0' x")));
        QVERIFY(big.ok());
        QCOMPARE(big.value().standardOutput.size(), 3000000);
        QCOMPARE(big.value().standardOutput.count('x'), 3000000);

        ssh.disconnectFromHost();
        const auto after = QCoro::waitFor(ssh.exec(QStringLiteral("true")));
        QVERIFY(!after.ok());
        QCOMPARE(after.error().code, QString(errc::kNotConnected));
    }

    void execTimesOut()
    {
        SshConnection ssh;
        QVERIFY(QCoro::waitFor(ssh.connectToHost(m_node.profile(QStringLiteral("ALICE")))).ok());
        const auto r = QCoro::waitFor(ssh.exec(QStringLiteral("sleep 30"), std::chrono::milliseconds(500)));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QString(errc::kTimeout));
    }
    void keyboardInteractiveAsksThePrompter()
    {
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.identityFile.clear();
        test::ScriptedPrompter prompter;
        prompter.challengeAnswers << QStringList{LoginNodeEnv::password(QStringLiteral("ALICE"))};
        SshConnection ssh;
        ssh.setPrompter(&prompter);
        const auto r = QCoro::waitFor(ssh.connectToHost(profile));
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(prompter.challenges.size(), 1);
        QCOMPARE(prompter.challenges[0].prompts.size(), 1);
        QVERIFY(prompter.challenges[0].prompts[0].text.contains(QStringLiteral("assword")));
        QVERIFY(!prompter.challenges[0].prompts[0].echo);
    }

    void decliningEveryQuestionFailsAuthentication()
    {
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.identityFile.clear();
        test::ScriptedPrompter prompter; // declines challenges and passwords
        SshConnection ssh;
        ssh.setPrompter(&prompter);
        const auto r = QCoro::waitFor(ssh.connectToHost(profile));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QString(errc::kAuth));
        QVERIFY(!prompter.challenges.isEmpty());
        QVERIFY(!ssh.isConnected());
    }

    void unknownHostKeyIsAskedAndRecorded()
    {
        const QString file = m_tmp.filePath(QStringLiteral("asked"));
        QFile::remove(file);
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.knownHostsFile = file;
        test::ScriptedPrompter prompter;
        prompter.trustHostKey = true;
        {
            SshConnection ssh;
            ssh.setPrompter(&prompter);
            const auto r = QCoro::waitFor(ssh.connectToHost(profile));
            QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        }
        QCOMPARE(prompter.hostKeyQuestions.size(), 1);
        QCOMPARE(prompter.hostKeyQuestions[0].key.fingerprint, expectedFingerprint());
        QCOMPARE(prompter.hostKeyQuestions[0].host, QStringLiteral("[%1]:%2").arg(m_node.host).arg(m_node.port));
        QFile recorded(file);
        QVERIFY(recorded.open(QIODevice::ReadOnly));
        QVERIFY(recorded.readAll().contains("ssh-ed25519"));

        // Known now: the next connection does not ask.
        test::ScriptedPrompter second;
        SshConnection ssh;
        ssh.setPrompter(&second);
        const auto again = QCoro::waitFor(ssh.connectToHost(profile));
        QVERIFY2(again.ok(), qPrintable(again.error().toString()));
        QVERIFY(second.hostKeyQuestions.isEmpty());
    }

    void unknownHostKeyDeclinedIsRefused()
    {
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.knownHostsFile = m_tmp.filePath(QStringLiteral("declined"));
        test::ScriptedPrompter prompter;
        SshConnection ssh;
        ssh.setPrompter(&prompter);
        const auto r = QCoro::waitFor(ssh.connectToHost(profile));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QString(errc::kHostKeyUnknown));
        QCOMPARE(prompter.hostKeyQuestions.size(), 1);
        QVERIFY(!QFile::exists(profile.knownHostsFile));
    }

    void changedHostKeyIsNeverAsked()
    {
        const QString pattern = QStringLiteral("[%1]:%2").arg(m_node.host).arg(m_node.port);
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.knownHostsFile = writeKnownHosts(QStringLiteral("changed-asked"),
                                                 (pattern + ' ' + otherPublicKey() + '\n').toUtf8());
        test::ScriptedPrompter prompter;
        prompter.trustHostKey = true; // would say yes, but must not be asked
        SshConnection ssh;
        ssh.setPrompter(&prompter);
        const auto r = QCoro::waitFor(ssh.connectToHost(profile));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QString(errc::kHostKeyChanged));
        QVERIFY(prompter.hostKeyQuestions.isEmpty());
    }

    void twentyConcurrentExecs()
    {
        SshConnection ssh;
        QVERIFY(QCoro::waitFor(ssh.connectToHost(m_node.profile(QStringLiteral("ALICE")))).ok());
        std::vector<QCoro::Task<Result<ExecResult>>> calls;
        for (int i = 0; i < 20; ++i)
            calls.push_back(ssh.exec(QStringLiteral("sleep 0.3; echo call-%1").arg(i)));
        for (int i = 0; i < 20; ++i) {
            const auto r = QCoro::waitFor(std::move(calls[static_cast<size_t>(i)]));
            QVERIFY2(r.ok(), qPrintable(r.error().toString()));
            QCOMPARE(r.value().standardOutput, QStringLiteral("call-%1\n").arg(i).toUtf8());
            QCOMPARE(r.value().exitStatus, 0);
        }
    }

    void streamChannelCarriesDataBothWays()
    {
        SshConnection ssh;
        QVERIFY(QCoro::waitFor(ssh.connectToHost(m_node.profile(QStringLiteral("ALICE")))).ok());
        const auto opened = QCoro::waitFor(ssh.openChannel(QStringLiteral("cat; echo done >&2; exit 7")));
        QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
        SshChannel *channel = opened.value();
        QByteArray out, err;
        connect(channel, &SshChannel::dataReceived, this, [&](const QByteArray &data, bool isStderr) {
            (isStderr ? err : out) += data;
        });
        QSignalSpy finished(channel, &SshChannel::finished);
        channel->write("hello\n");
        QTRY_COMPARE_WITH_TIMEOUT(out, QByteArray("hello\n"), 10000);
        channel->write("world\n");
        QTRY_COMPARE_WITH_TIMEOUT(out, QByteArray("hello\nworld\n"), 10000);
        channel->sendEof();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(finished[0][0].toInt(), 7);
        QCOMPARE(err, QByteArray("done\n"));
        QVERIFY(!channel->isOpen());
    }

    void ptyChannelIsATerminal()
    {
        SshConnection ssh;
        QVERIFY(QCoro::waitFor(ssh.connectToHost(m_node.profile(QStringLiteral("ALICE")))).ok());
        const auto opened =
            QCoro::waitFor(ssh.openChannel(QStringLiteral("tty; stty size"), PtySize{100, 30}));
        QVERIFY(opened.ok());
        QByteArray out;
        connect(opened.value(), &SshChannel::dataReceived, this,
                [&](const QByteArray &data, bool) { out += data; });
        QSignalSpy finished(opened.value(), &SshChannel::finished);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QVERIFY2(out.startsWith("/dev/pts/"), out.constData());
        QVERIFY2(out.contains("30 100"), out.constData());
    }

    void killedServerChildIsReportedAndReconnectWorks()
    {
        SshConnection ssh;
        QVERIFY(QCoro::waitFor(ssh.connectToHost(m_node.profile(QStringLiteral("ALICE")))).ok());
        QSignalSpy lost(&ssh, &SshConnection::connectionLost);
        auto pending = ssh.exec(QStringLiteral("sleep 60"));
        // The per-connection sshd processes of alice (sshd(8): "sshd: USER [priv]").
        QProcess kill;
        kill.start(QStringLiteral("pkill"), {QStringLiteral("-KILL"), QStringLiteral("-f"),
                                             QStringLiteral("^sshd: ") + LoginNodeEnv::user(QStringLiteral("ALICE"))});
        QVERIFY(kill.waitForFinished(5000));
        QCOMPARE(kill.exitCode(), 0);
        const auto r = QCoro::waitFor(std::move(pending));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().code == QString(errc::kDisconnected) || r.error().code == QString(errc::kChannel),
                 qPrintable(r.error().code));
        QTRY_COMPARE_WITH_TIMEOUT(lost.size(), 1, 10000);
        QVERIFY(!ssh.isConnected());
        const auto after = QCoro::waitFor(ssh.exec(QStringLiteral("true")));
        QCOMPARE(after.error().code, QString(errc::kNotConnected));

        // Reconnecting on the same object works.
        QVERIFY(QCoro::waitFor(ssh.connectToHost(m_node.profile(QStringLiteral("ALICE")))).ok());
        const auto back = QCoro::waitFor(ssh.exec(QStringLiteral("echo back")));
        QVERIFY2(back.ok(), qPrintable(back.error().toString()));
        QCOMPARE(back.value().standardOutput, QByteArray("back\n"));
    }

    // A site that asks for a password and then a one-time code (PAM: pam_unix, then
    // pam_oath): two keyboard-interactive rounds, both through the Prompter.
    void keyboardInteractivePasswordThenOneTimeCode()
    {
        const QByteArray secret = QByteArray::fromHex(qgetenv("PODBAY_OTP_SECRET"));
        QVERIFY2(secret.size() == 20, "PODBAY_OTP_SECRET missing: scripts/loginnode env");
        const QString password = LoginNodeEnv::password(QStringLiteral("OTP"));
        ConnectionProfile profile = m_node.profile(QStringLiteral("OTP"));
        profile.identityFile.clear();

        // A wrong code is refused (a code of a day ago).
        podbay::test::ScriptedPrompter wrong;
        const qint64 step = nextTotpStep(secret);
        wrong.challengeAnswers = {{password}, {totp(secret, step - 2880)}};
        {
            SshConnection ssh;
            ssh.setPrompter(&wrong);
            const auto refused = QCoro::waitFor(ssh.connectToHost(profile));
            QVERIFY(!refused.ok());
            QCOMPARE(refused.error().code, QString(errc::kAuth));
        }

        podbay::test::ScriptedPrompter prompter;
        prompter.challengeAnswers = {{password}, {totp(secret, step)}};
        SshConnection ssh;
        ssh.setPrompter(&prompter);
        const auto connected = QCoro::waitFor(ssh.connectToHost(profile));
        QVERIFY2(connected.ok(), qPrintable(connected.error().toString()));
        QCOMPARE(prompter.challenges.size(), 2);
        QCOMPARE(prompter.challenges.at(0).prompts.size(), 1);
        QVERIFY2(prompter.challenges.at(0).prompts.at(0).text.contains(QStringLiteral("Password")),
                 qPrintable(prompter.challenges.at(0).prompts.at(0).text));
        QVERIFY(!prompter.challenges.at(0).prompts.at(0).echo);
        QVERIFY2(prompter.challenges.at(1).prompts.at(0).text.contains(QStringLiteral("One-time password")),
                 qPrintable(prompter.challenges.at(1).prompts.at(0).text));
        const auto who = QCoro::waitFor(ssh.exec(QStringLiteral("id -un")));
        QCOMPARE(who.value().standardOutput.trimmed(), LoginNodeEnv::user(QStringLiteral("OTP")).toUtf8());
        ssh.disconnectFromHost();

        // With the password in the profile (typed into the form), only the code is asked.
        podbay::test::ScriptedPrompter codeOnly;
        codeOnly.challengeAnswers = {{totp(secret, step + 1)}};
        profile.password = password;
        SshConnection again;
        again.setPrompter(&codeOnly);
        const auto second = QCoro::waitFor(again.connectToHost(profile));
        QVERIFY2(second.ok(), qPrintable(second.error().toString()));
        QCOMPARE(codeOnly.challenges.size(), 1);
        QVERIFY(codeOnly.challenges.at(0).prompts.at(0).text.contains(QStringLiteral("One-time password")));
    }

    void connectsThroughAJumpHost()
    {
        GatewayHome home(m_node);
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.jumpHost = QStringLiteral("gateway");
        SshConnection ssh;
        const auto connected = QCoro::waitFor(ssh.connectToHost(profile));
        QVERIFY2(connected.ok(), qPrintable(connected.error().toString()));
        // The login node's own host key, checked end to end through the tunnel.
        QCOMPARE(ssh.hostKey().fingerprint, expectedFingerprint());
        const auto who = QCoro::waitFor(ssh.exec(QStringLiteral("id -un")));
        QVERIFY2(who.ok(), qPrintable(who.error().toString()));
        QCOMPARE(who.value().standardOutput.trimmed(), LoginNodeEnv::user(QStringLiteral("ALICE")).toUtf8());
        // Several channels and a bigger transfer over the tunnel.
        auto big = ssh.exec(QStringLiteral("head -c 3000000 /dev/zero | base64 -w0 | wc -c"));
        auto small = ssh.exec(QStringLiteral("echo small"));
        const auto bigResult = QCoro::waitFor(std::move(big));
        QVERIFY2(bigResult.ok(), qPrintable(bigResult.error().toString()));
        QCOMPARE(bigResult.value().standardOutput.trimmed(), QByteArray("4000000"));
        QCOMPARE(QCoro::waitFor(std::move(small)).value().standardOutput, QByteArray("small\n"));

        // The traffic really goes through bob's session: when the jump host's side
        // dies, alice's connection is reported lost (not hung).
        QSignalSpy lost(&ssh, &SshConnection::connectionLost);
        QProcess kill;
        kill.start(QStringLiteral("pkill"), {QStringLiteral("-KILL"), QStringLiteral("-f"),
                                             QStringLiteral("^sshd: ") + LoginNodeEnv::user(QStringLiteral("BOB"))});
        QVERIFY(kill.waitForFinished(5000));
        QCOMPARE(kill.exitCode(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(lost.size(), 1, 20000);
        QVERIFY(!ssh.isConnected());

        // And reconnecting through it again works.
        QVERIFY(QCoro::waitFor(ssh.connectToHost(profile)).ok());
        QCOMPARE(QCoro::waitFor(ssh.exec(QStringLiteral("echo back"))).value().standardOutput, QByteArray("back\n"));
    }

    void jumpHostConnectionsLeaveNothingOpen()
    {
        GatewayHome home(m_node);
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.jumpHost = QStringLiteral("gateway");
        const int before = openFileDescriptors();
        for (int i = 0; i < 3; ++i) {
            Connection connection;
            const auto result = QCoro::waitFor(connection.open(profile));
            QVERIFY2(result.ok(), qPrintable(result.error().toString()));
            connection.close();
        }
        // Sockets, socketpairs and wake-up pipes of every hop are closed again.
        QCOMPARE(openFileDescriptors(), before);
    }

    void jumpHostThatCannotReachTheLoginNode()
    {
        GatewayHome home(m_node);
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const int closedPort = probe.serverPort();
        probe.close();
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.port = closedPort;
        profile.jumpHost = QStringLiteral("gateway");
        Connection connection;
        const auto result = QCoro::waitFor(connection.open(profile));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QString(errc::kConnect));
        QVERIFY2(result.error().message.contains(QStringLiteral("could not open a connection to %1 port %2")
                                                     .arg(m_node.host)
                                                     .arg(closedPort)),
                 qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains(LoginNodeEnv::user(QStringLiteral("BOB")) + QLatin1Char('@')),
                 qPrintable(result.error().message));
        QCOMPARE(connection.state(), Connection::State::Disconnected);
    }

    void unknownJumpHostKeyIsAskedAndDeclined()
    {
        // "localhost" is not in known_hosts (only "[127.0.0.1]:port" is).
        podbay::test::ScriptedPrompter prompter;
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.jumpHost = QStringLiteral("localhost:%1").arg(m_node.port);
        Connection connection;
        connection.ssh()->setPrompter(&prompter);
        const auto result = QCoro::waitFor(connection.open(profile));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QString(errc::kHostKeyUnknown));
        QVERIFY2(result.error().message.startsWith(QStringLiteral("Jump host ")), qPrintable(result.error().message));
        QCOMPARE(prompter.hostKeyQuestions.size(), 1);
        QCOMPARE(prompter.hostKeyQuestions.at(0).host, QStringLiteral("[localhost]:%1").arg(m_node.port));
        QCOMPARE(prompter.hostKeyQuestions.at(0).key.fingerprint, expectedFingerprint());
    }

    void badJumpHostIsRefusedBeforeConnecting()
    {
        ConnectionProfile profile = m_node.profile(QStringLiteral("ALICE"));
        profile.jumpHost = QStringLiteral("gw:notaport");
        Connection connection;
        const auto result = QCoro::waitFor(connection.open(profile));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QString(errc::kConnect));
        QVERIFY(result.error().message.contains(QStringLiteral("notaport")));
    }
};

QTEST_GUILESS_MAIN(TestSshConnection)
#include "tst_sshconnection.moc"
