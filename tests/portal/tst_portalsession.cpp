// The portal's sessions over real HTTP on loopback, logging in to the local login node
// with the users' passwords: wrong password, Host and Origin checks, the session cookie's
// attributes, CSRF on logout, logout closing the session server-side, bob's doctor
// through the API, and the ban after repeated failures; a Containerfile build, a run on the
// login node, an Apptainer pull line and a batch script, with the live log over the
// session's WebSocket (and that socket refused without the cookie or from another site).
#include "LoginNodeEnv.h"

#include <PortalServer.h>

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <QCoroNetworkReply>

#include <memory>

using namespace podbay::portal;
using podbay::test::LoginNodeEnv;

namespace {

// Cookies are sent by hand in these tests, so what the server does with an old cookie
// (after logout) can be checked: this jar keeps nothing.
class NoCookies : public QNetworkCookieJar
{
public:
    bool setCookiesFromUrl(const QList<QNetworkCookie> &, const QUrl &) override { return false; }
};

struct Answer
{
    int status = 0;
    QByteArray contentType;
    QByteArray setCookie;
    QJsonObject body;
};

} // namespace

class TestPortalSession : public QObject
{
    Q_OBJECT

    LoginNodeEnv m_node;
    std::unique_ptr<PortalServer> m_server;
    quint16 m_port = 0;
    QNetworkAccessManager m_nam;

