// The headless portal's command line, including the no-plain-HTTP-off-loopback rule.
#include <PortalOptions.h>

#include <QTest>

using namespace podbay::portal;

class TestPortalOptions : public QObject
{
    Q_OBJECT

    static podbay::core::Result<PortalOptions> parse(QStringList args)
    {
        args.prepend(QStringLiteral("podbay-portal"));
        return parsePortalOptions(args);
    }

private Q_SLOTS:
    void defaults()
    {
        const auto r = parse({});
        QVERIFY(r.ok());
        QCOMPARE(r.value().listenAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(r.value().listenPort, quint16(8080));
        QVERIFY(!r.value().tls());
    }

    void loginNodeAndListen()
    {
        const auto r = parse({QStringLiteral("--login-node"), QStringLiteral("login1.example.org:2222"),
                              QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r.value().loginNodeHost, QStringLiteral("login1.example.org"));
        QCOMPARE(r.value().loginNodePort, 2222);
        QCOMPARE(r.value().listenPort, quint16(0));
    }

    void loginNodeTrustAndHelper()
    {
        const auto r = parse({QStringLiteral("--known-hosts"), QStringLiteral("/etc/podbay/known_hosts"),
                              QStringLiteral("--helper"), QStringLiteral("/opt/podbay/bin/podbay-helper"),
                              QStringLiteral("--public-host"), QStringLiteral("podbay.example.org")});
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r.value().knownHostsFile, QStringLiteral("/etc/podbay/known_hosts"));
        QCOMPARE(r.value().helperCommand, QStringLiteral("/opt/podbay/bin/podbay-helper"));
        QCOMPARE(r.value().publicHost, QStringLiteral("podbay.example.org"));
        QCOMPARE(parse({}).value().helperCommand, QStringLiteral("podbay-helper"));
    }

    void ipv6Listen()
    {
        const auto r = parse({QStringLiteral("--listen"), QStringLiteral("[::1]:9000")});
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r.value().listenAddress, QHostAddress(QHostAddress::LocalHostIPv6));
        QCOMPARE(r.value().listenPort, quint16(9000));
    }

    void refusesPlainHttpOffLoopback()
    {
        const auto r = parse({QStringLiteral("--listen"), QStringLiteral("0.0.0.0:8443")});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("E_INSECURE"));
        QVERIFY(r.error().hint.contains(QStringLiteral("--tls-cert")));
        const auto allowed = parse({QStringLiteral("--listen"), QStringLiteral("0.0.0.0:8443"),
                                    QStringLiteral("--insecure-http")});
        QVERIFY(allowed.ok());
        const auto tls = parse({QStringLiteral("--listen"), QStringLiteral("0.0.0.0:8443"), QStringLiteral("--tls-cert"),
                                QStringLiteral("c.pem"), QStringLiteral("--tls-key"), QStringLiteral("k.pem")});
        QVERIFY(tls.ok());
        QVERIFY(tls.value().tls());
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("listen not an address") << QStringList{"--listen", "example.org:80"};
        QTest::newRow("listen port too big") << QStringList{"--listen", "127.0.0.1:70000"};
        QTest::newRow("listen port junk") << QStringList{"--listen", "127.0.0.1:http"};
        QTest::newRow("login node empty host") << QStringList{"--login-node", ":22"};
        QTest::newRow("cert without key") << QStringList{"--tls-cert", "c.pem"};
        QTest::newRow("unknown option") << QStringList{"--frobnicate"};
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        const auto r = parse(args);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("E_USAGE"));
        QVERIFY(!r.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPortalOptions)
#include "tst_portaloptions.moc"
