#include "AdminPage.h"
#include "AdminReport.h"
#include "Widgets.h"

#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace podbay::gui {

AdminPage::AdminPage(core::HelperRpc *rpc, QWidget *parent)
    : QWidget(parent)
    , m_plan(new core::AdminPlan(rpc, this))
    , m_parts(new QTreeWidget(this))
    , m_host(new QLabel(this))
    , m_refreshButton(new QPushButton(tr("&Refresh"), this))
    , m_partTitle(new QLabel(this))
    , m_partState(new QLabel(this))
    , m_form(new QFormLayout)
    , m_storagePath(new QLineEdit(this))
    , m_registryStorage(new QLineEdit(this))
    , m_registryListen(new QLineEdit(this))
    , m_aliasAction(new QComboBox(this))
    , m_pruneAge(new QLineEdit(QStringLiteral("7d"), this))
    , m_planButton(new QPushButton(tr("&Plan"), this))
    , m_applyButton(new QPushButton(tr("&Apply…"), this))
    , m_progress(new QProgressBar(this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
    , m_status(new QLabel(this))
    , m_report(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("adminPage"));
    m_parts->setObjectName(QStringLiteral("adminParts"));
    m_host->setObjectName(QStringLiteral("adminHost"));
    m_refreshButton->setObjectName(QStringLiteral("adminRefreshButton"));
    m_partTitle->setObjectName(QStringLiteral("adminPartTitle"));
    m_partState->setObjectName(QStringLiteral("adminPartState"));
    m_storagePath->setObjectName(QStringLiteral("adminStoragePath"));
    m_registryStorage->setObjectName(QStringLiteral("adminRegistryStorage"));
    m_registryListen->setObjectName(QStringLiteral("adminRegistryListen"));
    m_aliasAction->setObjectName(QStringLiteral("adminAliasAction"));
    m_pruneAge->setObjectName(QStringLiteral("adminPruneAge"));
    m_planButton->setObjectName(QStringLiteral("adminPlanButton"));
    m_applyButton->setObjectName(QStringLiteral("adminApplyButton"));
    m_progress->setObjectName(QStringLiteral("adminProgress"));
    m_cancelButton->setObjectName(QStringLiteral("adminCancelButton"));
    m_status->setObjectName(QStringLiteral("adminStatus"));
    m_report->setObjectName(QStringLiteral("adminReport"));

    m_parts->setHeaderLabels({tr("Part"), tr("State")});
    m_parts->setRootIsDecorated(false);
    m_parts->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_parts->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_partTitle->setTextFormat(Qt::PlainText);
    QFont titleFont = m_partTitle->font();
    titleFont.setBold(true);
    m_partTitle->setFont(titleFont);
    m_partState->setWordWrap(true);
    m_partState->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_storagePath->setPlaceholderText(tr("a directory on a local disk, e.g. /scratch/containers"));
    m_registryStorage->setPlaceholderText(tr("where the registry keeps its data"));
    m_registryListen->setPlaceholderText(QStringLiteral("127.0.0.1:5000")); // the default of registry setup
    m_aliasAction->addItem(tr("Enable the alias")); // index 0, planMethod()
    m_aliasAction->addItem(tr("Disable the alias"));
    m_form->addRow(tr("Storage directory:"), m_storagePath);
    m_form->addRow(tr("Registry data:"), m_registryStorage);
    m_form->addRow(tr("Listen on:"), m_registryListen);
    m_form->addRow(tr("Change:"), m_aliasAction);
    m_form->addRow(tr("Older than:"), m_pruneAge);
    m_report->setPlaceholderText(tr("Choose a part and press Plan: the changes are shown here before anything is written."));
    m_report->setOpenLinks(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("<h3>Admin</h3>"), this));
    top->addWidget(m_host, 1);
    top->addWidget(m_refreshButton);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_planButton);
    buttons->addWidget(m_applyButton);
    buttons->addStretch(1);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancelButton);

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_partTitle);
    detailLayout->addWidget(m_partState);
    detailLayout->addLayout(m_form);
    detailLayout->addLayout(buttons);
    detailLayout->addWidget(m_report, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_parts);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 5);
    splitter->setSizes({330, 570});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    layout->addLayout(progressRow);
    layout->addWidget(m_status);

    connect(m_refreshButton, &QPushButton::clicked, this, &AdminPage::refresh);
    connect(m_planButton, &QPushButton::clicked, this, &AdminPage::makePlan);
    connect(m_applyButton, &QPushButton::clicked, this, &AdminPage::apply);
    connect(m_cancelButton, &QPushButton::clicked, m_plan, &core::WorkflowModel::cancel);
    connect(m_parts, &QTreeWidget::currentItemChanged, this, &AdminPage::partSelected);
    for (QLineEdit *edit : {m_storagePath, m_registryStorage, m_registryListen, m_pruneAge})
        connect(edit, &QLineEdit::textEdited, this, &AdminPage::paramsEdited);
    connect(m_aliasAction, &QComboBox::currentIndexChanged, this, &AdminPage::paramsEdited);
    connect(m_plan, &core::WorkflowModel::busyChanged, this, [this](bool busy) {
        if (!busy) {
            m_progress->setRange(0, 1);
            m_progress->setValue(0);
        }
        updateButtons();
    });
    connect(m_plan, &core::WorkflowModel::progressChanged, this, [this](double fraction, const QString &status) {
        // A negative fraction: the helper does not know how far the command is (docs/protocol.md,
        // "Notifications"; admin commands report -1 when they start).
        if (fraction < 0) {
            m_progress->setRange(0, 0);
        } else {
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(fraction * 1000));
        }
        m_status->setText(status);
    });
    connect(m_plan, &core::WorkflowModel::failed, this,
            [this](const core::Error &error) { m_status->setText(error.toString()); });
    m_confirm = [this](const QString &text) {
        return QMessageBox::warning(this, tr("Apply on %1").arg(m_hostName), text,
                                    QMessageBox::Apply | QMessageBox::Cancel, QMessageBox::Cancel)
            == QMessageBox::Apply;
    };
    partSelected();
}

