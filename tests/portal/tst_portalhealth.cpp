// The portal over real HTTP on loopback: /healthz, unknown paths, and the security
// headers on every response (errors included).
#include <ApiRoutes.h>
#include <PortalServer.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
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
        // No inline script (inline style is xterm.js's, SecurityHeaders.cpp).
        QVERIFY2(csp.contains("script-src 'self';"), csp.constData());
        QVERIFY(!csp.contains("unsafe-eval"));
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

    // Prometheus text format: the sessions gauge, and responses counted by status.
    void metricsCountResponses()
    {
        auto before = get(QStringLiteral("/metrics"));
        QCOMPARE(before->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(before->rawHeader("Content-Type").startsWith("text/plain; version=0.0.4"));
        verifySecurityHeaders(before.get());
        const QByteArray first = before->readAll();
        QVERIFY2(first.contains("\npodbay_portal_sessions 0\n"), first.constData());
        QVERIFY(first.contains("# TYPE podbay_portal_responses_total counter\n"));
        const auto count404 = [](const QByteArray &text) {
            for (const QByteArray &line : text.split('\n'))
                if (line.startsWith("podbay_portal_responses_total{code=\"404\"} "))
                    return line.mid(line.lastIndexOf(' ') + 1).toInt();
            return 0;
        };
        get(QStringLiteral("/nothing-here"));
        get(QStringLiteral("/api/v1/nothing"));
        auto after = get(QStringLiteral("/metrics"));
        QCOMPARE(count404(after->readAll()), count404(first) + 2);
    }

    // The OpenAPI document is served, valid JSON, and every API operation it names is one
    // the portal routes (ApiRoutes.h), and the other way round.
    void openApiMatchesTheRoutes()
    {
        auto reply = get(QStringLiteral("/api/v1/openapi.json"));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonObject doc = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(doc.value(QStringLiteral("openapi")).toString(), QStringLiteral("3.0.3"));
        const QJsonObject paths = doc.value(QStringLiteral("paths")).toObject();
        const QHash<QString, QHttpServerRequest::Method> verbs{{QStringLiteral("get"), QHttpServerRequest::Method::Get},
                                                                {QStringLiteral("post"), QHttpServerRequest::Method::Post},
                                                                {QStringLiteral("delete"), QHttpServerRequest::Method::Delete}};
        int operations = 0;
        for (auto it = paths.begin(); it != paths.end(); ++it) {
            QString path = it.key();
            path.replace(QStringLiteral("{name}"), QStringLiteral("work")).replace(QStringLiteral("{id}"), QStringLiteral("7"));
            if (!path.startsWith(QStringLiteral("/api/v1/")) || path == QStringLiteral("/api/v1/session") ||
                path == QStringLiteral("/api/v1/session/challenge") || path == QStringLiteral("/api/v1/doctor") ||
                path == QStringLiteral("/api/v1/events") || path == QStringLiteral("/api/v1/terminal") || path == QStringLiteral("/api/v1/templates") ||
                path == QStringLiteral("/api/v1/helpdesk/doctor") || path.startsWith(QStringLiteral("/api/v1/admin/")) ||
                path.startsWith(QStringLiteral("/api/v1/calls/")))
                continue; // routes of their own (PortalServer.cpp, PrivilegedRoutes.cpp)
            for (const QString &verb : it.value().toObject().keys()) {
                QVERIFY2(verbs.contains(verb), qPrintable(verb));
                QVERIFY2(podbay::portal::apiCallFor(verbs[verb], path, {}, {}).has_value(),
                         qPrintable(verb + QLatin1Char(' ') + path));
                ++operations;
            }
        }
        QCOMPARE(operations, 17); // the 17 entries of ApiRoutes.h: each is documented
    }

    // The web app comes from the binary, with the same headers, and has no inline script
    // (the CSP forbids it; a page that needed it would break).
    // A browser encodes the repository's slash (encodeURIComponent: %2F); the helper gets
    // the name itself.
    void registryDeleteDecodesTheQuery()
    {
        const auto call = podbay::portal::apiCallFor(QHttpServerRequest::Method::Delete, QStringLiteral("/api/v1/registry"),
                                                     {}, QStringLiteral("repository=podbay-alice%2Fweb-1&tag=v%2B1"));
        QVERIFY(call.has_value());
        QCOMPARE(call->method, QStringLiteral("registry.delete"));
        QCOMPARE(call->params.value(QStringLiteral("repository")).toString(), QStringLiteral("podbay-alice/web-1"));
        QCOMPARE(call->params.value(QStringLiteral("tag")).toString(), QStringLiteral("v+1"));
    }

    void webAppIsEmbedded()
    {
        auto page = get(QStringLiteral("/"));
        QCOMPARE(page->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(page->rawHeader("Content-Type"), QByteArray("text/html; charset=utf-8"));
        verifySecurityHeaders(page.get());
        const QByteArray html = page->readAll();
        QVERIFY(html.contains(R"(<script src="/app.js" defer></script>)"));
        QVERIFY(!QRegularExpression(QStringLiteral("<script(?![^>]*\\bsrc=)[^>]*>")).match(QString::fromUtf8(html)).hasMatch());
        QVERIFY(!QRegularExpression(QStringLiteral("\\son[a-z]+=")).match(QString::fromUtf8(html)).hasMatch()); // no onclick=...
        auto script = get(QStringLiteral("/app.js"));
        QCOMPARE(script->rawHeader("Content-Type"), QByteArray("text/javascript; charset=utf-8"));
        const QByteArray js = script->readAll();
        QVERIFY(js.contains("textContent"));
        QVERIFY(!js.contains("innerHTML")); // server values go in as text only
        auto style = get(QStringLiteral("/app.css"));
        QCOMPARE(style->rawHeader("Content-Type"), QByteArray("text/css; charset=utf-8"));
        QCOMPARE(get(QStringLiteral("/index.html"))->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
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
