// The desktop app's pages driven like a user would (offscreen) against the local login
// node: connect, start a working container, two steps (one failing), commit and push with
// the run lines shown, the image listed on the Images page, a Slurm job of it with its
// output on the Run page, the doctor's traffic lights; a shell in the Terminal tab. With
// PODBAY_SCREENSHOTS=DIR set, each page is also saved as a PNG there (scripts/screenshots).
#include "GuiTest.h"

#include <BuildPage.h>
#include <ConnectPage.h>
#include <DoctorPage.h>
#include <ImagesPage.h>
#include <RunPage.h>
#include <MainWindow.h>
#include <TerminalTab.h>
#include <TerminalWidget.h>

#include <QAbstractItemModel>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCompleter>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QTabWidget>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

using namespace podbay;
using podbay::test::child;
using podbay::test::LoginNodeEnv;

class TestBuildPage : public QObject
{
    Q_OBJECT

    LoginNodeEnv m_node;
    QString m_suffix;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings away from the real configuration
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
        QVERIFY(test::screenshot(window, QStringLiteral("connect")));
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
        QVERIFY(test::screenshot(window, QStringLiteral("build-steps")));

        const QString name = QStringLiteral("gui-") + m_suffix;
        child<QLineEdit>(window, "imageName")->setText(name);
        child<QLineEdit>(window, "imageTag")->setText(QStringLiteral("v1"));
        QTest::mouseClick(child<QPushButton>(window, "publishButton"), Qt::LeftButton);
        const QString ref = m_node.registry + QStringLiteral("/podbay-alice/") + name + QStringLiteral(":v1");
        QTRY_VERIFY_WITH_TIMEOUT(child<QPlainTextEdit>(window, "runLines")->toPlainText().contains("docker://" + ref),
                                 120000);
        QVERIFY(window.buildPage()->statusText().contains(ref));
        QCOMPARE(steps->topLevelItem(1)->text(1), QStringLiteral("echo about to fail; exit 4"));
        QVERIFY(test::screenshot(window, QStringLiteral("build-pushed")));

