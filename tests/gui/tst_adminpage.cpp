// The Admin page driven like an admin would (offscreen) against the local login node:
// shown only to a privileged connection whose hello has the admin role (not to alice, not to
// the helpdesk), the setup parts with their state from admin.status, a plan without changes
// (nvidia: no GPU here), and the docker alias planned (its diff shown), refused once at the
// confirmation, applied, and disabled again, as tst_workflows adminPlansThenApplies does;
// prune planned for every user, not applied.
// Nothing else is applied: subids sync would give bob the ranges the tests need him to lack.
// With PODBAY_SCREENSHOTS=DIR set, the page with a plan is saved as DIR/admin.png.
#include "LoginNodeEnv.h"

#include <AdminPage.h>
#include <ConnectPage.h>
#include <MainWindow.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace podbay;
using podbay::test::LoginNodeEnv;

namespace {
const QString kAliasFile = QStringLiteral("/etc/profile.d/podbay-docker.sh");
}

class TestAdminPage : public QObject
{
    Q_OBJECT

    LoginNodeEnv m_node;

    template<typename T>
    static T *child(QWidget &window, const char *name)
    {
        T *widget = window.findChild<T *>(QLatin1String(name));
        if (!widget)
            qFatal("no widget named %s", name);
        return widget;
    }

    static void screenshot(QWidget &window, const QString &name)
    {
        const QString dir = qEnvironmentVariable("PODBAY_SCREENSHOTS");
        if (dir.isEmpty())
            return;
        QCoreApplication::processEvents();
        QVERIFY(window.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
    }

    bool connectAs(gui::MainWindow &window, const QString &who, bool privileged)
    {
        auto profile = m_node.profile(who);
        profile.privileged = privileged;
        window.connectPage()->setProfile(profile);
        if (child<QCheckBox>(window, "privileged")->isChecked() != privileged)
            return false;
        QTest::mouseClick(child<QPushButton>(window, "connectButton"), Qt::LeftButton);
        return QTest::qWaitFor([&] { return window.connection()->state() == core::Connection::State::Connected; },
                               20000);
    }

    static bool adminTabVisible(gui::MainWindow &window)
    {
        auto *workspace = child<QTabWidget>(window, "workspace");
        return workspace->isTabVisible(workspace->indexOf(window.adminPage()));
    }

    static QTreeWidgetItem *part(gui::MainWindow &window, const QString &name)
    {
        auto *parts = child<QTreeWidget>(window, "adminParts");
        for (int i = 0; i < parts->topLevelItemCount(); ++i)
            if (parts->topLevelItem(i)->data(0, Qt::UserRole).toString() == name)
                return parts->topLevelItem(i);
        return nullptr;
    }

    // Plans the chosen part with the Plan button and waits for the plan.
    static bool plan(gui::MainWindow &window, const QString &name)
    {
        child<QTreeWidget>(window, "adminParts")->setCurrentItem(part(window, name));
        auto *planButton = child<QPushButton>(window, "adminPlanButton");
        if (!planButton->isEnabled())
            return false;
        QTest::mouseClick(planButton, Qt::LeftButton);
        return QTest::qWaitFor([&] { return window.adminPage()->reportText().startsWith(QStringLiteral("Plan: ")); },
                               60000);
    }

    static bool clickApply(gui::MainWindow &window)
    {
        QTest::mouseClick(child<QPushButton>(window, "adminApplyButton"), Qt::LeftButton);
        return QTest::qWaitFor([&] { return !window.adminPage()->plan()->busy(); }, 60000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings away from the real configuration
        m_node = LoginNodeEnv::fromEnvironment();
        if (!m_node.valid())
            QFAIL(LoginNodeEnv::missingMessage());
    }

    void hiddenForUsersAndHelpdesk()
    {
        {
            gui::MainWindow window;
            window.show();
            QVERIFY(!adminTabVisible(window)); // before any connection
            QVERIFY(connectAs(window, QStringLiteral("ALICE"), false));
            QVERIFY(!adminTabVisible(window));
        }
        gui::MainWindow window;
        window.show();
        QVERIFY(connectAs(window, QStringLiteral("HELPDESK"), true));
        QVERIFY(window.connection()->hello().hasRole(QStringLiteral("helpdesk")));
        QVERIFY(!adminTabVisible(window));
    }

    void adminPlansAndApplies()
    {
        QVERIFY2(!QFile::exists(kAliasFile), "the docker alias is enabled on this machine: run "
                                             "`podbay-helper docker-alias disable` as root first");
        gui::MainWindow window;
        window.resize(1000, 720);
        window.show();
        QVERIFY(connectAs(window, QStringLiteral("ADMIN"), true));
        QVERIFY(adminTabVisible(window));
        auto *workspace = child<QTabWidget>(window, "workspace");
        workspace->setCurrentWidget(window.adminPage());
        QCOMPARE(child<QLabel>(window, "adminHost")->text(),
                 QStringLiteral("Login node ") + window.connection()->hello().node.value(QStringLiteral("hostname")).toString());

        // Every part of admin.status, with its state; the login node configures only nvidia
        // (on by default), which is in sync without GPUs.
        QTRY_VERIFY_WITH_TIMEOUT(part(window, QStringLiteral("nvidia")), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.adminPage()->plan()->busy(), 30000);
        for (const char *name : {"subids", "storage", "docker-alias", "ldap", "registry", "nvidia", "prune-timer",
                                 "setup", "prune"})
            QVERIFY2(part(window, QLatin1String(name)), name);
        QCOMPARE(part(window, QStringLiteral("nvidia"))->text(1), QStringLiteral("In sync"));
        QCOMPARE(part(window, QStringLiteral("subids"))->text(1), QStringLiteral("Not configured"));
        QCOMPARE(part(window, QStringLiteral("docker-alias"))->text(1), QStringLiteral("Not configured (off)"));

        // No plan, no Apply (AdminPlan::apply refuses too).
        auto *applyButton = child<QPushButton>(window, "adminApplyButton");
        QVERIFY(!applyButton->isEnabled());
        QVERIFY(!window.adminPage()->plan()->hasPlan());

        // A plan that changes nothing says so.
        QVERIFY(plan(window, QStringLiteral("nvidia")));
        QVERIFY2(window.adminPage()->reportText().contains(QStringLiteral("No change: the node already matches.")),
                 qPrintable(window.adminPage()->reportText()));
        QCOMPARE(window.adminPage()->plan()->method(), QStringLiteral("admin.nvidia.setup"));

        // Another part shown: that plan is not its plan.
        child<QTreeWidget>(window, "adminParts")->setCurrentItem(part(window, QStringLiteral("docker-alias")));
        QVERIFY(!applyButton->isEnabled());
        child<QComboBox>(window, "adminAliasAction")->setCurrentIndex(0); // enable
        QVERIFY(plan(window, QStringLiteral("docker-alias")));
        const QString planned = window.adminPage()->reportText();
        QVERIFY2(planned.contains(QStringLiteral("Changes planned:")), qPrintable(planned));
        QVERIFY2(planned.contains(QStringLiteral("+++ /etc/profile.d/podbay-docker.sh (planned)")), qPrintable(planned));
        QVERIFY(planned.contains(QStringLiteral("+    alias docker=podman")));
        QVERIFY(child<QTextBrowser>(window, "adminReport")->toHtml().contains(QStringLiteral("alias docker=podman")));
        QVERIFY(!QFile::exists(kAliasFile)); // a plan writes nothing
        QVERIFY(applyButton->isEnabled());
        screenshot(window, QStringLiteral("admin"));
        if (!qEnvironmentVariableIsEmpty("PODBAY_SCREENSHOTS")) {
            // The same plan in a dark palette: the diff's colours follow it.
            const QPalette light = QApplication::palette();
            QPalette dark;
            dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
            dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
            dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
            dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
            dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
            dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
            dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
            dark.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xb3));
            dark.setColor(QPalette::HighlightedText, Qt::white);
            dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
            dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
            QApplication::setPalette(dark);
            screenshot(window, QStringLiteral("admin-dark"));
            QApplication::setPalette(light);
        }

        // The confirmation names the host; declined, nothing is applied.
        QString asked;
        bool answer = false;
        window.adminPage()->setConfirmer([&](const QString &text) {
            asked = text;
            return answer;
        });
        QVERIFY(clickApply(window));
        QVERIFY2(asked.contains(window.connection()->hello().node.value(QStringLiteral("hostname")).toString()),
                 qPrintable(asked));
        QVERIFY(asked.contains(QStringLiteral("admin.dockerAlias.enable")));
        QVERIFY(!QFile::exists(kAliasFile));
        QVERIFY(window.adminPage()->plan()->hasPlan());

        answer = true;
        QVERIFY(clickApply(window));
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(window, "adminStatus")->text().startsWith(QStringLiteral("Applied")), 60000);
        QVERIFY(QFile::exists(kAliasFile));
        const QString applied = window.adminPage()->reportText();
        QVERIFY2(applied.startsWith(QStringLiteral("Applied: admin.dockerAlias.enable")), qPrintable(applied));
        QVERIFY(applied.contains(QStringLiteral("Changed:")));
        QVERIFY(!applyButton->isEnabled()); // a plan is applied once
        QCOMPARE(part(window, QStringLiteral("docker-alias"))->text(1), QStringLiteral("Not configured (on)"));
        screenshot(window, QStringLiteral("admin-applied"));

