// The desktop app's connection form, driven like a user would (offscreen), against
// the local login node.
#include "LoginNodeEnv.h"

#include <ConnectPage.h>
#include <MainWindow.h>
#include <Translations.h>

#include <QIcon>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>

#include <algorithm>

using namespace podbay;
using podbay::test::LoginNodeEnv;

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

    void showsHostKeyRefusal()
    {
        gui::MainWindow window;
        auto profile = m_node.profile(QStringLiteral("ALICE"));
        profile.knownHostsFile = QStringLiteral("/nonexistent/known_hosts");
        fill(window, profile);
        window.findChild<QPushButton *>(QStringLiteral("connectButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(window.connectPage()->statusText().contains(QStringLiteral("not known")), 20000);
        QVERIFY(window.connectPage()->statusText().contains(QStringLiteral("SHA256:")));
        QCOMPARE(window.connection()->state(), core::Connection::State::Disconnected);
    }
};

QTEST_MAIN(TestConnectPage)
#include "tst_connectpage.moc"