void AdminPage::connected(const core::HelloInfo &hello)
{
    // docs/protocol.md system.hello: node.hostname names the node every change goes to;
    // capabilities.methods is what this caller may call.
    m_hostName = hello.node.value(QStringLiteral("hostname")).toString();
    m_methods = hello.methods;
    m_host->setText(tr("Login node %1").arg(m_hostName));
    m_plannedPart.clear();
    showReport({}, {});
    refresh();
}

QCoro::Task<> AdminPage::refresh()
{
    QPointer<AdminPage> self(this);
    // `status` plans every part without writing: its `state` is the drift. It exits 1 on
    // drift, and that report is still the result (docs/protocol.md, "Admin commands as methods").
    const auto status = co_await m_plan->query(QStringLiteral("admin.status"));
    if (!self || !status.ok())
        co_return;
    QJsonObject parts = status.value();
    // The docker alias has a status of its own, also when helper.conf does not configure it.
    if (m_methods.contains(QStringLiteral("admin.dockerAlias.status"))) {
        const auto alias = co_await m_plan->query(QStringLiteral("admin.dockerAlias.status"));
        if (!self)
            co_return;
        if (alias.ok())
            parts.insert(QStringLiteral("dockerAlias"), alias.value());
    }
    fillParts(parts);
    m_status->setText(tr("State of %1 read.").arg(m_hostName));
}

