// The portal over real HTTP on loopback: /healthz, unknown paths, and the security
// headers on every response (errors included).
#include <PortalServer.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include <QCoroNetworkReply>

#include <memory>

using namespace podbay::portal;

class TestPortalHealth : public QObject
{
    Q_OBJECT

    std::unique_ptr<PortalServer> m_server;
    quint16 m_port = 0;
    QNetworkAccessManager m_nam;

    std::unique_ptr<QNetworkReply> get(const QString &path)
    {
        std::unique_ptr<QNetworkReply> reply(
            m_nam.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)))));
        QCoro::waitFor(qCoro(reply.get()).waitForFinished(std::chrono::seconds(10)));
        return reply;
    }

    static void verifySecurityHeaders(QNetworkReply *reply)
    {
        const QByteArray csp = reply->rawHeader("Content-Security-Policy");
        QVERIFY2(csp.contains("default-src 'self'"), csp.constData());
        QVERIFY(!csp.contains("unsafe-inline"));
        QCOMPARE(reply->rawHeader("X-Frame-Options"), QByteArray("DENY"));
        QCOMPARE(reply->rawHeader("X-Content-Type-Options"), QByteArray("nosniff"));
        QCOMPARE(reply->rawHeader("Referrer-Policy"), QByteArray("no-referrer"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        PortalOptions options;
        options.listenPort = 0;
        m_server = std::make_unique<PortalServer>(options);
        m_port = m_server->listen();
        QVERIFY(m_port != 0);
    }

    void healthz()
    {
        auto reply = get(QStringLiteral("/healthz"));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(), QStringLiteral("application/json"));
        const auto body = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QVERIFY(!body.value(QStringLiteral("version")).toString().isEmpty());
        verifySecurityHeaders(reply.get());
    }

    void unknownPathIsProblemJson()
    {
        auto reply = get(QStringLiteral("/../../etc/passwd"));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
        QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(),
                 QStringLiteral("application/problem+json"));
        const auto body = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(body.value(QStringLiteral("status")).toInt(), 404);
        verifySecurityHeaders(reply.get());
    }

    void listenFailsOnBusyPort()
    {
        PortalOptions options;
        options.listenPort = m_port;
        PortalServer second(options);
        QCOMPARE(second.listen(), quint16(0));
    }
};

QTEST_GUILESS_MAIN(TestPortalHealth)
#include "tst_portalhealth.moc"
