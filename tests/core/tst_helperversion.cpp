// Parsing the helper's version document and the protocol-major rule.
#include <ErrorCodes.h>
#include <HelperVersion.h>

#include <podbay/protocol/Protocol.h>

#include <QTest>

using namespace podbay::core;

class TestHelperVersion : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesCurrentHelper()
    {
        const auto r = parseHelperVersion(
            R"({"name":"podbay-helper","version":"0.1.0","protocol":{"major":1,"minor":3}})");
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r.value().version, QStringLiteral("0.1.0"));
        QCOMPARE(r.value().protocolMajor, 1);
        QCOMPARE(r.value().protocolMinor, 3);
        QCOMPARE(r.value().toString(), QStringLiteral("podbay-helper 0.1.0 (protocol 1.3)"));
    }

    void refusesOtherMajor()
    {
        const auto r = parseHelperVersion(
            R"({"name":"podbay-helper","version":"9.0.0","protocol":{"major":9,"minor":0}})");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QString(errc::kProtocolMismatch));
        QVERIFY(r.error().message.contains(QStringLiteral("9.0.0")));
        QVERIFY2(r.error().hint.contains(QStringLiteral("install")), qPrintable(r.error().hint));
    }

    void refusesGarbage_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("not json") << QByteArray("podbay-helper 0.1.0");
        QTest::newRow("other program") << QByteArray(R"({"name":"ls","protocol":{"major":1}})");
        QTest::newRow("no protocol") << QByteArray(R"({"name":"podbay-helper","version":"0.1.0"})");
        QTest::newRow("major as string") << QByteArray(R"({"name":"podbay-helper","protocol":{"major":"1"}})");
    }

    void refusesGarbage()
    {
        QFETCH(QByteArray, json);
        const auto r = parseHelperVersion(json);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QString(errc::kBadResponse));
        QVERIFY(!r.error().hint.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHelperVersion)
#include "tst_helperversion.moc"