void AdminPage::fillParts(const QJsonObject &status)
{
    const QString current = currentPart();
    m_partStatus = {};
    m_parts->clear();
    QStringList names;
    for (const QJsonValue &value : status.value(QLatin1String("parts")).toArray()) {
        const QJsonObject part = value.toObject();
        const QString name = part.value(QLatin1String("name")).toString();
        m_partStatus.insert(name, part);
        names << name;
    }
    names << kSetupRow << kPruneRow;
    const bool aliasEnabled = status.value(QLatin1String("dockerAlias")).toObject().value(QLatin1String("enabled")).toBool();
    for (const QString &name : names) {
        const QJsonObject part = m_partStatus.value(name).toObject();
        const QString state = part.value(QLatin1String("state")).toString();
        QString shown = state.isEmpty() ? tr("on demand") : stateWord(state);
        if (name == QLatin1String("docker-alias") && status.contains(QLatin1String("dockerAlias")))
            shown += aliasEnabled ? tr(" (on)") : tr(" (off)");
        auto *item = new QTreeWidgetItem(m_parts, {partTitle(name), shown});
        item->setData(0, Qt::UserRole, name);
        // No light for the commands run on demand, but the same indent as the parts.
        item->setIcon(0, trafficLight(state.isEmpty() ? Light::None : stateLight(state)));
        item->setToolTip(0, part.value(QLatin1String("describe")).toString());
        if (name == current)
            m_parts->setCurrentItem(item);
    }
    if (!m_parts->currentItem() && m_parts->topLevelItemCount() > 0)
        m_parts->setCurrentItem(m_parts->topLevelItem(0));
    partSelected();
}

QString AdminPage::currentPart() const
{
    const QTreeWidgetItem *item = m_parts->currentItem();
    return item ? item->data(0, Qt::UserRole).toString() : QString();
}

QString AdminPage::planMethod(const QString &part) const
{
    return core::AdminPlan::methodForPart(part, m_aliasAction->currentIndex() == 0);
}

QJsonObject AdminPage::planParams(const QString &part) const
{
    return core::AdminPlan::paramsForPart(part, {{QStringLiteral("path"), m_storagePath->text()},
                                                 {QStringLiteral("storage"), m_registryStorage->text()},
                                                 {QStringLiteral("listen"), m_registryListen->text()},
                                                 {QStringLiteral("olderThan"), m_pruneAge->text()}});
}

void AdminPage::partSelected()
{
    const QString part = currentPart();
    m_partTitle->setText(part.isEmpty() ? tr("No part chosen") : partTitle(part));
    const QJsonObject status = m_partStatus.value(part).toObject();
    QStringList lines;
    if (!status.isEmpty()) {
        lines << stateWord(status.value(QLatin1String("state")).toString());
        if (status.contains(QLatin1String("describe")))
            lines.last() += QStringLiteral(": ") + status.value(QLatin1String("describe")).toString();
        if (status.value(QLatin1String("state")).toString() == QLatin1String("not-configured"))
            lines << tr("/etc/podbay/helper.conf does not configure this part; its command can still be planned.");
    } else if (part == kSetupRow) {
        lines << tr("Plans every part /etc/podbay/helper.conf configures, as `podbay-helper setup`.");
    } else if (part == kPruneRow) {
        lines << tr("Removes every user's stopped containers and unused images older than the age given.");
    }
    m_partState->setText(lines.join(QLatin1Char('\n')));
    m_form->setRowVisible(m_storagePath, part == QLatin1String("storage"));
    m_form->setRowVisible(m_registryStorage, part == QLatin1String("registry"));
    m_form->setRowVisible(m_registryListen, part == QLatin1String("registry"));
    m_form->setRowVisible(m_aliasAction, part == QLatin1String("docker-alias"));
    m_form->setRowVisible(m_pruneAge, part == kPruneRow);
    // The plan made for this part, or what its drift is now: the same kind of report (files
    // with diffs, actions).
    if (part == m_plannedPart && m_plan->hasPlan())
        showReport(tr("Plan: %1 on %2").arg(m_plan->method(), m_hostName), m_plan->plan());
    else if (!status.isEmpty() && status.value(QLatin1String("state")).toString() != QLatin1String("not-configured"))
        showReport(tr("Current state of %1").arg(partTitle(part)), status);
    else if (!part.isEmpty() && part != m_plannedPart) {
        showReport({}, {});
    }
    updateButtons();
}