        // Back as it was.
        child<QTreeWidget>(window, "adminParts")->setCurrentItem(part(window, QStringLiteral("docker-alias")));
        child<QComboBox>(window, "adminAliasAction")->setCurrentIndex(1); // disable
        QVERIFY(plan(window, QStringLiteral("docker-alias")));
        QVERIFY(window.adminPage()->reportText().contains(QStringLiteral("--- /etc/profile.d/podbay-docker.sh")));
        screenshot(window, QStringLiteral("admin-undo"));
        QVERIFY(clickApply(window));
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(window, "adminStatus")->text().startsWith(QStringLiteral("Applied")), 60000);
        QVERIFY(!QFile::exists(kAliasFile));

        // Prune is planned for every user (a dry run, never applied here).
        child<QTreeWidget>(window, "adminParts")->setCurrentItem(part(window, QStringLiteral("prune")));
        QVERIFY(child<QLineEdit>(window, "adminPruneAge")->isVisible());
        child<QLineEdit>(window, "adminPruneAge")->setText(QStringLiteral("1h"));
        QVERIFY(plan(window, QStringLiteral("prune")));
        QCOMPARE(window.adminPage()->plan()->method(), QStringLiteral("admin.prune"));
        QVERIFY2(window.adminPage()->reportText().startsWith(QStringLiteral("Plan: admin.prune on ")),
                 qPrintable(window.adminPage()->reportText()));
        screenshot(window, QStringLiteral("admin-prune"));
    }
};

QTEST_MAIN(TestAdminPage)
#include "tst_adminpage.moc"
