// ~/.ssh/config as ssh_config(5) defines it: first value wins, wildcards,
// negation, Include, quoting, tokens; ProxyJump hops (JumpHosts).
#include <ErrorCodes.h>
#include <JumpHosts.h>
#include <SshConfig.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace podbay::core;

class TestSshConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstValueWinsAndWildcardsApply()
    {
        const auto config = SshConfig::parse(QStringLiteral(R"(
# cluster login nodes
Host hpc
    HostName login1.cluster.example.org
    User alice
    Port 2222
    IdentityFile ~/.ssh/id_hpc

Host hpc-* !hpc-old
    User bob
    ProxyJump gateway.example.org

Host *
    User nobody
    Port 22
    IdentityFile %d/.ssh/id_%h
)"),
                                             QStringLiteral("/nonexistent"));
        QCOMPARE(config.hostAliases(), (QStringList{QStringLiteral("hpc")}));

        const ConnectionProfile hpc = config.resolve(QStringLiteral("hpc"));
        QCOMPARE(hpc.host, QStringLiteral("login1.cluster.example.org"));
        QCOMPARE(hpc.user, QStringLiteral("alice"));
        QCOMPARE(hpc.port, 2222);
        QCOMPARE(hpc.identityFile, QDir::homePath() + QStringLiteral("/.ssh/id_hpc"));
        QVERIFY(hpc.jumpHost.isEmpty());

        const ConnectionProfile gpu = config.resolve(QStringLiteral("hpc-gpu"));
        QCOMPARE(gpu.host, QStringLiteral("hpc-gpu"));
        QCOMPARE(gpu.user, QStringLiteral("bob"));
        QCOMPARE(gpu.port, 22);
        QCOMPARE(gpu.jumpHost, QStringLiteral("gateway.example.org"));
        QCOMPARE(gpu.identityFile, QDir::homePath() + QStringLiteral("/.ssh/id_hpc-gpu"));

        // The negated pattern vetoes the block for hpc-old.
        const ConnectionProfile old = config.resolve(QStringLiteral("hpc-old"));
        QCOMPARE(old.user, QStringLiteral("nobody"));
        QVERIFY(old.jumpHost.isEmpty());
    }

    void equalsSignsQuotesAndCase()
    {
        const auto config = SshConfig::parse(QStringLiteral("HOST \"my node\" other\n"
                                                            "  hostname=10.0.0.5\n"
                                                            "  USER = carol\n"
                                                            "  port=bad\n"),
                                             QStringLiteral("/nonexistent"));
        QCOMPARE(config.hostAliases(), (QStringList{QStringLiteral("my node"), QStringLiteral("other")}));
        const ConnectionProfile p = config.resolve(QStringLiteral("other"));
        QCOMPARE(p.host, QStringLiteral("10.0.0.5"));
        QCOMPARE(p.user, QStringLiteral("carol"));
        QCOMPARE(p.port, 22); // a malformed port keeps the default
    }

    void matchBlocksAreSkipped()
    {
        const auto config = SshConfig::parse(QStringLiteral("Match exec \"true\"\n  User mallory\n"
                                                            "Host a\n  User alice\n"),
                                             QStringLiteral("/nonexistent"));
        QCOMPARE(config.resolve(QStringLiteral("a")).user, QStringLiteral("alice"));
        QCOMPARE(config.resolve(QStringLiteral("b")).user, QString());
    }

    void proxyJumpNoneMeansDirect()
    {
        const auto config = SshConfig::parse(QStringLiteral("Host a\n ProxyJump none\nHost *\n ProxyJump gw\n"),
                                             QStringLiteral("/nonexistent"));
        QVERIFY(config.resolve(QStringLiteral("a")).jumpHost.isEmpty());
        QCOMPARE(config.resolve(QStringLiteral("b")).jumpHost, QStringLiteral("gw"));
    }

    void includeResolvesRelativeToSshDir()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("config.d")));
        QFile part(dir.filePath(QStringLiteral("config.d/cluster.conf")));
        QVERIFY(part.open(QIODevice::WriteOnly));
        part.write("Host included\n  HostName inc.example.org\n");
        part.close();
        // An Include that includes itself stops at the depth limit instead of looping.
        QFile loop(dir.filePath(QStringLiteral("config.d/loop.conf")));
        QVERIFY(loop.open(QIODevice::WriteOnly));
        loop.write("Include config.d/loop.conf\n");
        loop.close();
        const auto config = SshConfig::parse(QStringLiteral("Include config.d/*.conf\nHost after\n"), dir.path());
        QCOMPARE(config.hostAliases(), (QStringList{QStringLiteral("included"), QStringLiteral("after")}));
        QCOMPARE(config.resolve(QStringLiteral("included")).host, QStringLiteral("inc.example.org"));
    }

    void jumpHopsParseAsSshDoes()
    {
        ConnectionProfile target;
        target.host = QStringLiteral("login1.cluster");
        target.port = 2222;
        target.user = QStringLiteral("alice");
        target.identityFile = QStringLiteral("/keys/alice");
        target.knownHostsFile = QStringLiteral("/kh");
        target.password = QStringLiteral("secret");
        target.jumpHost = QStringLiteral("gw1, bob@gw2:2200,ssh://[2001:db8::1]:22022 ,[::1]");
        const auto hops = jumpProfiles(target, SshConfig::parse({}, {}));
        QVERIFY2(hops.ok(), qPrintable(hops.error().toString()));
        QCOMPARE(hops.value().size(), 4);
        const ConnectionProfile &first = hops.value().at(0);
        QCOMPARE(first.host, QStringLiteral("gw1"));
        QCOMPARE(first.port, 22); // not the login node's port
        QCOMPARE(first.user, QStringLiteral("alice"));
        QCOMPARE(first.identityFile, QStringLiteral("/keys/alice"));
        QCOMPARE(first.knownHostsFile, QStringLiteral("/kh"));
        QVERIFY2(first.password.isEmpty(), "the login node's password never goes to a jump host");
        QVERIFY(first.jumpHost.isEmpty());
        QCOMPARE(hops.value().at(1).user, QStringLiteral("bob"));
        QCOMPARE(hops.value().at(1).port, 2200);
        QCOMPARE(hops.value().at(2).host, QStringLiteral("2001:db8::1"));
        QCOMPARE(hops.value().at(2).port, 22022);
        QCOMPARE(describeHop(hops.value().at(2)), QStringLiteral("alice@[2001:db8::1]:22022"));
        QCOMPARE(hops.value().at(3).host, QStringLiteral("::1"));
        QCOMPARE(hops.value().at(3).port, 22);
    }

    void jumpHopsTakeTheirHostBlock()
    {
        const auto config = SshConfig::parse(QStringLiteral("Host gateway\n"
                                                            "  HostName gw.example.org\n"
                                                            "  User gwuser\n"
                                                            "  Port 2022\n"
                                                            "  IdentityFile /keys/gw\n"
                                                            "  ProxyJump elsewhere\n"),
                                             QStringLiteral("/home/x/.ssh"));
        ConnectionProfile target;
        target.host = QStringLiteral("login1");
        target.user = QStringLiteral("alice");
        target.jumpHost = QStringLiteral("gateway");
        auto hops = jumpProfiles(target, config);
        QVERIFY(hops.ok());
        QCOMPARE(hops.value().size(), 1);
        QCOMPARE(hops.value().at(0).host, QStringLiteral("gw.example.org"));
        QCOMPARE(hops.value().at(0).user, QStringLiteral("gwuser"));
        QCOMPARE(hops.value().at(0).port, 2022);
        QCOMPARE(hops.value().at(0).identityFile, QStringLiteral("/keys/gw"));
        QVERIFY(hops.value().at(0).jumpHost.isEmpty());
        // What the hop spells out wins over its Host block (ssh(1) -J).
        target.jumpHost = QStringLiteral("carol@gateway:2100");
        hops = jumpProfiles(target, config);
        QVERIFY(hops.ok());
        QCOMPARE(hops.value().at(0).user, QStringLiteral("carol"));
        QCOMPARE(hops.value().at(0).port, 2100);
        QCOMPARE(hops.value().at(0).host, QStringLiteral("gw.example.org"));
    }

    void badJumpHopsAreRefused_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::newRow("empty hop") << "gw1,,gw2";
        QTest::newRow("empty user") << "@gw";
        QTest::newRow("port zero") << "gw:0";
        QTest::newRow("port text") << "gw:ssh";
        QTest::newRow("port too big") << "gw:70000";
        QTest::newRow("option injection") << "-oProxyCommand=x";
        QTest::newRow("unclosed bracket") << "[::1";
        QTest::newRow("junk after bracket") << "[::1]x";
        QTest::newRow("only port") << ":22";
    }

    void badJumpHopsAreRefused()
    {
        QFETCH(QString, spec);
        ConnectionProfile target;
        target.host = QStringLiteral("login1");
        target.jumpHost = spec;
        const auto hops = jumpProfiles(target, SshConfig::parse({}, {}));
        QVERIFY(!hops.ok());
        QCOMPARE(hops.error().code, QString(errc::kConnect));
        QVERIFY2(hops.error().message.contains(spec), qPrintable(hops.error().message));
    }

    void hostMatches_data()
    {
        QTest::addColumn<QStringList>("patterns");
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("matches");
        QTest::newRow("exact") << QStringList{"login1"} << "login1" << true;
        QTest::newRow("case") << QStringList{"LOGIN1"} << "login1" << true;
        QTest::newRow("star") << QStringList{"*.example.org"} << "a.example.org" << true;
        QTest::newRow("star no match") << QStringList{"*.example.org"} << "example.org" << false;
        QTest::newRow("question") << QStringList{"node?"} << "node7" << true;
        QTest::newRow("question too long") << QStringList{"node?"} << "node17" << false;
        QTest::newRow("regex chars literal") << QStringList{"a.b"} << "axb" << false;
        QTest::newRow("negation vetoes") << QStringList{"*", "!secret"} << "secret" << false;
        QTest::newRow("only negation") << QStringList{"!secret"} << "other" << false;
    }

    void hostMatches()
    {
        QFETCH(QStringList, patterns);
        QFETCH(QString, host);
        QFETCH(bool, matches);
        QCOMPARE(SshConfig::hostMatches(patterns, host), matches);
    }
};

QTEST_GUILESS_MAIN(TestSshConfig)
#include "tst_sshconfig.moc"