    Answer request(const QByteArray &verb, const QString &path, const QJsonObject &body = {},
                   const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        for (const auto &[name, value] : headers)
            req.setRawHeader(name, value);
        const QByteArray data = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
        std::unique_ptr<QNetworkReply> reply(m_nam.sendCustomRequest(req, verb, data));
        QCoro::waitFor(qCoro(reply.get()).waitForFinished(std::chrono::seconds(60)));
        return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                reply->rawHeader("Content-Type"), reply->rawHeader("Set-Cookie"),
                QJsonDocument::fromJson(reply->readAll()).object()};
    }

    Answer login(const QString &who, const QString &password)
    {
        return request("POST", QStringLiteral("/api/v1/session"),
                       {{QStringLiteral("user"), LoginNodeEnv::user(who)}, {QStringLiteral("password"), password}});
    }

    static QByteArray cookieOf(const Answer &answer)
    {
        return answer.setCookie.left(answer.setCookie.indexOf(';'));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_node = LoginNodeEnv::fromEnvironment();
        if (!m_node.valid())
            QFAIL(LoginNodeEnv::missingMessage());
        PortalOptions options;
        options.loginNodeHost = qEnvironmentVariable("PODBAY_SSH_HOST");
        options.loginNodePort = qEnvironmentVariableIntValue("PODBAY_SSH_PORT");
        options.knownHostsFile = qEnvironmentVariable("PODBAY_KNOWN_HOSTS");
        options.helperCommand = qEnvironmentVariable("PODBAY_HELPER");
        options.listenPort = 0;
        m_server = std::make_unique<PortalServer>(options);
        m_port = m_server->listen();
        QVERIFY(m_port != 0);
        m_nam.setCookieJar(new NoCookies);
    }

    void wrongPasswordIsRefused()
    {
        const Answer a = login(QStringLiteral("ALICE"), QStringLiteral("not-her-password"));
        QCOMPARE(a.status, 401);
        QCOMPARE(a.contentType, QByteArray("application/problem+json"));
        QCOMPARE(a.body.value(QStringLiteral("code")).toString(), QStringLiteral("E_AUTH"));
        QVERIFY(a.setCookie.isEmpty());
        QCOMPARE(m_server->sessions().count(), 0);
    }

    void otherHostsAndOriginsAreRefused()
    {
        // DNS rebinding: the right address under another name.
        QCOMPARE(request("GET", QStringLiteral("/api/v1/session"), {}, {{"Host", "evil.example"}}).status, 421);
        const Answer crossSite = request("POST", QStringLiteral("/api/v1/session"),
                                         {{QStringLiteral("user"), LoginNodeEnv::user(QStringLiteral("ALICE"))},
                                          {QStringLiteral("password"), m_node.password(QStringLiteral("ALICE"))}},
                                         {{"Origin", "http://evil.example"}});
        QCOMPARE(crossSite.status, 403);
        QCOMPARE(crossSite.body.value(QStringLiteral("code")).toString(), QStringLiteral("E_ORIGIN"));
        QCOMPARE(request("POST", QStringLiteral("/api/v1/session"), {{QStringLiteral("user"), "x"}},
                         {{"Sec-Fetch-Site", "cross-site"}})
                     .status,
                 403);
        const Answer junk = request("POST", QStringLiteral("/api/v1/session"),
                                    {{QStringLiteral("user"), QStringLiteral("alice; rm -rf /")},
                                     {QStringLiteral("password"), QStringLiteral("x")}});
        QCOMPARE(junk.status, 400);
        QCOMPARE(m_server->sessions().count(), 0);
    }

    void loginDoctorAndLogout()
    {
        const Answer in = login(QStringLiteral("ALICE"), m_node.password(QStringLiteral("ALICE")));
        QVERIFY2(in.status == 200, QJsonDocument(in.body).toJson().constData());
        QCOMPARE(in.body.value(QStringLiteral("user")).toString(), LoginNodeEnv::user(QStringLiteral("ALICE")));
        QVERIFY(in.setCookie.contains("; HttpOnly"));
        QVERIFY(in.setCookie.contains("; SameSite=Strict"));
        QVERIFY(in.setCookie.contains("; Path=/"));
        QVERIFY(!in.setCookie.contains("Secure")); // plain http on loopback
        const QByteArray cookie = cookieOf(in);
        QCOMPARE(cookie.size(), qsizetype(QByteArray("podbay_session=").size() + 32)); // 192 bits, base64url
        const QByteArray csrf = in.body.value(QStringLiteral("csrfToken")).toString().toLatin1();
        QCOMPARE(csrf.size(), 32);
        QCOMPARE(m_server->sessions().count(), 1);

        const Answer doctor = request("GET", QStringLiteral("/api/v1/doctor"), {}, {{"Cookie", cookie}});
        QVERIFY2(doctor.status == 200, QJsonDocument(doctor.body).toJson().constData());
        QCOMPARE(doctor.body.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QVERIFY(doctor.body.value(QStringLiteral("checks")).toArray().size() > 5);

        const Answer noToken = request("DELETE", QStringLiteral("/api/v1/session"), {}, {{"Cookie", cookie}});
        QCOMPARE(noToken.status, 403);
        QCOMPARE(noToken.body.value(QStringLiteral("code")).toString(), QStringLiteral("E_CSRF"));
        const Answer out =
            request("DELETE", QStringLiteral("/api/v1/session"), {}, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
        QCOMPARE(out.status, 204);
        QVERIFY(out.setCookie.contains("Max-Age=0"));
        QCOMPARE(m_server->sessions().count(), 0);
        // The old cookie is worth nothing now.
        QCOMPARE(request("GET", QStringLiteral("/api/v1/doctor"), {}, {{"Cookie", cookie}}).status, 401);
        QCOMPARE(request("GET", QStringLiteral("/api/v1/doctor")).status, 401);
    }

    void bobsDoctorShowsTheFailures()
    {
        const Answer in = login(QStringLiteral("BOB"), m_node.password(QStringLiteral("BOB")));
        QCOMPARE(in.status, 200);
        const Answer doctor = request("GET", QStringLiteral("/api/v1/doctor"), {}, {{"Cookie", cookieOf(in)}});
        QCOMPARE(doctor.status, 200);
        QCOMPARE(doctor.body.value(QStringLiteral("status")).toString(), QStringLiteral("fail"));
        bool subuid = false;
        for (const auto &c : doctor.body.value(QStringLiteral("checks")).toArray())
            subuid = subuid || (c.toObject().value(QStringLiteral("id")).toString() == QStringLiteral("subuid") &&
                                c.toObject().value(QStringLiteral("fix")).toString() == QStringLiteral("create-ranges"));
        QVERIFY(subuid);
        request("DELETE", QStringLiteral("/api/v1/session"), {},
                {{"Cookie", cookieOf(in)}, {"X-CSRF-Token", in.body.value(QStringLiteral("csrfToken")).toString().toLatin1()}});
        QCOMPARE(m_server->sessions().count(), 0);
    }

    // The build flow and a Slurm job through the API, as the web app will drive them.
    void buildPushAndRunThroughTheApi()
    {
        const Answer in = login(QStringLiteral("ALICE"), m_node.password(QStringLiteral("ALICE")));
        QCOMPARE(in.status, 200);
        const QList<QPair<QByteArray, QByteArray>> auth{
            {"Cookie", cookieOf(in)}, {"X-CSRF-Token", in.body.value(QStringLiteral("csrfToken")).toString().toLatin1()}};
        const QString suffix = QString::number(QDateTime::currentMSecsSinceEpoch() % 1000000);
        const QString container = QStringLiteral("api-") + suffix;

        // Without the CSRF token nothing changes; a bad name is the helper's E_BAD_NAME.
        QCOMPARE(request("POST", QStringLiteral("/api/v1/containers"),
                         {{QStringLiteral("image"), "library/busybox:latest"}, {QStringLiteral("name"), container}},
                         {{"Cookie", cookieOf(in)}})
                     .status,
                 403);
        const Answer badName = request("POST", QStringLiteral("/api/v1/containers"),
                                       {{QStringLiteral("image"), "library/busybox:latest"},
                                        {QStringLiteral("name"), QStringLiteral("../x;rm")}},
                                       auth);
        QCOMPARE(badName.status, 400);
        QCOMPARE(badName.body.value(QStringLiteral("code")).toString(), QStringLiteral("E_BAD_NAME"));
        QCOMPARE(request("PUT", QStringLiteral("/api/v1/containers"), {}, auth).status, 405);
        QCOMPARE(request("GET", QStringLiteral("/api/v1/nothing"), {}, auth).status, 404);

        const Answer created = request("POST", QStringLiteral("/api/v1/containers"),
                                       {{QStringLiteral("image"), "library/busybox:latest"},
                                        {QStringLiteral("name"), container}},
                                       auth);
        QVERIFY2(created.status == 200, QJsonDocument(created.body).toJson().constData());
        const Answer step = request("POST", "/api/v1/containers/" + container + "/steps",
                                    {{QStringLiteral("command"), "echo api-" + suffix + " > /api.txt"}}, auth);
        QCOMPARE(step.status, 200);
        QCOMPARE(step.body.value(QStringLiteral("exitCode")).toInt(), 0);
        const Answer history = request("GET", "/api/v1/containers/" + container, {}, auth);
        QCOMPARE(history.body.value(QStringLiteral("steps")).toArray().size(), 1);
        const Answer published = request("POST", "/api/v1/containers/" + container + "/publish",
                                         {{QStringLiteral("name"), container}, {QStringLiteral("tag"), "v1"}}, auth);
        QVERIFY2(published.status == 200, QJsonDocument(published.body).toJson().constData());
        const QString ref = published.body.value(QStringLiteral("image")).toString();
        QCOMPARE(ref, m_node.registry + "/podbay-alice/" + container + ":v1");

        const Answer registry = request("GET", QStringLiteral("/api/v1/registry"), {}, auth);
        QCOMPARE(registry.status, 200);
        QVERIFY(QJsonDocument(registry.body).toJson().contains(("podbay-alice/" + container).toUtf8()));

        const Answer job = request("POST", QStringLiteral("/api/v1/jobs"),
                                   {{QStringLiteral("image"), ref}, {QStringLiteral("command"), "cat /api.txt"},
                                    {QStringLiteral("time"), "00:05:00"}},
                                   auth);
        QVERIFY2(job.status == 200, QJsonDocument(job.body).toJson().constData());
        const qint64 jobId = job.body.value(QStringLiteral("jobId")).toInteger();
        QString text;
        for (int i = 0; i < 120 && !text.contains("api-" + suffix); ++i) {
            QTest::qWait(500);
            const Answer out = request("GET", QStringLiteral("/api/v1/jobs/%1/output?offset=0").arg(jobId), {}, auth);
            if (out.status == 200)
                text = out.body.value(QStringLiteral("text")).toString();
        }
        QVERIFY2(text.contains("api-" + suffix), qPrintable(text));

        QCOMPARE(request("DELETE", "/api/v1/containers/" + container, {}, auth).status, 200);
        QCOMPARE(request("GET", "/api/v1/containers/" + container, {}, auth).status, 404);
        const Answer untagged = request(
            "DELETE", "/api/v1/registry?repository=podbay-alice/" + container + "&tag=v1", {}, auth);
        QVERIFY2(untagged.status == 200, QJsonDocument(untagged.body).toJson().constData());
        QVERIFY(!QJsonDocument(request("GET", QStringLiteral("/api/v1/registry"), {}, auth).body)
                     .toJson()
                     .contains(("podbay-alice/" + container).toUtf8()));
        request("DELETE", QStringLiteral("/api/v1/session"), {}, auth);
    }

    // Without a password the login node's own prompts are relayed step by step (RFC 4256
    // keyboard-interactive; here PAM's "Password:", on a site also a one-time code): 202 with
    // the prompts, the answers go back to /api/v1/session/challenge. Wrong answers end in
    // 401 after the node's retries; bad answer lists and unknown logins are refused.
    // The helpdesk (helen) looks bob up through the session's privileged helper (sudo);
    // alice, without the role, is refused; a bad name never reaches the helper.
    void helpdeskLooksUpBob()
    {
        const Answer alice = login(QStringLiteral("ALICE"), m_node.password(QStringLiteral("ALICE")));
        QCOMPARE(alice.status, 200);
        QVERIFY(!alice.body.value(QStringLiteral("roles")).toArray().contains(QStringLiteral("helpdesk")));
        const Answer refused = request("GET", QStringLiteral("/api/v1/helpdesk/doctor?user=podbay-bob"), {},
                                       {{"Cookie", cookieOf(alice)}});
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.body.value(QStringLiteral("code")).toString(), QStringLiteral("E_FORBIDDEN"));

        const Answer helen = login(QStringLiteral("HELPDESK"), m_node.password(QStringLiteral("HELPDESK")));
        QCOMPARE(helen.status, 200);
        QVERIFY(helen.body.value(QStringLiteral("roles")).toArray().contains(QStringLiteral("helpdesk")));
        const QList<QPair<QByteArray, QByteArray>> auth{{"Cookie", cookieOf(helen)}};
        QCOMPARE(request("GET", QStringLiteral("/api/v1/helpdesk/doctor?user=..%2Froot"), {}, auth).status, 400);
        const Answer bob = request("GET", QStringLiteral("/api/v1/helpdesk/doctor?user=") + LoginNodeEnv::user("BOB"), {}, auth);
        QVERIFY2(bob.status == 200, QJsonDocument(bob.body).toJson().constData());
        QCOMPARE(bob.body.value(QStringLiteral("user")).toString(), LoginNodeEnv::user(QStringLiteral("BOB")));
        QCOMPARE(bob.body.value(QStringLiteral("status")).toString(), QStringLiteral("fail"));
        bool subuid = false;
        for (const auto &c : bob.body.value(QStringLiteral("checks")).toArray())
            subuid = subuid || (c.toObject().value(QStringLiteral("id")).toString() == QStringLiteral("subuid") &&
                                c.toObject().value(QStringLiteral("status")).toString() == QStringLiteral("fail"));
        QVERIFY(subuid);
        // The privileged helper stays open for the next lookup; alice's checks pass.
        const Answer again = request("GET", QStringLiteral("/api/v1/helpdesk/doctor?user=") + LoginNodeEnv::user("ALICE"), {}, auth);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.body.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        for (const Answer &in : {alice, helen})
            request("DELETE", QStringLiteral("/api/v1/session"), {},
                    {{"Cookie", cookieOf(in)}, {"X-CSRF-Token", in.body.value(QStringLiteral("csrfToken")).toString().toLatin1()}});
        QCOMPARE(m_server->sessions().count(), 0);
    }

    // The admin (adam) reads the parts' drift, plans the docker alias and applies exactly
    // that plan through the session's privileged helper; then disables it again the same
    // way. Applying without a plan, or another method than the one planned, is refused;
    // an unknown part never reaches the helper; alice, without the role, is refused.
    void adminPlansAndApplies()
    {
        const QString aliasFile = QStringLiteral("/etc/profile.d/podbay-docker.sh");
        QVERIFY2(!QFile::exists(aliasFile), "the docker alias is enabled on this machine: run "
                                            "`podbay-helper docker-alias disable` as root first");
        const Answer alice = login(QStringLiteral("ALICE"), m_node.password(QStringLiteral("ALICE")));
        QCOMPARE(alice.status, 200);
        QCOMPARE(request("GET", QStringLiteral("/api/v1/admin/status"), {}, {{"Cookie", cookieOf(alice)}}).status, 403);

        const Answer adam = login(QStringLiteral("ADMIN"), m_node.password(QStringLiteral("ADMIN")));
        QCOMPARE(adam.status, 200);
        QVERIFY(adam.body.value(QStringLiteral("roles")).toArray().contains(QStringLiteral("admin")));
        const QList<QPair<QByteArray, QByteArray>> auth{
            {"Cookie", cookieOf(adam)}, {"X-CSRF-Token", adam.body.value(QStringLiteral("csrfToken")).toString().toLatin1()}};
        const Answer status = request("GET", QStringLiteral("/api/v1/admin/status"), {}, auth);
        QVERIFY2(status.status == 200, QJsonDocument(status.body).toJson().constData());
        QVERIFY(!status.body.value(QStringLiteral("host")).toString().isEmpty());
        QStringList parts;
        for (const auto &part : status.body.value(QStringLiteral("parts")).toArray())
            parts << part.toObject().value(QStringLiteral("name")).toString();
        QVERIFY2(parts.contains(QStringLiteral("subids")) && parts.contains(QStringLiteral("storage")), qPrintable(parts.join(u' ')));
        QCOMPARE(status.body.value(QStringLiteral("dockerAlias")).toObject().value(QStringLiteral("enabled")).toBool(), false);
        QVERIFY(status.body.value(QStringLiteral("methods")).toArray().contains(QStringLiteral("admin.dockerAlias.enable")));

        // Refused before any plan, and for parts that do not exist.
        const QJsonObject enable{{QStringLiteral("method"), QStringLiteral("admin.dockerAlias.enable")}};
        const Answer early = request("POST", QStringLiteral("/api/v1/admin/apply"), enable, auth);
        QCOMPARE(early.status, 409);
        QCOMPARE(early.body.value(QStringLiteral("code")).toString(), QStringLiteral("E_NO_PLAN"));
        QCOMPARE(request("POST", QStringLiteral("/api/v1/admin/plan"), {{QStringLiteral("part"), QStringLiteral("rm -rf /")}}, auth).status, 400);
        QCOMPARE(request("GET", QStringLiteral("/api/v1/admin/plan"), {}, auth).status, 405);
        QCOMPARE(request("POST", QStringLiteral("/api/v1/admin/plan"), {{QStringLiteral("part"), QStringLiteral("docker-alias")}},
                         {{"Cookie", cookieOf(adam)}}).status, 403); // no CSRF token

        const Answer planned = request("POST", QStringLiteral("/api/v1/admin/plan"),
                                       {{QStringLiteral("part"), QStringLiteral("docker-alias")}, {QStringLiteral("enableAlias"), true}}, auth);
        QVERIFY2(planned.status == 200, QJsonDocument(planned.body).toJson().constData());
        QCOMPARE(planned.body.value(QStringLiteral("method")).toString(), QStringLiteral("admin.dockerAlias.enable"));
        const QByteArray plan = QJsonDocument(planned.body.value(QStringLiteral("plan")).toObject()).toJson();
        QVERIFY2(plan.contains("alias docker=podman"), plan.constData());
        QVERIFY(!QFile::exists(aliasFile)); // a plan writes nothing
        const Answer other = request("POST", QStringLiteral("/api/v1/admin/apply"),
                                     {{QStringLiteral("method"), QStringLiteral("admin.setup")}}, auth);
        QCOMPARE(other.status, 409);
        QVERIFY(!QFile::exists(aliasFile));

        const Answer applied = request("POST", QStringLiteral("/api/v1/admin/apply"), enable, auth);
        QVERIFY2(applied.status == 200, QJsonDocument(applied.body).toJson().constData());
        QVERIFY(applied.body.value(QStringLiteral("applied")).toObject().value(QStringLiteral("changed")).toBool());
        QVERIFY(QFile::exists(aliasFile));
        // A plan is applied once.
        QCOMPARE(request("POST", QStringLiteral("/api/v1/admin/apply"), enable, auth).status, 409);

        const Answer disable = request("POST", QStringLiteral("/api/v1/admin/plan"),
                                       {{QStringLiteral("part"), QStringLiteral("docker-alias")}, {QStringLiteral("enableAlias"), false}}, auth);
        QCOMPARE(disable.status, 200);
        QCOMPARE(request("POST", QStringLiteral("/api/v1/admin/apply"),
                         {{QStringLiteral("method"), QStringLiteral("admin.dockerAlias.disable")}}, auth).status, 200);
        QVERIFY(!QFile::exists(aliasFile));
        for (const Answer &in : {alice, adam})
            request("DELETE", QStringLiteral("/api/v1/session"), {},
                    {{"Cookie", cookieOf(in)}, {"X-CSRF-Token", in.body.value(QStringLiteral("csrfToken")).toString().toLatin1()}});
        QCOMPARE(m_server->sessions().count(), 0);
    }

    // ws://.../api/v1/events with the given cookie and Origin; null when refused.
    std::unique_ptr<QWebSocket> openEvents(const QByteArray &cookie, const QString &origin, QStringList *messages)
    {
        auto socket = std::make_unique<QWebSocket>(origin);
        connect(socket.get(), &QWebSocket::textMessageReceived, this,
                [messages](const QString &message) { *messages << message; });
        QNetworkRequest req(QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/events").arg(m_port)));
        if (!cookie.isEmpty())
            req.setRawHeader("Cookie", cookie);
        QSignalSpy closed(socket.get(), &QWebSocket::disconnected);
        socket->open(req);
        // Accepted: the "hello" message comes. Refused: the server closes the socket.
        if (!QTest::qWaitFor([&] { return !messages->isEmpty() || !closed.isEmpty(); }, 10000) || !closed.isEmpty()) {
            qDebug() << "event stream refused:" << socket->closeCode() << socket->closeReason() << socket->errorString();
            return nullptr;
        }
        return socket;
    }

    void containerfileBuildRunsAndLiveLog()
    {
        const Answer in = login(QStringLiteral("ALICE"), m_node.password(QStringLiteral("ALICE")));
        QCOMPARE(in.status, 200);
        const QList<QPair<QByteArray, QByteArray>> auth{
            {"Cookie", cookieOf(in)}, {"X-CSRF-Token", in.body.value(QStringLiteral("csrfToken")).toString().toLatin1()}};
        const QString self = QStringLiteral("http://127.0.0.1:%1").arg(m_port);

        // The event stream: refused without the session cookie and from another site.
        QStringList ignored;
        QVERIFY(!openEvents({}, self, &ignored));
        QVERIFY(!openEvents(cookieOf(in), QStringLiteral("http://evil.example"), &ignored));
        QCOMPARE(request("GET", QStringLiteral("/api/v1/events"), {}, auth).status, 426);
        QStringList events;
        std::unique_ptr<QWebSocket> socket = openEvents(cookieOf(in), self, &events);
        QVERIFY(socket);
        QVERIFY2(events.first().contains(LoginNodeEnv::user(QStringLiteral("ALICE"))), qPrintable(events.first()));

        const QString suffix = QString::number(QDateTime::currentMSecsSinceEpoch() % 1000000);
        const QString name = QStringLiteral("cf-") + suffix;
        const QString containerfile = QStringLiteral("FROM %1/library/busybox:latest\nRUN echo built-%2 > /built.txt\n")
                                          .arg(m_node.registry, suffix);
        QCOMPARE(request("POST", QStringLiteral("/api/v1/images/build"),
                         {{QStringLiteral("containerfile"), containerfile}, {QStringLiteral("name"), "../" + name}}, auth)
                     .status,
                 400);
        const Answer built = request("POST", QStringLiteral("/api/v1/images/build"),
                                     {{QStringLiteral("containerfile"), containerfile},
                                      {QStringLiteral("name"), name},
                                      {QStringLiteral("tag"), QStringLiteral("v1")}},
                                     auth);
        QVERIFY2(built.status == 200, QJsonDocument(built.body).toJson().constData());
        const QString ref = built.body.value(QStringLiteral("image")).toString();
        QCOMPARE(ref, m_node.registry + "/podbay-alice/" + name + ":v1");
        QVERIFY(built.body.value(QStringLiteral("pushed")).toBool());
        // podman build's output came over the WebSocket while it ran, and the progress.
        QTRY_VERIFY_WITH_TIMEOUT(events.join(QLatin1Char('\n')).contains(QStringLiteral("echo built-") + suffix), 10000);
        QVERIFY(events.join(QLatin1Char('\n')).contains(QStringLiteral("\"type\":\"progress\"")));

        const Answer ran = request("POST", QStringLiteral("/api/v1/runs/podman"),
                                   {{QStringLiteral("image"), ref}, {QStringLiteral("command"), QJsonArray{"cat", "/built.txt"}}},
                                   auth);
        QVERIFY2(ran.status == 200, QJsonDocument(ran.body).toJson().constData());
        QCOMPARE(ran.body.value(QStringLiteral("output")).toString(), QStringLiteral("built-%1\n").arg(suffix));
        QCOMPARE(ran.body.value(QStringLiteral("exitCode")).toInt(), 0);

        const Answer pull = request("POST", QStringLiteral("/api/v1/runs/apptainer"),
                                    {{QStringLiteral("image"), ref}, {QStringLiteral("directory"), QStringLiteral("/tmp")},
                                     {QStringLiteral("dryRun"), true}},
                                    auth);
        QVERIFY2(pull.status == 200, QJsonDocument(pull.body).toJson().constData());
        QCOMPARE(pull.body.value(QStringLiteral("sif")).toString(), QStringLiteral("/tmp/%1_v1.sif").arg(name));
        QCOMPARE(pull.body.value(QStringLiteral("argv")).toArray().first().toString(), QStringLiteral("apptainer"));

        const Answer script = request("POST", QStringLiteral("/api/v1/jobs/script"),
                                      {{QStringLiteral("image"), ref}, {QStringLiteral("command"), "cat /built.txt"},
                                       {QStringLiteral("cpus"), 2}},
                                      auth);
        QVERIFY2(script.status == 200, QJsonDocument(script.body).toJson().constData());
        QVERIFY(script.body.value(QStringLiteral("script")).toString().contains(QStringLiteral("#SBATCH --cpus-per-task=2")));

        QCOMPARE(request("DELETE", "/api/v1/registry?repository=podbay-alice/" + name + "&tag=v1", {}, auth).status, 200);
        // Logging out closes the event stream.
        QSignalSpy closed(socket.get(), &QWebSocket::disconnected);
        QCOMPARE(request("DELETE", QStringLiteral("/api/v1/session"), {}, auth).status, 204);
        QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 10000);
    }

    // A long step is cancelled from the page: its call id comes over the event stream,
    // DELETE /api/v1/calls/ID cancels it, and the step's own request answers 409.
    void runningCallIsCancelled()
    {
        const Answer in = login(QStringLiteral("ALICE"), m_node.password(QStringLiteral("ALICE")));
        QCOMPARE(in.status, 200);
        const QList<QPair<QByteArray, QByteArray>> auth{
            {"Cookie", cookieOf(in)}, {"X-CSRF-Token", in.body.value(QStringLiteral("csrfToken")).toString().toLatin1()}};
        // A page reloaded many times: each closed stream frees its place (4 per session).
        for (int i = 0; i < LiveSockets::kMaxPerSession + 2; ++i) {
            QStringList hello;
            std::unique_ptr<QWebSocket> reloaded =
                openEvents(cookieOf(in), QStringLiteral("http://127.0.0.1:%1").arg(m_port), &hello);
            QVERIFY2(reloaded, qPrintable(QStringLiteral("stream %1 refused").arg(i + 1)));
            QSignalSpy gone(reloaded.get(), &QWebSocket::disconnected);
            reloaded->close();
            QVERIFY(gone.wait(5000) || !gone.isEmpty());
            QTRY_VERIFY(m_server->liveSocketCount() <= 1);
        }
        QStringList events;
        std::unique_ptr<QWebSocket> socket =
            openEvents(cookieOf(in), QStringLiteral("http://127.0.0.1:%1").arg(m_port), &events);
        QVERIFY(socket);
        const QString container = QStringLiteral("cancel-") + QString::number(QDateTime::currentMSecsSinceEpoch() % 1000000);
        QCOMPARE(request("POST", QStringLiteral("/api/v1/containers"),
                         {{QStringLiteral("image"), "library/busybox:latest"}, {QStringLiteral("name"), container}}, auth)
                     .status,
                 200);
        QCOMPARE(request("DELETE", QStringLiteral("/api/v1/calls/999999"), {}, auth).status, 404);
        QCOMPARE(request("DELETE", QStringLiteral("/api/v1/calls/1"), {}, {{"Cookie", cookieOf(in)}}).status, 403); // CSRF

        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/containers/%2/steps").arg(m_port).arg(container)));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        for (const auto &[name, value] : auth)
            req.setRawHeader(name, value);
        std::unique_ptr<QNetworkReply> step(
            m_nam.post(req, QJsonDocument(QJsonObject{{QStringLiteral("command"), "echo started-long; sleep 60"}}).toJson()));
        qint64 call = 0;
        QVERIFY(QTest::qWaitFor([&] {
            for (const QString &e : std::as_const(events)) {
                const QJsonObject message = QJsonDocument::fromJson(e.toUtf8()).object();
                if (message.value(QStringLiteral("text")).toString().contains(QStringLiteral("started-long")))
                    call = message.value(QStringLiteral("call")).toInteger();
            }
            return call > 0;
        }, 60000));
        QCOMPARE(request("DELETE", QStringLiteral("/api/v1/calls/%1").arg(call), {}, auth).status, 204);
        QVERIFY(QTest::qWaitFor([&] { return step->isFinished(); }, 30000)); // not the 60 s of the sleep
        QCOMPARE(step->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 409);
        QCOMPARE(QJsonDocument::fromJson(step->readAll()).object().value(QStringLiteral("code")).toString(),
                 QStringLiteral("E_CANCELLED"));

        // A call still running at logout answers 401: the session ended, not a network fault.
        events.clear();
        std::unique_ptr<QNetworkReply> orphan(
            m_nam.post(req, QJsonDocument(QJsonObject{{QStringLiteral("command"), "echo started-orphan; sleep 60"}}).toJson()));
        QVERIFY(QTest::qWaitFor([&] {
            for (const QString &e : std::as_const(events))
                if (e.contains(QStringLiteral("started-orphan")))
                    return true;
            return false;
        }, 60000));
        QCOMPARE(request("DELETE", QStringLiteral("/api/v1/session"), {}, auth).status, 204);
        QVERIFY(QTest::qWaitFor([&] { return orphan->isFinished(); }, 30000));
        QCOMPARE(orphan->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
        QCOMPARE(QJsonDocument::fromJson(orphan->readAll()).object().value(QStringLiteral("code")).toString(),
                 QStringLiteral("E_NO_SESSION"));

        // The container stays (logging out stops no work that was saved); removed here.
        const Answer again = login(QStringLiteral("ALICE"), m_node.password(QStringLiteral("ALICE")));
        QCOMPARE(again.status, 200);
        const QList<QPair<QByteArray, QByteArray>> auth2{
            {"Cookie", cookieOf(again)}, {"X-CSRF-Token", again.body.value(QStringLiteral("csrfToken")).toString().toLatin1()}};
        QCOMPARE(request("DELETE", "/api/v1/containers/" + container, {}, auth2).status, 200);
        QCOMPARE(request("DELETE", QStringLiteral("/api/v1/session"), {}, auth2).status, 204);
    }

    // A shell in a working container over /api/v1/terminal: bytes both ways on a PTY, a
    // resize, the exit message; refused for a bad name, and for a container of someone else
    // (the helper's check).
    void terminalRunsAShellInTheContainer()
    {
        const Answer in = login(QStringLiteral("ALICE"), m_node.password(QStringLiteral("ALICE")));
        QCOMPARE(in.status, 200);
        const QList<QPair<QByteArray, QByteArray>> auth{
            {"Cookie", cookieOf(in)}, {"X-CSRF-Token", in.body.value(QStringLiteral("csrfToken")).toString().toLatin1()}};
        const QString container = QStringLiteral("term-") + QString::number(QDateTime::currentMSecsSinceEpoch() % 1000000);
        QCOMPARE(request("POST", QStringLiteral("/api/v1/containers"),
                         {{QStringLiteral("image"), "library/busybox:latest"}, {QStringLiteral("name"), container}}, auth)
                     .status,
                 200);
        QCOMPARE(request("GET", QStringLiteral("/api/v1/terminal"), {}, auth).status, 426);

        const auto openTerminal = [&](const QString &name, QByteArray *screen, QStringList *texts) {
            auto socket = std::make_unique<QWebSocket>(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
            connect(socket.get(), &QWebSocket::binaryMessageReceived, this, [screen](const QByteArray &d) { *screen += d; });
            connect(socket.get(), &QWebSocket::textMessageReceived, this, [texts](const QString &t) { *texts << t; });
            QNetworkRequest req(QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/terminal?container=%2&cols=90&rows=30")
                                         .arg(m_port)
                                         .arg(name)));
            req.setRawHeader("Cookie", cookieOf(in));
            socket->open(req);
            return socket;
        };
        QByteArray screen;
        QStringList texts;
        auto bad = openTerminal(QStringLiteral("..%2Fetc"), &screen, &texts);
        QSignalSpy badClosed(bad.get(), &QWebSocket::disconnected);
        QVERIFY(badClosed.wait(10000));
        QCOMPARE(bad->closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);

        auto socket = openTerminal(container, &screen, &texts);
        QSignalSpy closed(socket.get(), &QWebSocket::disconnected);
        QVERIFY(QTest::qWaitFor([&] { return screen.contains("# "); }, 30000)); // the shell's prompt
        socket->sendBinaryMessage("stty size; echo term-$((6*7))\r");
        QVERIFY2(QTest::qWaitFor([&] { return screen.contains("term-42"); }, 10000), screen.constData());
        QVERIFY2(screen.contains("30 90"), screen.constData()); // the size asked for
        socket->sendTextMessage(QStringLiteral("{\"type\":\"resize\",\"cols\":120,\"rows\":40}"));
        QTest::qWait(200);
        socket->sendBinaryMessage("stty size; touch /from-web-terminal; exit\r");
        QVERIFY(closed.wait(20000) || !closed.isEmpty());
        QVERIFY2(screen.contains("40 120"), screen.constData());
        QVERIFY2(texts.join(QString()).contains(QStringLiteral("\"type\":\"exit\"")), qPrintable(texts.join(QString())));
        // What the shell did is in the container.
        const Answer check = request("POST", "/api/v1/containers/" + container + "/steps",
                                     {{QStringLiteral("command"), "ls /from-web-terminal"}}, auth);
        QCOMPARE(check.body.value(QStringLiteral("exitCode")).toInt(), 0);

        QCOMPARE(request("DELETE", "/api/v1/containers/" + container, {}, auth).status, 200);
        QCOMPARE(request("DELETE", QStringLiteral("/api/v1/session"), {}, auth).status, 204);
    }

    void keyboardInteractiveIsRelayed()
    {
        const QString alice = LoginNodeEnv::user(QStringLiteral("ALICE"));
        const auto start = [&] {
            return request("POST", QStringLiteral("/api/v1/session"), {{QStringLiteral("user"), alice}});
        };
        const auto answer = [&](const QJsonValue &login, const QJsonArray &answers) {
            return request("POST", QStringLiteral("/api/v1/session/challenge"),
                           {{QStringLiteral("login"), login}, {QStringLiteral("answers"), answers}});
        };

        Answer step = start();
        QVERIFY2(step.status == 202, QJsonDocument(step.body).toJson().constData());
        QVERIFY(step.setCookie.isEmpty());
        const QString loginId = step.body.value(QStringLiteral("login")).toString();
        QCOMPARE(loginId.size(), 32);
        QCOMPARE(step.body.value(QStringLiteral("user")).toString(), alice);
        const QJsonArray prompts = step.body.value(QStringLiteral("prompts")).toArray();
        QCOMPARE(prompts.size(), 1);
        QVERIFY2(prompts[0].toObject().value(QStringLiteral("text")).toString().contains(QStringLiteral("assword")),
                 QJsonDocument(step.body).toJson().constData());
        QCOMPARE(prompts[0].toObject().value(QStringLiteral("echo")).toBool(), false);

        QCOMPARE(answer(loginId, QJsonArray{"a", "b"}).status, 400);     // two answers for one prompt
        QCOMPARE(answer(loginId, QJsonArray{1}).status, 400);            // not a string
        QCOMPARE(answer(QStringLiteral("x").repeated(32), QJsonArray{"a"}).status, 404); // no such login
        step = answer(loginId, QJsonArray{m_node.password(QStringLiteral("ALICE"))});
        QVERIFY2(step.status == 200, QJsonDocument(step.body).toJson().constData());
        QCOMPARE(step.body.value(QStringLiteral("user")).toString(), alice);
        QVERIFY(step.setCookie.contains("; HttpOnly"));
        const QByteArray cookie = cookieOf(step);
        const QByteArray csrf = step.body.value(QStringLiteral("csrfToken")).toString().toLatin1();
        QCOMPARE(request("GET", QStringLiteral("/api/v1/session"), {}, {{"Cookie", cookie}}).status, 200);
        // The login is over: its id answers nothing any more.
        QCOMPARE(answer(loginId, QJsonArray{"again"}).status, 404);
        QCOMPARE(request("DELETE", QStringLiteral("/api/v1/session"), {}, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}})
                     .status,
                 204);

        // Wrong answers: the node asks again a few times, then the login fails.
        step = start();
        QCOMPARE(step.status, 202);
        int rounds = 0;
        while (step.status == 202 && rounds < 8) {
            step = answer(step.body.value(QStringLiteral("login")), QJsonArray{QStringLiteral("wrong-%1").arg(rounds)});
            ++rounds;
        }
        QCOMPARE(step.status, 401);
        QCOMPARE(step.body.value(QStringLiteral("code")).toString(), QStringLiteral("E_AUTH"));
        QCOMPARE(m_server->sessions().count(), 0);
        // A success clears the failures, so the ban test below starts from none.
        const Answer in = login(QStringLiteral("ALICE"), m_node.password(QStringLiteral("ALICE")));
        QCOMPARE(in.status, 200);
        request("DELETE", QStringLiteral("/api/v1/session"), {},
                {{"Cookie", cookieOf(in)}, {"X-CSRF-Token", in.body.value(QStringLiteral("csrfToken")).toString().toLatin1()}});
    }

    // Last: it bans this client for a while.
    void repeatedFailuresBanTheClient()
    {
        LoginGuard &guard = m_server->loginGuard();
        guard.maxFailures = 3;
        guard.ban = std::chrono::seconds(3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(login(QStringLiteral("ALICE"), QStringLiteral("guess-%1").arg(i)).status, 401);
        // Banned: even the right password is not tried.
        const Answer banned = login(QStringLiteral("ALICE"), m_node.password(QStringLiteral("ALICE")));
        QCOMPARE(banned.status, 429);
        QCOMPARE(banned.body.value(QStringLiteral("code")).toString(), QStringLiteral("E_BANNED"));
        QTest::qWait(3200);
        const Answer again = login(QStringLiteral("ALICE"), m_node.password(QStringLiteral("ALICE")));
        QCOMPARE(again.status, 200);
    }
};

QTEST_GUILESS_MAIN(TestPortalSession)
#include "tst_portalsession.moc"
