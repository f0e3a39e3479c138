// The desktop app's connection form, driven like a user would (offscreen), against
// the local login node.
#include "LoginNodeEnv.h"

#include <ConnectPage.h>
#include <MainWindow.h>
#include <Translations.h>

#include <QAction>
#include <QIcon>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QComboBox>
#include <QDir>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QMessageBox>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QStatusBar>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>

#include <algorithm>

using namespace podbay;
using podbay::test::LoginNodeEnv;

namespace {
// The test sends each request's cookie itself; a jar would add the last session's.
class NoCookies : public QNetworkCookieJar
{
public:
    bool setCookiesFromUrl(const QList<QNetworkCookie> &, const QUrl &) override { return false; }
};
} // namespace

class TestConnectPage : public QObject
{
    Q_OBJECT

    LoginNodeEnv m_node;

    static void fill(gui::MainWindow &window, const core::ConnectionProfile &p)
    {
        auto *page = window.connectPage();
        page->findChild<QLineEdit *>(QStringLiteral("host"))->setText(p.host);
        page->findChild<QSpinBox *>(QStringLiteral("port"))->setValue(p.port);
        page->findChild<QLineEdit *>(QStringLiteral("user"))->setText(p.user);
        page->findChild<QLineEdit *>(QStringLiteral("identityFile"))->setText(p.identityFile);
        page->findChild<QLineEdit *>(QStringLiteral("knownHosts"))->setText(p.knownHostsFile);
        page->findChild<QLineEdit *>(QStringLiteral("helper"))->setText(p.helperCommand);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // QSettings under a test location, not the user's real configuration.
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        m_node = LoginNodeEnv::fromEnvironment();
        if (!m_node.valid())
            QFAIL(LoginNodeEnv::missingMessage());
    }

    void showsConnectionForm()
    {
        gui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (const char *name : {"host", "user", "identityFile", "password", "knownHosts", "helper"})
            QVERIFY2(window.findChild<QLineEdit *>(QLatin1StringView(name)), name);
        QCOMPARE(window.findChild<QLineEdit *>(QStringLiteral("password"))->echoMode(), QLineEdit::Password);
        QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Not connected"));
    }

