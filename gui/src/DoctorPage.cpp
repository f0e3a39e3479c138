#include "DoctorPage.h"
#include "Widgets.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace podbay::gui {
namespace {

QString statusWord(const QString &status)
{
    if (status == QLatin1String("ok"))
        return DoctorPage::tr("OK");
    if (status == QLatin1String("warn"))
        return DoctorPage::tr("Warning");
    return DoctorPage::tr("Failed");
}

} // namespace

DoctorPage::DoctorPage(core::HelperRpc *rpc, QWidget *parent)
    : QWidget(parent)
    , m_model(new core::DoctorModel(rpc, this))
    , m_user(new QLineEdit(this))
    , m_runButton(new QPushButton(tr("&Check"), this))
    , m_copyButton(new QPushButton(tr("&Copy report"), this))
    , m_checks(new QTreeWidget(this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("doctorPage"));
    m_user->setObjectName(QStringLiteral("doctorUser"));
    m_user->setPlaceholderText(tr("the user to look up"));
    m_runButton->setObjectName(QStringLiteral("doctorRunButton"));
    m_copyButton->setObjectName(QStringLiteral("doctorCopyButton"));
    m_checks->setObjectName(QStringLiteral("doctorChecks"));
    m_checks->setHeaderLabels({tr("Check"), tr("Status"), tr("Detail"), tr("What to do")});
    m_checks->setRootIsDecorated(false);
    m_checks->setWordWrap(true);
    m_checks->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_runButton->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_copyButton->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_summary->setObjectName(QStringLiteral("doctorSummary"));
    m_summary->setWordWrap(true);

    auto *row = new QHBoxLayout;
    row->addWidget(m_user, 1);
    row->addStretch(0);
    row->addWidget(m_runButton);
    row->addWidget(m_copyButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<h3>Doctor</h3><p>Checks what rootless containers need on the login node: "
                                    "subordinate ids, storage, Podman, the registry.</p>"),
                                 this));
    layout->addLayout(row);
    layout->addWidget(m_checks, 1);
    layout->addWidget(m_summary);

    setLookUpAllowed(false);
    connect(m_runButton, &QPushButton::clicked, this, &DoctorPage::runChecks);
    connect(m_copyButton, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(reportText()); });
    connect(m_model, &core::WorkflowModel::changed, this, &DoctorPage::refresh);
    connect(m_model, &core::WorkflowModel::busyChanged, this, [this](bool busy) { m_runButton->setEnabled(!busy); });
    connect(m_model, &core::WorkflowModel::failed, this,
            [this](const core::Error &error) { m_summary->setText(error.toString()); });
}

void DoctorPage::setLookUpAllowed(bool allowed)
{
    m_lookUp = allowed;
    m_user->setVisible(allowed);
    if (!allowed)
        m_user->clear();
}

void DoctorPage::refresh()
{
    m_checks->clear();
    for (const core::DoctorCheck &check : m_model->checks()) {
        auto *item = new QTreeWidgetItem(m_checks, {check.title, statusWord(check.status), check.detail, check.remedy});
        item->setIcon(1, trafficLight(check.status == QLatin1String("ok")     ? Light::Green
                                      : check.status == QLatin1String("warn") ? Light::Amber
                                                                              : Light::Red));
        item->setData(0, Qt::UserRole, check.id);
        item->setToolTip(2, check.detail);
        item->setToolTip(3, check.remedy);
    }
    for (int column = 0; column < 2; ++column)
        m_checks->resizeColumnToContents(column);
    int failed = 0, warned = 0;
    for (const core::DoctorCheck &check : m_model->checks()) {
        failed += check.status == QLatin1String("fail");
        warned += check.status == QLatin1String("warn");
    }
    if (failed + warned == 0)
        m_summary->setText(tr("All checks passed for %1.").arg(m_model->user()));
    else
        m_summary->setText(tr("%1 — failed: %2, warnings: %3").arg(m_model->user()).arg(failed).arg(warned));
}

QString DoctorPage::reportText() const
{
    QString text = tr("Podbay doctor report for %1: %2\n").arg(m_model->user(), m_model->overall());
    for (const core::DoctorCheck &check : m_model->checks()) {
        text += QStringLiteral("[%1] %2: %3").arg(check.status, check.title, check.detail);
        if (!check.remedy.isEmpty())
            text += QStringLiteral(" -> ") + check.remedy;
        if (!check.fix.isEmpty())
            text += QStringLiteral(" (admin fix: %1)").arg(check.fix);
        text += QLatin1Char('\n');
    }
    return text;
}

QCoro::Task<> DoctorPage::runChecks()
{
    // The model reports errors and results through its signals (refresh, failed).
    if (!m_lookUp) {
        co_await m_model->runForMe();
        co_return;
    }
    const QString user = m_user->text().trimmed();
    if (user.isEmpty()) {
        m_summary->setText(tr("Enter the user name to look up."));
        co_return;
    }
    co_await m_model->lookUp(user);
}

} // namespace podbay::gui
