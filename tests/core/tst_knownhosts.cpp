// Finding the known_hosts line that names a host, as OpenSSH writes them.
#include <KnownHosts.h>

#include <QTemporaryFile>
#include <QTest>

using namespace podbay::core;

class TestKnownHosts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pattern()
    {
        QCOMPARE(knownHostsPattern(QStringLiteral("login1"), 22), QStringLiteral("login1"));
        QCOMPARE(knownHostsPattern(QStringLiteral("127.0.0.1"), 2222), QStringLiteral("[127.0.0.1]:2222"));
    }

    void findsLines()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("# comment [127.0.0.1]:2222\n"
                   "\n"
                   "login1,10.0.0.1 ssh-ed25519 AAAA1\n"
                   "[127.0.0.1]:2222 ssh-ed25519 AAAA2\n"
                   "|1|c2FsdA==|aGFzaA== ssh-rsa AAAA3\n"
                   "@cert-authority *.example.org,[127.0.0.1]:2222 ssh-ed25519 AAAA4\n"
                   "[127.0.0.1]:22222 ssh-ed25519 AAAA5\n"
                   "LOGIN1 ecdsa-sha2-nistp256 AAAA6\n");
        file.close();
        QCOMPARE(knownHostsLines(file.fileName(), QStringLiteral("127.0.0.1"), 2222), (QList<int>{4, 6}));
        QCOMPARE(knownHostsLines(file.fileName(), QStringLiteral("login1"), 22), (QList<int>{3, 8}));
        QCOMPARE(knownHostsLines(file.fileName(), QStringLiteral("10.0.0.1"), 22), (QList<int>{3}));
        QCOMPARE(knownHostsLines(file.fileName(), QStringLiteral("login2"), 22), QList<int>{});
    }

    void missingFileHasNoLines()
    {
        QCOMPARE(knownHostsLines(QStringLiteral("/nonexistent/known_hosts"), QStringLiteral("h"), 22), QList<int>{});
    }
};

QTEST_GUILESS_MAIN(TestKnownHosts)
#include "tst_knownhosts.moc"