    // View > Language overrides the system locale (QSettings, applied at the next start);
    // "As the system" clears it.
    void languageSettingOverridesTheLocale()
    {
        gui::setLanguageSetting({});
        QCOMPARE(gui::preferredLocale(), QLocale());
        gui::MainWindow window;
        auto *german = window.findChild<QAction *>(QStringLiteral("language_de"));
        auto *system = window.findChild<QAction *>(QStringLiteral("language_system"));
        QVERIFY(german && system);
        QVERIFY(system->isChecked());
        german->trigger();
        QCOMPARE(gui::languageSetting(), QStringLiteral("de"));
        QCOMPARE(gui::preferredLocale().language(), QLocale::German);
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("starts again")));
        {
            gui::MainWindow next; // the next start shows the choice
            QVERIFY(next.findChild<QAction *>(QStringLiteral("language_de"))->isChecked());
        }
        system->trigger();
        QVERIFY(gui::languageSetting().isEmpty());
    }

    // The German translation is compiled in and used for a German locale (de_AT falls back
    // to de); English needs no translator.
    void germanTranslation()
    {
        QVERIFY(!gui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English)));
        QVERIFY(gui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::German, QLocale::Austria)));
        {
            gui::MainWindow window;
            const auto buttons = window.connectPage()->findChildren<QPushButton *>();
            QVERIFY(std::any_of(buttons.begin(), buttons.end(),
                                [](QPushButton *b) { return b->text() == QStringLiteral("&Verbinden"); }));
        }
        // Back to English for the other tests.
        for (auto *translator : QCoreApplication::instance()->findChildren<QTranslator *>())
            QCoreApplication::removeTranslator(translator);
        gui::MainWindow window;
        const auto buttons = window.connectPage()->findChildren<QPushButton *>();
        QVERIFY(std::any_of(buttons.begin(), buttons.end(),
                            [](QPushButton *b) { return b->text() == QStringLiteral("&Connect"); }));
    }

    // The app icon is compiled in and renders (SVG icon engine).
    void appIconIsEmbedded()
    {
        const QIcon icon(QStringLiteral(":/icons/org.podbay.Podbay.svg"));
        QVERIFY(!icon.isNull());
        const QImage image = icon.pixmap(64, 64).toImage();
        QCOMPARE(image.width(), 64);
        QCOMPARE(image.pixelColor(32, 4), QColor(0x1f, 0x4e, 0x79)); // the bay's blue
    }

    // The profile that connected is remembered (QSettings), never its password; a new
    // window without the login node in the environment starts from it.
    void lastProfileIsRemembered()
    {
        gui::MainWindow window;
        auto profile = m_node.profile(QStringLiteral("BOB"));
        profile.identityFile.clear();
        profile.password = m_node.password(QStringLiteral("BOB"));
        window.connectPage()->setProfile(profile);
        window.findChild<QLineEdit *>(QStringLiteral("password"))->setText(profile.password);
        window.findChild<QPushButton *>(QStringLiteral("connectButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(window.connection()->state(), core::Connection::State::Connected, 20000);

        QSettings settings;
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        QVERIFY(stored.contains(LoginNodeEnv::user(QStringLiteral("BOB")).toUtf8()));
        QVERIFY(!stored.contains(profile.password.toUtf8()));

        const QByteArray host = qgetenv("PODBAY_SSH_HOST"), user = qgetenv("PODBAY_SSH_USER");
        qunsetenv("PODBAY_SSH_HOST");
        qunsetenv("PODBAY_SSH_USER");
        gui::MainWindow next;
        qputenv("PODBAY_SSH_HOST", host);
        if (!user.isNull())
            qputenv("PODBAY_SSH_USER", user);
        QCOMPARE(next.connectPage()->profile().user, LoginNodeEnv::user(QStringLiteral("BOB")));
        QCOMPARE(next.connectPage()->profile().host, profile.host);
        QCOMPARE(next.connectPage()->profile().port, profile.port);
        QVERIFY(next.connectPage()->profile().password.isEmpty());
    }

    void emptyFormAsksForHost()
    {
        gui::MainWindow window;
        fill(window, {});
        window.findChild<QPushButton *>(QStringLiteral("connectButton"))->click();
        QVERIFY(window.connectPage()->statusText().contains(QStringLiteral("Enter the login node")));
        QCOMPARE(window.connection()->state(), core::Connection::State::Disconnected);
    }

    void connectsByClicking()
    {
        gui::MainWindow window;
        window.show();
        const auto profile = m_node.profile(QStringLiteral("ALICE"));
        fill(window, profile);
        auto *button = window.findChild<QPushButton *>(QStringLiteral("connectButton"));
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(window.connection()->state(), core::Connection::State::Connected, 20000);
        QVERIFY(button->isEnabled());
        QVERIFY2(window.connectPage()->statusText().contains(QStringLiteral("podbay-helper")),
                 qPrintable(window.connectPage()->statusText()));
        QVERIFY(window.windowTitle().contains(profile.user));
        QVERIFY(window.statusBar()->currentMessage().startsWith(QStringLiteral("Connected")));
    }

    // File > Open in browser: the portal starts on 127.0.0.1 for this connection and the
    // browser gets a one-time link; the link gives a session cookie once, the session runs on
    // the app's own connection, logging out there leaves the app connected, and the embedded
    // portal takes no password logins.
    void openInBrowser()
    {
        gui::MainWindow window;
        QList<QUrl> opened;
        window.setUrlOpener([&opened](const QUrl &url) {
            opened.append(url);
            return true;
        });
        QVERIFY(!window.openInBrowserAction()->isEnabled());
        fill(window, m_node.profile(QStringLiteral("ALICE")));
        window.findChild<QPushButton *>(QStringLiteral("connectButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(window.connection()->state(), core::Connection::State::Connected, 20000);
        QVERIFY(window.openInBrowserAction()->isEnabled());
        window.openInBrowserAction()->trigger();
        QCOMPARE(opened.size(), 1);
        const QUrl link = opened.first();
        QCOMPARE(link.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(link.path(), QStringLiteral("/login"));
        QVERIFY(link.query().startsWith(QStringLiteral("token=")));

        QNetworkAccessManager nam;
        nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        nam.setCookieJar(new NoCookies);
        const auto fetch = [&nam](const QByteArray &verb, const QUrl &url, const QByteArray &cookie = {},
                                  const QByteArray &body = {}) {
            QNetworkRequest request(url);
            if (!cookie.isEmpty())
                request.setRawHeader("Cookie", cookie);
            request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
            std::unique_ptr<QNetworkReply> reply(nam.sendCustomRequest(request, verb, body));
            if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 20000))
                return std::make_pair(-1, std::make_pair(QByteArray(), QByteArray("timed out")));
            return std::make_pair(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                                  std::make_pair(reply->rawHeader("Set-Cookie"), reply->readAll()));
        };
        const auto first = fetch("GET", link);
        QCOMPARE(first.first, 303);
        QByteArray cookie = first.second.first;
        QVERIFY2(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie.constData());
        cookie = cookie.left(cookie.indexOf(';'));
        QUrl api = link;
        api.setPath(QStringLiteral("/api/v1/session"));
        api.setQuery(QString());
        const auto session = fetch("GET", api, cookie);
        QCOMPARE(session.first, 200);
        const QJsonObject who = QJsonDocument::fromJson(session.second.second).object();
        QCOMPARE(who.value(QStringLiteral("user")).toString(), LoginNodeEnv::user(QStringLiteral("ALICE")));
        QCOMPARE(fetch("GET", link).first, 403); // used once
        const auto password = fetch("POST", api, {}, R"({"user":"podbay-alice","password":"x"})");
        QCOMPARE(password.first, 403);
        QVERIFY(password.second.second.contains("E_EMBEDDED"));

        // A second link for a second browser tab works too; logging out there ends only
        // that session, not the app's connection.
        window.openInBrowserAction()->trigger();
        QCOMPARE(opened.size(), 2);
        QCOMPARE(opened[1].port(), link.port()); // the same embedded portal
        QCOMPARE(fetch("GET", opened[1]).first, 303);
        QNetworkRequest logout(api);
        logout.setRawHeader("Cookie", cookie);
        logout.setRawHeader("X-CSRF-Token", who.value(QStringLiteral("csrfToken")).toString().toLatin1());
        std::unique_ptr<QNetworkReply> out(nam.sendCustomRequest(logout, "DELETE"));
        QTRY_VERIFY_WITH_TIMEOUT(out->isFinished(), 20000);
        QVERIFY2(out->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 204, out->readAll().constData());
        QCOMPARE(window.connection()->state(), core::Connection::State::Connected);
        QCOMPARE(fetch("GET", api, cookie).first, 401);
    }

    // Host entries of ~/.ssh/config are offered (no wildcard patterns); picking one fills
    // the form as `ssh ALIAS` would connect, and it connects. A host behind a ProxyJump
    // connects through its jump host (itself a Host of the same file).
    void sshConfigHosts()
    {
        QTemporaryDir home;
        QVERIFY(QDir(home.path()).mkpath(QStringLiteral(".ssh")));
        QFile config(home.filePath(QStringLiteral(".ssh/config")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        const auto alice = m_node.profile(QStringLiteral("ALICE"));
        config.write(QStringLiteral("Host cluster\n  HostName %1\n  Port %2\n  User %3\n  IdentityFile %4\n"
                                    "Host *.wild\n  User nobody\n"
                                    "Host viajump\n  HostName %1\n  Port %2\n  User %3\n  IdentityFile %4\n"
                                    "  ProxyJump cluster\n")
                         .arg(alice.host)
                         .arg(alice.port)
                         .arg(alice.user, alice.identityFile)
                         .toUtf8());
        config.close();
        const QByteArray realHome = qgetenv("HOME");
        qputenv("HOME", home.path().toUtf8());
        gui::MainWindow window;
        qputenv("HOME", realHome);

        auto *hosts = window.findChild<QComboBox *>(QStringLiteral("sshHosts"));
        QVERIFY(hosts);
        QCOMPARE(hosts->count(), 3); // "(type it in below)", cluster, viajump
        QCOMPARE(hosts->itemText(1), QStringLiteral("cluster"));
        QCOMPARE(hosts->itemText(2), QStringLiteral("viajump"));

        fill(window, {});
        window.findChild<QLineEdit *>(QStringLiteral("knownHosts"))->setText(alice.knownHostsFile);
        window.findChild<QLineEdit *>(QStringLiteral("helper"))->setText(alice.helperCommand);
        qputenv("HOME", home.path().toUtf8());
        hosts->setCurrentIndex(1);
        Q_EMIT hosts->activated(1);
        qputenv("HOME", realHome);
        const auto filled = window.connectPage()->profile();
        QCOMPARE(filled.host, alice.host);
        QCOMPARE(filled.port, alice.port);
        QCOMPARE(filled.user, alice.user);
        QCOMPARE(filled.identityFile, alice.identityFile);
        QCOMPARE(filled.knownHostsFile, alice.knownHostsFile); // kept, ssh_config does not set it
        window.findChild<QPushButton *>(QStringLiteral("connectButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(window.connection()->state(), core::Connection::State::Connected, 20000);
        window.connection()->close();

        // The jump host is resolved from ~/.ssh/config when connecting, as ssh(1) does.
        qputenv("HOME", home.path().toUtf8());
        hosts->setCurrentIndex(2);
        Q_EMIT hosts->activated(2);
        QCOMPARE(window.connectPage()->profile().jumpHost, QStringLiteral("cluster"));
        QVERIFY(window.connectPage()->statusText().contains(QStringLiteral("through the jump host cluster")));
        window.findChild<QPushButton *>(QStringLiteral("connectButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(window.connection()->state(), core::Connection::State::Connected, 20000);
        qputenv("HOME", realHome);
        QCOMPARE(window.connection()->ssh()->profile().jumpHost, QStringLiteral("cluster"));
        window.connection()->close();

        // Typing a host by hand leaves the ~/.ssh/config entry (and its jump host).
        QTest::keyClicks(window.findChild<QLineEdit *>(QStringLiteral("host")), QStringLiteral("x"));
        QVERIFY(window.connectPage()->profile().jumpHost.isEmpty());
        QCOMPARE(hosts->currentIndex(), 0);
    }

    // An unknown host key is asked about with its fingerprint, "No" is the default, and
    // declining refuses the connection and writes nothing.
    void unknownHostKeyDeclined()
    {
        gui::MainWindow window;
        auto profile = m_node.profile(QStringLiteral("ALICE"));
        QTemporaryDir dir;
        profile.knownHostsFile = dir.filePath(QStringLiteral("known_hosts"));
        fill(window, profile);
        window.findChild<QPushButton *>(QStringLiteral("connectButton"))->click();
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((box = window.findChild<QMessageBox *>(QStringLiteral("hostKeyDialog"))), 20000);
        QTRY_VERIFY(box->isVisible());
        QVERIFY(box->text().contains(QStringLiteral("[%1]:%2").arg(profile.host).arg(profile.port)));
        QVERIFY2(box->informativeText().contains(QStringLiteral("SHA256:")), qPrintable(box->informativeText()));
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::No));
        box->button(QMessageBox::No)->click();
        QTRY_VERIFY_WITH_TIMEOUT(window.connectPage()->statusText().contains(QStringLiteral("not known")), 20000);
        QVERIFY(window.connectPage()->statusText().contains(QStringLiteral("SHA256:")));
        QCOMPARE(window.connection()->state(), core::Connection::State::Disconnected);
        QVERIFY(!QFile::exists(profile.knownHostsFile));
    }

    // Trusting the key records it; the next connection needs no question.
    void unknownHostKeyTrusted()
    {
        QTemporaryDir dir;
        auto profile = m_node.profile(QStringLiteral("ALICE"));
        profile.knownHostsFile = dir.filePath(QStringLiteral("known_hosts"));
        {
            gui::MainWindow window;
            fill(window, profile);
            window.findChild<QPushButton *>(QStringLiteral("connectButton"))->click();
            QMessageBox *box = nullptr;
            QTRY_VERIFY_WITH_TIMEOUT((box = window.findChild<QMessageBox *>(QStringLiteral("hostKeyDialog"))), 20000);
            box->button(QMessageBox::Yes)->click();
            QTRY_COMPARE_WITH_TIMEOUT(window.connection()->state(), core::Connection::State::Connected, 20000);
        }
        QFile file(profile.knownHostsFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().startsWith(QStringLiteral("[%1]:%2 ").arg(profile.host).arg(profile.port).toUtf8()));

        gui::MainWindow again;
        fill(again, profile);
        again.findChild<QPushButton *>(QStringLiteral("connectButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(again.connection()->state(), core::Connection::State::Connected, 20000);
        QVERIFY(!again.findChild<QMessageBox *>(QStringLiteral("hostKeyDialog")));
    }

    // No key and no password: the login node's keyboard-interactive prompt (PAM's
    // "Password:") comes up as a dialog with a hidden field. Cancelling it goes on to the
    // next method the server offers (password: its own dialog); cancelling that too stops
    // with an authentication error.
    void keyboardInteractiveDialog()
    {
        gui::MainWindow window;
        auto profile = m_node.profile(QStringLiteral("BOB"));
        profile.identityFile.clear();
        fill(window, profile);
        window.findChild<QPushButton *>(QStringLiteral("connectButton"))->click();
        QDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = window.findChild<QDialog *>(QStringLiteral("challengeDialog"))), 20000);
        auto *answer = dialog->findChild<QLineEdit *>(QStringLiteral("answer0"));
        QVERIFY(answer);
        QCOMPARE(answer->echoMode(), QLineEdit::Password);
        answer->setText(m_node.password(QStringLiteral("BOB")));
        dialog->accept();
        QTRY_COMPARE_WITH_TIMEOUT(window.connection()->state(), core::Connection::State::Connected, 20000);

        gui::MainWindow other;
        fill(other, profile);
        other.findChild<QPushButton *>(QStringLiteral("connectButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT((dialog = other.findChild<QDialog *>(QStringLiteral("challengeDialog"))), 20000);
        dialog->reject();
        QInputDialog *secret = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((secret = other.findChild<QInputDialog *>(QStringLiteral("secretDialog"))), 20000);
        QCOMPARE(secret->textEchoMode(), QLineEdit::Password);
        secret->reject();
        QTRY_VERIFY_WITH_TIMEOUT(!other.connectPage()->statusText().startsWith(QStringLiteral("Connecting")), 20000);
        QCOMPARE(other.connection()->state(), core::Connection::State::Disconnected);
        QVERIFY2(other.connectPage()->statusText().contains(QStringLiteral("did not accept the credentials")),
                 qPrintable(other.connectPage()->statusText()));
    }
};

QTEST_MAIN(TestConnectPage)
#include "tst_connectpage.moc"