void AdminPage::paramsEdited()
{
    // A plan holds for the parameters it was made with: changed ones need a new plan.
    m_plannedPart.clear();
    updateButtons();
}

void AdminPage::updateButtons()
{
    const bool busy = m_plan->busy();
    const QString part = currentPart();
    m_refreshButton->setEnabled(!busy);
    m_planButton->setEnabled(!busy && !part.isEmpty() && m_methods.contains(planMethod(part)));
    // AdminPlan::apply refuses without a plan; the button also waits for a plan of the part shown.
    m_applyButton->setEnabled(!busy && m_plan->hasPlan() && !m_plannedPart.isEmpty() && m_plannedPart == part);
    m_cancelButton->setEnabled(busy);
}

QCoro::Task<> AdminPage::makePlan()
{
    QPointer<AdminPage> self(this);
    const QString part = currentPart();
    const QString method = planMethod(part);
    m_plannedPart.clear();
    const auto planned = co_await m_plan->makePlan(method, planParams(part));
    if (!self || !planned.ok())
        co_return;
    m_plannedPart = part;
    showReport(tr("Plan: %1 on %2").arg(method, m_hostName), planned.value());
    m_status->setText(tr("Planned %1: nothing is written until you apply it.").arg(method));
    updateButtons();
}

QCoro::Task<> AdminPage::apply()
{
    if (!m_plan->hasPlan() || m_plannedPart != currentPart())
        co_return;
    const QString method = m_plan->method();
    if (m_confirm && !m_confirm(tr("Apply %1 on the login node %2?\n\nThis changes %2 as the plan shows.")
                                    .arg(method, m_hostName)))
        co_return;
    QPointer<AdminPage> self(this);
    const auto applied = co_await m_plan->apply();
    if (!self)
        co_return;
    m_plannedPart.clear();
    updateButtons();
    if (!applied.ok())
        co_return;
    showReport(tr("Applied: %1 on %2").arg(method, m_hostName), applied.value());
    const QString done = tr("Applied %1 on %2.").arg(method, m_hostName);
    // The parts' state after the change; the applied report stays shown.
    const QJsonObject report = m_shownReport;
    const QString heading = m_reportHeading;
    co_await refresh();
    if (!self)
        co_return;
    showReport(heading, report);
    m_status->setText(done);
}

void AdminPage::showReport(const QString &heading, const QJsonObject &report)
{
    m_reportHeading = heading;
    m_shownReport = report;
    render();
}

void AdminPage::render()
{
    if (m_reportHeading.isEmpty()) {
        m_report->clear();
        m_report->setProperty("plainReport", QString());
        return;
    }
    // Colours for the background the palette gives the view (light or dark).
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    ReportRenderer renderer(dark, QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
    renderer.walk(m_shownReport);
    const QJsonValue changed = m_shownReport.value(QLatin1String("changed"));
    if (renderer.empty() && !changed.isBool())
        renderer.raw(m_shownReport); // a report without the shared members (prune's users)
    if (changed.isBool()) {
        const bool dryRun = m_shownReport.value(QLatin1String("dryRun")).toBool();
        renderer.prepend(changed.toBool() ? (dryRun ? tr("Changes planned:") : tr("Changed:"))
                                          : tr("No change: the node already matches."));
    }
    renderer.prepend(m_reportHeading);
    m_report->setHtml(renderer.html());
    m_report->setProperty("plainReport", renderer.text());
}

QString AdminPage::reportText() const
{
    return m_report->property("plainReport").toString();
}

void AdminPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        render(); // the diff's colours follow a switch between light and dark
    QWidget::changeEvent(event);
}

} // namespace podbay::gui
