// The desktop app's Build and Doctor pages driven like a user would (offscreen) against
// the local login node: connect, start a working container, two steps (one failing),
// commit and push, the run lines shown; the doctor's traffic lights. With
// PODBAY_SCREENSHOTS=DIR set, each page is also saved as a PNG there (scripts/screenshots).
#include "LoginNodeEnv.h"

#include <BuildPage.h>
#include <ConnectPage.h>
#include <DoctorPage.h>
#include <MainWindow.h>

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidget>

using namespace podbay;
using podbay::test::LoginNodeEnv;

class TestBuildPage : public QObject
{
    Q_OBJECT

    LoginNodeEnv m_node;
    QString m_suffix;

    static void screenshot(QWidget &window, const QString &name)
    {
        const QString dir = qEnvironmentVariable("PODBAY_SCREENSHOTS");
        if (dir.isEmpty())
            return;
        QCoreApplication::processEvents();
        QVERIFY(window.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
    }

    template<typename T>
    static T *child(QWidget &window, const char *name)
    {
        T *widget = window.findChild<T *>(QLatin1String(name));
        if (!widget)
            qFatal("no widget named %s", name);
        return widget;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_node = LoginNodeEnv::fromEnvironment();
        if (!m_node.valid())
            QFAIL(LoginNodeEnv::missingMessage());
        m_suffix = QString::number(QRandomGenerator::global()->bounded(100000, 999999));
    }

    void buildTwoStepsAndPush()
    {
        gui::MainWindow window;
        window.show();
        window.connectPage()->setProfile(m_node.profile(QStringLiteral("ALICE")));
        screenshot(window, QStringLiteral("connect"));
        QTest::mouseClick(child<QPushButton>(window, "connectButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(window.connection()->state(), core::Connection::State::Connected, 20000);
        auto *workspace = child<QTabWidget>(window, "workspace");
        QTRY_VERIFY(workspace->isVisible());
        QCOMPARE(workspace->currentWidget(), window.buildPage());

        // Before a container exists, steps and push are off.
        QVERIFY(!child<QPushButton>(window, "runStepButton")->isEnabled());
        QVERIFY(!child<QPushButton>(window, "publishButton")->isEnabled());
        const QString container = QStringLiteral("gui-") + m_suffix;
        child<QLineEdit>(window, "containerName")->setText(container);
        QTest::mouseClick(child<QPushButton>(window, "startButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>(window, "runStepButton")->isEnabled(), 120000);
        QCOMPARE(window.buildPage()->flow()->container(), container);

        auto *steps = child<QTreeWidget>(window, "steps");
        QTest::keyClicks(child<QLineEdit>(window, "stepCommand"), "echo gui-" + m_suffix + " > /gui.txt; echo done");
        QTest::keyClick(child<QLineEdit>(window, "stepCommand"), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(steps->topLevelItemCount(), 1, 60000);
        QCOMPARE(steps->topLevelItem(0)->text(2), QStringLiteral("0"));
        QVERIFY(child<QPlainTextEdit>(window, "output")->toPlainText().contains(QStringLiteral("done")));
        QVERIFY(child<QLineEdit>(window, "stepCommand")->text().isEmpty());

        child<QLineEdit>(window, "stepCommand")->setText(QStringLiteral("echo about to fail; exit 4"));
        QTest::mouseClick(child<QPushButton>(window, "runStepButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(steps->topLevelItemCount(), 2, 60000);
        QCOMPARE(steps->topLevelItem(1)->text(2), QStringLiteral("4"));
        QTRY_VERIFY(window.buildPage()->statusText().contains(QStringLiteral("exit code 4")));
        screenshot(window, QStringLiteral("build-steps"));

        const QString name = QStringLiteral("gui-") + m_suffix;
        child<QLineEdit>(window, "imageName")->setText(name);
        child<QLineEdit>(window, "imageTag")->setText(QStringLiteral("v1"));
        QTest::mouseClick(child<QPushButton>(window, "publishButton"), Qt::LeftButton);
        const QString ref = m_node.registry + QStringLiteral("/podbay-alice/") + name + QStringLiteral(":v1");
        QTRY_VERIFY_WITH_TIMEOUT(child<QPlainTextEdit>(window, "runLines")->toPlainText().contains("docker://" + ref),
                                 120000);
        QVERIFY(window.buildPage()->statusText().contains(ref));
        QCOMPARE(steps->topLevelItem(1)->text(1), QStringLiteral("echo about to fail; exit 4"));
        screenshot(window, QStringLiteral("build-pushed"));

        // Doctor: alice's checks as traffic lights, all passing.
        workspace->setCurrentWidget(window.doctorPage());
        QTest::mouseClick(child<QPushButton>(window, "doctorRunButton"), Qt::LeftButton);
        auto *checks = child<QTreeWidget>(window, "doctorChecks");
        QTRY_VERIFY_WITH_TIMEOUT(checks->topLevelItemCount() > 5, 60000);
        QCOMPARE(window.doctorPage()->model()->overall(), QStringLiteral("ok"));
        QVERIFY(child<QLabel>(window, "doctorSummary")->text().contains(QStringLiteral("All checks passed")));
        QVERIFY(window.doctorPage()->reportText().contains(QStringLiteral("[ok]")));
        screenshot(window, QStringLiteral("doctor"));

        // Cleanup: the pushed tag and the working container.
        auto *rpc = window.connection()->rpc();
        QVERIFY(QCoro::waitFor(rpc->call(QStringLiteral("registry.delete"),
                                         {{QStringLiteral("repository"), "podbay-alice/" + name},
                                          {QStringLiteral("tag"), QStringLiteral("v1")}}))
                    .ok());
        QVERIFY(QCoro::waitFor(window.buildPage()->flow()->discard()).ok());
    }
};

QTEST_MAIN(TestBuildPage)
#include "tst_buildpage.moc"
