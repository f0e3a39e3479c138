#pragma once
// Doctor page: the namespace checks of the connected user as a traffic-light list with
// remedies (core::DoctorModel). On a helpdesk or admin connection the same page looks up
// any user, and the report can be copied into a ticket.

#include <DoctorModel.h>

#include <QWidget>

#include <QCoroTask>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace podbay::gui {

class DoctorPage : public QWidget
{
    Q_OBJECT

public:
    explicit DoctorPage(core::HelperRpc *rpc, QWidget *parent = nullptr);

    core::DoctorModel *model() { return m_model; }
    // Shows the "any user" field (helpdesk and admin connections).
    void setLookUpAllowed(bool allowed);
    // The report as plain text, for a ticket.
    QString reportText() const;

private:
    QCoro::Task<> runChecks();
    void refresh();

    core::DoctorModel *m_model;
    QLineEdit *m_user;
    QPushButton *m_runButton;
    QPushButton *m_copyButton;
    QTreeWidget *m_checks;
    QLabel *m_summary;
    bool m_lookUp = false;
};

} // namespace podbay::gui