        // Images: the pushed tag is listed under the user's namespace, with its base.
        workspace->setCurrentWidget(window.imagesPage()); // opening the page reads the registry
        auto *images = child<QTreeWidget>(window, "images");
        const auto findTag = [&]() -> QTreeWidgetItem * {
            for (int i = 0; i < images->topLevelItemCount(); ++i) {
                QTreeWidgetItem *repo = images->topLevelItem(i);
                if (repo->text(0) == "podbay-alice/" + name)
                    for (int j = 0; j < repo->childCount(); ++j)
                        if (repo->child(j)->text(0) == QStringLiteral("v1"))
                            return repo->child(j);
            }
            return nullptr;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(findTag(), qPrintable(child<QLabel>(window, "imagesStatus")->text()), 60000);
        QCOMPARE(findTag()->text(3), window.buildPage()->flow()->baseImage());
        QVERIFY(!findTag()->text(1).isEmpty()); // size
        images->setCurrentItem(findTag());
        QCOMPARE(window.imagesPage()->selectedReference(), ref);
        QVERIFY(child<QPushButton>(window, "imagesDeleteButton")->isEnabled()); // own tag
        // Copy: the reference and the helper's lines for it, as after the push.
        child<QAction>(window, "imagesCopyPodman")->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("podman run --rm -it --tls-verify=false ") + ref);
        child<QAction>(window, "imagesCopyApptainer")->trigger();
        const QString apptainer = QGuiApplication::clipboard()->text();
        QVERIFY2(apptainer.startsWith(QStringLiteral("apptainer pull --no-https ")) && apptainer.contains("docker://" + ref) &&
                     apptainer.contains(QStringLiteral("\napptainer exec ")),
                 qPrintable(apptainer));
        child<QAction>(window, "imagesCopyReference")->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), ref);
        QVERIFY(test::screenshot(window, QStringLiteral("images")));

        // Run: the pushed image as a Slurm job, script shown first, output live.
        workspace->setCurrentWidget(window.runPage());
        QCOMPARE(child<QLineEdit>(window, "jobImage")->text(), ref);
        child<QLineEdit>(window, "jobCommand")->setText(QStringLiteral("cat /gui.txt"));
        child<QLineEdit>(window, "jobTime")->setText(QStringLiteral("00:05:00"));
        QTest::mouseClick(child<QPushButton>(window, "jobSubmitButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(child<QPlainTextEdit>(window, "jobScript")->toPlainText().contains("#SBATCH"), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(child<QPlainTextEdit>(window, "jobOutput")->toPlainText().contains("gui-" + m_suffix),
                                 180000);
        QTRY_COMPARE_WITH_TIMEOUT(window.runPage()->job()->state(), QStringLiteral("COMPLETED"), 60000);
        QVERIFY(child<QLabel>(window, "jobState")->text().contains(QStringLiteral("COMPLETED")));
        QVERIFY(test::screenshot(window, QStringLiteral("run")));

        // Doctor: alice's checks as traffic lights, all passing.
        workspace->setCurrentWidget(window.doctorPage());
        QTest::mouseClick(child<QPushButton>(window, "doctorRunButton"), Qt::LeftButton);
        auto *checks = child<QTreeWidget>(window, "doctorChecks");
        QTRY_VERIFY_WITH_TIMEOUT(checks->topLevelItemCount() > 5, 60000);
        QCOMPARE(window.doctorPage()->model()->overall(), QStringLiteral("ok"));
        QVERIFY(child<QLabel>(window, "doctorSummary")->text().contains(QStringLiteral("All checks passed")));
        QVERIFY(window.doctorPage()->reportText().contains(QStringLiteral("[ok]")));
        QVERIFY(test::screenshot(window, QStringLiteral("doctor")));

        // Cleanup through the models: the pushed tag (the page asks first; the model does
        // not), then the working container.
        QVERIFY(QCoro::waitFor(window.imagesPage()->browser()->deleteTag("podbay-alice/" + name, QStringLiteral("v1")))
                    .ok());
        QTRY_VERIFY(!findTag());
        QVERIFY(QCoro::waitFor(window.buildPage()->flow()->discard()).ok());
    }

    // The Terminal tab: a shell in the working container on a PTY channel of the same SSH
    // connection; what it changes stays in the container (a step sees it afterwards).
    // Typing part of a name in the base image field searches the site registry (matches
    // anywhere in the name); the Images page also lists the images on the login node.
    void baseImageSearchAndLoginNodeImages()
    {
        gui::MainWindow window;
        window.show();
        QVERIFY(test::connectAs(window, m_node, QStringLiteral("ALICE")));
        auto *base = child<QLineEdit>(window, "baseImage");
        base->clear();
        base->setFocus();
        QTest::keyClicks(base, QStringLiteral("sybo")); // inside "library/busybox:latest"
        QCompleter *completer = base->completer();
        QVERIFY(completer);
        QTRY_VERIFY_WITH_TIMEOUT(completer->model()->rowCount() > 0, 20000);
        completer->setCompletionPrefix(QStringLiteral("sybo"));
        QVERIFY(completer->completionCount() >= 1);
        QCOMPARE(completer->currentCompletion(), QStringLiteral("library/busybox:latest"));
        completer->setCompletionPrefix(QStringLiteral("no-such-image-anywhere"));
        QCOMPARE(completer->completionCount(), 0);

        auto *workspace = child<QTabWidget>(window, "workspace");
        workspace->setCurrentWidget(window.imagesPage());
        auto *tree = child<QTreeWidget>(window, "images");
        QTreeWidgetItem *local = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((local = tree->findItems(QStringLiteral("On the login node"), Qt::MatchExactly).value(0)),
                                 30000);
        QTRY_VERIFY_WITH_TIMEOUT(local->childCount() > 0, 30000);
        bool busybox = false;
        for (int i = 0; i < local->childCount(); ++i)
            busybox = busybox || local->child(i)->text(0) == m_node.registry + QStringLiteral("/library/busybox:latest");
        QVERIFY2(busybox, "the base image pulled for working containers is on the login node");
        tree->setCurrentItem(local->child(0));
        QVERIFY(!window.imagesPage()->selectedReference().isEmpty());
        QVERIFY(!child<QPushButton>(window, "imagesDeleteButton")->isEnabled()); // registry tags only
        QVERIFY(!child<QAction>(window, "imagesCopyPodman")->isEnabled()); // lines are for registry tags
    }

    void terminalChangesTheContainer()
    {
        gui::MainWindow window;
        window.show();
        window.connectPage()->setProfile(m_node.profile(QStringLiteral("ALICE")));
        QTest::mouseClick(child<QPushButton>(window, "connectButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(window.connection()->state(), core::Connection::State::Connected, 20000);
        auto *tabs = child<QTabWidget>(window, "changeTabs");
        gui::TerminalTab *tab = window.buildPage()->terminalTab();
        gui::TerminalWidget *terminal = tab->terminal();

        // Without a working container there is nothing to open a shell in.
        tabs->setCurrentWidget(tab);
        QVERIFY(tab->statusText().contains(QStringLiteral("Start a working container")));
        QVERIFY(!tab->isRunning());
        tabs->setCurrentIndex(0);
        const QString container = QStringLiteral("term-") + m_suffix;
        child<QLineEdit>(window, "containerName")->setText(container);
        QTest::mouseClick(child<QPushButton>(window, "startButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>(window, "runStepButton")->isEnabled(), 120000);

        // Opening the tab opens the shell; keys typed into the widget reach it.
        tabs->setCurrentWidget(tab);
        QTRY_VERIFY_WITH_TIMEOUT(tab->isRunning(), 30000);
        QVERIFY(tab->statusText().contains(container));
        QTRY_VERIFY_WITH_TIMEOUT(!terminal->screenText().trimmed().isEmpty(), 30000); // the prompt
        QTest::keyClicks(terminal, "echo podbay-$((6*7))");
        QTest::keyClick(terminal, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(terminal->screenText().contains(QStringLiteral("\npodbay-42")), 30000);
        // A full-screen program's colours and cursor, for the screenshot.
        QTest::keyClicks(terminal, "printf '\\033[1;32mgreen\\033[0m \\033[44mon blue\\033[0m\\n'; ls -d /b*");
        QTest::keyClick(terminal, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(terminal->screenText().contains(QStringLiteral("/bin")), 30000);
        QTRY_VERIFY(terminal->cellAt(terminal->cursorPosition().y(), 0).text != QString()); // next prompt
        QApplication::setActiveWindow(&window); // a focused terminal's cursor, also under Xvfb without a WM
        QVERIFY(test::screenshot(window, QStringLiteral("terminal")));

        QTest::keyClicks(terminal, "touch /tmp/from-terminal && exit");
        QTest::keyClick(terminal, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isRunning(), 30000);
        QVERIFY(terminal->screenText().contains(QStringLiteral("[session ended]")));
        QVERIFY(tab->statusText().contains(QStringLiteral("exit code 0")));
        QVERIFY(child<QPushButton>(window, "terminalRestartButton")->isVisible());

        // The file is in the container: a step lists it.
        tabs->setCurrentIndex(0);
        QTest::keyClicks(child<QLineEdit>(window, "stepCommand"), "ls /tmp/from-terminal");
        QTest::keyClick(child<QLineEdit>(window, "stepCommand"), Qt::Key_Return);
        auto *steps = child<QTreeWidget>(window, "steps");
        QTRY_COMPARE_WITH_TIMEOUT(steps->topLevelItemCount(), 1, 60000);
        QCOMPARE(steps->topLevelItem(0)->text(2), QStringLiteral("0"));
        QVERIFY(child<QPlainTextEdit>(window, "output")->toPlainText().contains(QStringLiteral("/tmp/from-terminal")));

        // Restart: a new shell in the same container, on a clean screen; Ctrl+D ends it.
        tabs->setCurrentWidget(tab);
        QVERIFY(!tab->isRunning()); // an ended session stays ended until Restart
        QTest::mouseClick(child<QPushButton>(window, "terminalRestartButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(tab->isRunning(), 30000);
        QVERIFY(!terminal->screenText().contains(QStringLiteral("podbay-42")));
        QTRY_VERIFY_WITH_TIMEOUT(!terminal->screenText().trimmed().isEmpty(), 30000);
        QTest::keyClick(terminal, Qt::Key_D, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isRunning(), 30000);
        QVERIFY(terminal->screenText().contains(QStringLiteral("[session ended]")));

        // The connection goes while a shell runs: the tab says so (then reconnect to clean up).
        QTest::mouseClick(child<QPushButton>(window, "terminalRestartButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(tab->isRunning(), 30000);
        window.connection()->ssh()->disconnectFromHost();
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isRunning(), 30000);
        QVERIFY(terminal->screenText().contains(QStringLiteral("[connection lost]")));
        QVERIFY(tab->statusText().contains(QStringLiteral("connection to the login node dropped")));
        QTRY_VERIFY(child<QPushButton>(window, "connectButton")->isVisible());
        QTest::mouseClick(child<QPushButton>(window, "connectButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(window.connection()->state(), core::Connection::State::Connected, 20000);

        QVERIFY(QCoro::waitFor(window.buildPage()->flow()->discard()).ok());
        QVERIFY(tab->statusText().contains(QStringLiteral("Start a working container")));
    }

    // The helpdesk connects through sudo: only the Doctor is shown, and it looks up bob.
    void helpdeskLooksUpBob()
    {
        gui::MainWindow window;
        window.show();
        auto profile = m_node.profile(QStringLiteral("HELPDESK"));
        profile.privileged = true;
        window.connectPage()->setProfile(profile);
        QVERIFY(child<QCheckBox>(window, "privileged")->isChecked());
        QTest::mouseClick(child<QPushButton>(window, "connectButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(window.connection()->state(), core::Connection::State::Connected, 20000);
        auto *workspace = child<QTabWidget>(window, "workspace");
        QCOMPARE(workspace->currentWidget(), window.doctorPage());
        QVERIFY(!workspace->isTabVisible(workspace->indexOf(window.buildPage())));

        QTest::mouseClick(child<QPushButton>(window, "doctorRunButton"), Qt::LeftButton);
        QTRY_VERIFY(child<QLabel>(window, "doctorSummary")->text().contains(QStringLiteral("user name")));
        child<QLineEdit>(window, "doctorUser")->setText(LoginNodeEnv::user(QStringLiteral("BOB")));
        QTest::mouseClick(child<QPushButton>(window, "doctorRunButton"), Qt::LeftButton);
        auto *checks = child<QTreeWidget>(window, "doctorChecks");
        QTRY_VERIFY_WITH_TIMEOUT(checks->topLevelItemCount() > 3, 60000);
        QCOMPARE(window.doctorPage()->model()->user(), LoginNodeEnv::user(QStringLiteral("BOB")));
        QCOMPARE(window.doctorPage()->model()->overall(), QStringLiteral("fail"));
        QVERIFY(child<QLabel>(window, "doctorSummary")->text().contains(QStringLiteral("failed: 3")));
        QVERIFY(window.doctorPage()->reportText().contains(QStringLiteral("(admin fix: create-ranges)")));
        QVERIFY(test::screenshot(window, QStringLiteral("helpdesk")));
    }
};

QTEST_MAIN(TestBuildPage)
#include "tst_buildpage.moc"
