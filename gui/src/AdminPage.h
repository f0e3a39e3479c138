#pragma once
// Admin page (issue 7, shown for admins on a privileged connection): each part of the login
// node's setup with its current state from `admin.status` as a traffic light, a plan of one
// part (its admin method with dryRun, core::AdminPlan) with the unified diff of every file it
// would change, and Apply, which runs exactly that plan after a confirmation naming the host.
// The methods and their reports: docs/protocol.md, "Admin commands as methods".

#include <AdminPlan.h>
#include <HelperVersion.h>

#include <QJsonObject>
#include <QStringList>
#include <QWidget>

#include <QCoroTask>

#include <functional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;

namespace podbay::gui {

class AdminPage : public QWidget
{
    Q_OBJECT

public:
    explicit AdminPage(core::HelperRpc *rpc, QWidget *parent = nullptr);

    core::AdminPlan *plan() { return m_plan; }
    // A privileged connection of an admin: remembers the host and the methods it may call,
    // and reads the setup's state.
    void connected(const core::HelloInfo &hello);
    // Asks before Apply (a QMessageBox by default; tests answer it). `text` names the host.
    void setConfirmer(std::function<bool(const QString &text)> confirm) { m_confirm = std::move(confirm); }
    // The report shown (the plan, or what was applied) as plain text, as rendered.
    QString reportText() const;

    QCoro::Task<> refresh();

protected:
    void changeEvent(QEvent *event) override;

private:
    QCoro::Task<> makePlan();
    QCoro::Task<> apply();
    void fillParts(const QJsonObject &status);
    void partSelected();
    void paramsEdited();
    void updateButtons();
    void showReport(const QString &heading, const QJsonObject &report);
    void render();
    QString currentPart() const;
    QString planMethod(const QString &part) const;
    QJsonObject planParams(const QString &part) const;

    core::AdminPlan *m_plan;
    QTreeWidget *m_parts;
    QLabel *m_host;
    QPushButton *m_refreshButton;
    QLabel *m_partTitle;
    QLabel *m_partState;
    QFormLayout *m_form;
    QLineEdit *m_storagePath;
    QLineEdit *m_registryStorage;
    QLineEdit *m_registryListen;
    QComboBox *m_aliasAction;
    QLineEdit *m_pruneAge;
    QPushButton *m_planButton;
    QPushButton *m_applyButton;
    QProgressBar *m_progress;
    QPushButton *m_cancelButton;
    QLabel *m_status;
    QTextBrowser *m_report;

    QString m_hostName;
    QStringList m_methods;
    QJsonObject m_partStatus;   // admin.status's part objects, by name
    QString m_plannedPart;      // the part the current plan is for; "" when Apply must not run
    QString m_reportHeading;
    QJsonObject m_shownReport;
    std::function<bool(const QString &)> m_confirm;
};

} // namespace podbay::gui
