// The Containerfile tab, the Run page's other two ways to run an image, the log panel and
// the notification when a followed job ends, driven like a user would (offscreen) against
// the local login node: the BusyBox template built and pushed (its RUN line's output in
// the log), a broken Containerfile refused with the Build button back; the image run once
// on the login node; the Apptainer pull line for /tmp (a relative directory refused before
// any call); a Slurm job ending while another window is active notifies. With
// PODBAY_SCREENSHOTS=DIR set, the parts are saved as PNGs there (scripts/screenshots).
#include "GuiTest.h"

#include <ApptainerTab.h>
#include <BuildPage.h>
#include <ContainerfileTab.h>
#include <ImagesPage.h>
#include <LogPanel.h>
#include <LoginNodeRunTab.h>
#include <MainWindow.h>
#include <Notifier.h>
#include <RunPage.h>
#include <ShellWords.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace podbay;
using podbay::test::child;
using podbay::test::LoginNodeEnv;

class TestRunPage : public QObject
{
    Q_OBJECT

    LoginNodeEnv m_node;
    QString m_suffix;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings away from the real configuration
        QSettings().remove(QStringLiteral("view/logPanel"));
        m_node = LoginNodeEnv::fromEnvironment();
        if (!m_node.valid())
            QFAIL(LoginNodeEnv::missingMessage());
        m_suffix = QString::number(QRandomGenerator::global()->bounded(100000, 999999));
    }

    // The Run page's command line becomes an argv as a POSIX shell would split it.
    void splitsLikeAShell()
    {
        using gui::splitShellWords;
        QCOMPARE(*splitShellWords(QStringLiteral("  cat  /a.txt ")), QStringList({"cat", "/a.txt"}));
        QCOMPARE(*splitShellWords(QStringLiteral("python3 -c 'print(\"x y\")'")),
                 QStringList({"python3", "-c", "print(\"x y\")"}));
        QCOMPARE(*splitShellWords(QStringLiteral("echo \"a \\\"b\\\" $HOME\" c\\ d '' x'y'z")),
                 QStringList({"echo", "a \"b\" $HOME", "c d", "", "xyz"}));
        QVERIFY(splitShellWords(QStringLiteral("")).value().isEmpty());
        QVERIFY(!splitShellWords(QStringLiteral("echo 'open")));
        QVERIFY(!splitShellWords(QStringLiteral("echo \"open")));
    }

    void containerfileBuildAndRun()
    {
        gui::MainWindow window;
        window.resize(1000, 760);
        window.show();
        // The log panel is hidden at first; View > Log shows it, and that is remembered.
        gui::LogPanel *log = window.logPanel();
        QVERIFY(!log->isVisible());
        child<QAction>(window, "viewLogAction")->trigger();
        QVERIFY(log->isVisible());
        QCOMPARE(QSettings().value(QStringLiteral("view/logPanel")).toBool(), true);
        QVERIFY(test::connectAs(window, m_node, QStringLiteral("ALICE")));

        // The Containerfile tab: the BusyBox template rendered for the site registry.
        auto *tabs = child<QTabWidget>(window, "changeTabs");
        gui::ContainerfileTab *tab = window.buildPage()->containerfileTab();
        tabs->setCurrentWidget(tab);
        QVERIFY(!child<QPushButton>(window, "startButton")->isVisible()); // the working container's rows
        auto *templates = child<QComboBox>(window, "containerfileTemplate");
        templates->setCurrentIndex(templates->findData(QStringLiteral("busybox")));
        Q_EMIT templates->activated(templates->currentIndex()); // as a user's choice does
        auto *editor = child<QPlainTextEdit>(window, "containerfileEditor");
        QVERIFY(editor->toPlainText().startsWith("FROM " + m_node.registry + "/library/busybox"));
        QVERIFY(child<QCheckBox>(window, "containerfilePush")->isChecked());
        // The namespace is not known before the registry was read or a push made.
        QCOMPARE(child<QLabel>(window, "containerfileRegistry")->text(), m_node.registry + QStringLiteral("/…/"));

        const QString name = QStringLiteral("cf-") + m_suffix;
        child<QLineEdit>(window, "containerfileName")->setText(name);
        child<QLineEdit>(window, "containerfileTag")->setText(QStringLiteral("v1"));
        auto *buildButton = child<QPushButton>(window, "containerfileBuildButton");
        QTest::mouseClick(buildButton, Qt::LeftButton);
        QVERIFY(!buildButton->isEnabled());
        QVERIFY(child<QPushButton>(window, "containerfileCancelButton")->isEnabled());
        const QString ref = m_node.registry + QStringLiteral("/podbay-alice/") + name + QStringLiteral(":v1");
        QTRY_VERIFY_WITH_TIMEOUT(tab->statusText().contains(QStringLiteral("Built and pushed")), 180000);
        QVERIFY2(tab->statusText().contains(ref), qPrintable(tab->statusText()));
        QVERIFY(child<QPlainTextEdit>(window, "containerfileLog")->toPlainText().contains("hello from podbay"));
        const QString runLines = child<QPlainTextEdit>(window, "containerfileRunLines")->toPlainText();
        QVERIFY2(runLines.contains(QStringLiteral("podman run")) && runLines.contains(ref), qPrintable(runLines));
        QVERIFY(buildButton->isEnabled());
        QCOMPARE(child<QLabel>(window, "containerfileRegistry")->text(), m_node.registry + QStringLiteral("/podbay-alice/"));
        // The log panel saw the build: podman's output with times and the call's id.
        QVERIFY(log->text().contains(QStringLiteral("hello from podbay")));
        QVERIFY(log->text().contains(QStringLiteral("stdout")) || log->text().contains(QStringLiteral("stderr")));
        QVERIFY(test::screenshot(window, QStringLiteral("build-containerfile")));

        // A Containerfile whose RUN fails: the error in the status, Build usable again.
        editor->setPlainText("FROM " + m_node.registry + "/library/busybox:latest\nRUN exit 7\n");
        child<QLineEdit>(window, "containerfileName")->setText(name + QStringLiteral("-broken"));
        QTest::mouseClick(buildButton, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(buildButton->isEnabled(), 120000);
        QVERIFY2(tab->statusText().contains(QStringLiteral("exit status 7")), qPrintable(tab->statusText()));
        QVERIFY(!tab->statusText().contains(QStringLiteral("Built")));

        // The Run page has the pushed image; once on the login node: cat the file.
        auto *workspace = child<QTabWidget>(window, "workspace");
        workspace->setCurrentWidget(window.runPage());
        QCOMPARE(child<QLineEdit>(window, "jobImage")->text(), ref);
        auto *runTabs = child<QTabWidget>(window, "runTabs");
        runTabs->setCurrentWidget(window.runPage()->loginNodeTab());
        QVERIFY(!child<QCheckBox>(window, "loginGpu")->isEnabled()); // no GPUs on this node
        child<QLineEdit>(window, "loginCommand")->setText(QStringLiteral("cat '/opt/app/hello.txt'"));
        QTest::mouseClick(child<QPushButton>(window, "loginRunButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window.runPage()->loginNodeTab()->statusText().contains(QStringLiteral("Exit code")),
                                 120000);
        QVERIFY2(window.runPage()->loginNodeTab()->statusText() == QStringLiteral("Exit code 0."),
                 qPrintable(child<QPlainTextEdit>(window, "loginOutput")->toPlainText()));
        QVERIFY(child<QPlainTextEdit>(window, "loginOutput")->toPlainText().contains("hello from podbay"));
        QVERIFY(test::screenshot(window, QStringLiteral("run-login-node")));

        // A failing command: its exit code.
        child<QLineEdit>(window, "loginCommand")->setText(QStringLiteral("sh -c 'exit 3'"));
        QTest::mouseClick(child<QPushButton>(window, "loginRunButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(window.runPage()->loginNodeTab()->statusText(), QStringLiteral("Exit code 3."),
                                  120000);

        // Apptainer: the home directory filled in; a relative one refused before a call.
        runTabs->setCurrentWidget(window.runPage()->apptainerTab());
        gui::ApptainerTab *apptainer = window.runPage()->apptainerTab();
        auto *directory = child<QLineEdit>(window, "apptainerDirectory");
        QTRY_VERIFY_WITH_TIMEOUT(directory->text().startsWith(QLatin1Char('/')), 20000);
        QVERIFY(child<QCheckBox>(window, "apptainerDryRun")->isChecked()); // no Apptainer on this node
        QSignalSpy busy(apptainer->flow(), &core::WorkflowModel::busyChanged);
        directory->setText(QStringLiteral("sif"));
        QTest::mouseClick(child<QPushButton>(window, "apptainerPullButton"), Qt::LeftButton);
        QVERIFY(apptainer->statusText().contains(QStringLiteral("absolute path")));
        QCOMPARE(busy.count(), 0);
        QVERIFY(apptainer->lines().isEmpty());
        directory->setText(QStringLiteral("/tmp"));
        QTest::mouseClick(child<QPushButton>(window, "apptainerPullButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(apptainer->lines().contains(QStringLiteral(".sif")), 30000);
        QVERIFY2(apptainer->lines().contains("/tmp/" + name + "_v1.sif"), qPrintable(apptainer->lines()));
        QVERIFY(apptainer->lines().contains(QStringLiteral("apptainer exec")));
        QVERIFY(test::screenshot(window, QStringLiteral("run-apptainer")));
        workspace->setCurrentWidget(window.buildPage());
        QVERIFY(test::screenshot(window, QStringLiteral("log-panel")));

        // Clear empties the log panel.
        QTest::mouseClick(child<QPushButton>(window, "logClearButton"), Qt::LeftButton);
        QVERIFY(log->text().isEmpty());

        QVERIFY(QCoro::waitFor(window.imagesPage()->browser()->deleteTag("podbay-alice/" + name, QStringLiteral("v1")))
                    .ok());
    }

    // A followed Slurm job ends while another window is active: a notification; while
    // the main window is active: none.
    void jobEndNotifies()
    {
        gui::MainWindow window;
        window.show();
        QVERIFY(test::connectAs(window, m_node, QStringLiteral("ALICE")));
        QSignalSpy notified(window.notifier(), &gui::Notifier::notified);
        auto *workspace = child<QTabWidget>(window, "workspace");
        workspace->setCurrentWidget(window.runPage());
        child<QLineEdit>(window, "jobImage")->setText(m_node.registry + QStringLiteral("/library/busybox:latest"));
        child<QLineEdit>(window, "jobCommand")->setText(QStringLiteral("echo notified-") + m_suffix);
        child<QLineEdit>(window, "jobTime")->setText(QStringLiteral("00:05:00"));

        QWidget elsewhere; // the user works in another window
        elsewhere.show();
        QApplication::setActiveWindow(&elsewhere);
        QVERIFY(!window.isActiveWindow());
        QTest::mouseClick(child<QPushButton>(window, "jobSubmitButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(core::SlurmJobFlow::isFinalState(window.runPage()->job()->state()), 180000);
        QTRY_COMPARE(notified.count(), 1);
        const QString title = notified.at(0).at(0).toString();
        QVERIFY2(title.contains(QString::number(window.runPage()->job()->jobId())), qPrintable(title));
        QVERIFY(notified.at(0).at(1).toString().contains(window.runPage()->job()->state()));

        // With the main window active, nothing is shown.
        QApplication::setActiveWindow(&window);
        window.notifier()->notify(QStringLiteral("t"), QStringLiteral("x"));
        QCOMPARE(notified.count(), 1);
    }
};

QTEST_MAIN(TestRunPage)
#include "tst_runpage.moc"
