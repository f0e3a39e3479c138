// shellQuote() must survive a real POSIX shell unchanged, whatever the word holds.
#include <ShellQuote.h>

#include <QProcess>
#include <QTest>

using namespace podbay::core;

class TestShellQuote : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripsThroughSh_data()
    {
        QTest::addColumn<QString>("word");
        QTest::newRow("plain") << QStringLiteral("podbay-helper");
        QTest::newRow("empty") << QString();
        QTest::newRow("spaces") << QStringLiteral("a b  c");
        QTest::newRow("single quote") << QStringLiteral("it's");
        QTest::newRow("only quotes") << QStringLiteral("''''");
        QTest::newRow("metacharacters") << QStringLiteral("$(id); `id` | & > < * ? ~ # \\ \" !");
        QTest::newRow("newline") << QStringLiteral("line1\nline2");
        QTest::newRow("unicode") << QStringLiteral("Grüße ✓");
        QTest::newRow("leading dash") << QStringLiteral("-n");
    }

    void roundTripsThroughSh()
    {
        QFETCH(QString, word);
        QProcess sh;
        sh.start(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"), QStringLiteral("printf '%s' ") + shellQuote(word)});
        QVERIFY(sh.waitForFinished(5000));
        QCOMPARE(sh.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(sh.readAllStandardOutput()), word);
    }

    void joinKeepsWordBoundaries()
    {
        QProcess sh;
        const QStringList words{QStringLiteral("a b"), QStringLiteral("c'd"), QString()};
        sh.start(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"), QStringLiteral("printf '[%s]' ") + shellJoin(words)});
        QVERIFY(sh.waitForFinished(5000));
        QCOMPARE(sh.readAllStandardOutput(), QByteArray("[a b][c'd][]"));
    }
};

QTEST_GUILESS_MAIN(TestShellQuote)
#include "tst_shellquote.moc"
