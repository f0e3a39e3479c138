#include "BuildPage.h"

#include "ContainerfileTab.h"
#include "TerminalTab.h"
#include "Widgets.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QStringListModel>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace podbay::gui {

BuildPage::BuildPage(core::HelperRpc *rpc, QWidget *parent)
    : QWidget(parent)
    , m_flow(new core::BuildFlow(rpc, this))
    , m_suggestions(new core::RegistryBrowser(rpc, this))
    , m_suggestionModel(new QStringListModel(this))
    , m_baseImage(lineEdit(QStringLiteral("baseImage"), QStringLiteral("library/busybox:latest"), this))
    , m_containerName(lineEdit(QStringLiteral("containerName"), QStringLiteral("work"), this))
    , m_startButton(button(QStringLiteral("startButton"), tr("&Start"), this))
    , m_stepCommand(lineEdit(QStringLiteral("stepCommand"), {}, this))
    , m_runStepButton(button(QStringLiteral("runStepButton"), tr("&Run step"), this))
    , m_steps(new QTreeWidget(this))
    , m_output(outputView(QStringLiteral("output"), tr("The output of the running step appears here."), this))
    , m_changeTabs(new QTabWidget(this))
    , m_terminalTab(new TerminalTab(m_flow, this))
    , m_containerfileTab(new ContainerfileTab(rpc, this))
    , m_registryLabel(new QLabel(this))
    , m_imageName(lineEdit(QStringLiteral("imageName"), {}, this))
    , m_imageTag(lineEdit(QStringLiteral("imageTag"), QStringLiteral("latest"), this))
    , m_publishButton(button(QStringLiteral("publishButton"), tr("Commit && &push"), this))
    , m_runLines(outputView(QStringLiteral("runLines"), tr("After pushing: the lines to pull and run the image."), this))
    , m_progress(new QProgressBar(this))
    , m_cancelButton(button(QStringLiteral("cancelButton"), tr("Cancel"), this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("buildPage"));
    m_baseImage->setPlaceholderText(tr("library/python:3.12, or a full image reference"));
    m_baseImage->setToolTip(tr("A name without a registry comes from your site's registry. Type part of a "
                               "name to search the registry."));
    auto *completer = new QCompleter(m_suggestionModel, this);
    completer->setObjectName(QStringLiteral("baseImageCompleter"));
    completer->setFilterMode(Qt::MatchContains);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_baseImage->setCompleter(completer);
    connect(m_baseImage, &QLineEdit::textEdited, this, [this] {
        if (!m_suggestionsRequested) {
            m_suggestionsRequested = true;
            loadBaseImageSuggestions();
        }
    });
    m_stepCommand->setPlaceholderText(tr("a shell command, e.g. apk add git, or pip install numpy"));
    m_imageName->setPlaceholderText(tr("analysis"));
    m_steps->setObjectName(QStringLiteral("steps"));
    m_steps->setHeaderLabels({tr("#"), tr("Command"), tr("Exit code")});
    m_steps->setRootIsDecorated(false);
    m_steps->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_runLines->setMaximumHeight(90);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *base = new QGroupBox(tr("1. Base image"), this);
    auto *baseForm = new QFormLayout(base);
    baseForm->addRow(tr("&Image:"), m_baseImage);
    auto *nameRow = new QHBoxLayout;
    nameRow->addWidget(m_containerName);
    nameRow->addWidget(m_startButton);
    // A row holding a layout has no buddy for a mnemonic: plain labels there.
    baseForm->addRow(tr("Working container:"), nameRow);

    // Two ways to change the container: recorded steps, or a shell in a terminal.
    auto *steps = new QWidget(this);
    auto *stepsLayout = new QVBoxLayout(steps);
    auto *stepRow = new QHBoxLayout;
    stepRow->addWidget(m_stepCommand);
    stepRow->addWidget(m_runStepButton);
    stepsLayout->addLayout(stepRow);
    stepsLayout->addWidget(m_steps, 1);
    stepsLayout->addWidget(m_output, 2);
    m_changeTabs->setObjectName(QStringLiteral("changeTabs"));
    m_changeTabs->addTab(steps, tr("2. St&eps"));
    m_changeTabs->addTab(m_terminalTab, tr("&Terminal"));
    m_changeTabs->addTab(m_containerfileTab, tr("Cont&ainerfile"));

    auto *push = new QGroupBox(tr("3. Commit and push"), this);
    auto *pushForm = new QFormLayout(push);
    auto *imageRow = new QHBoxLayout;
    imageRow->addWidget(m_registryLabel);
    imageRow->addWidget(m_imageName, 1);
    imageRow->addWidget(new QLabel(QStringLiteral(":"), this));
    imageRow->addWidget(m_imageTag);
    imageRow->addWidget(m_publishButton);
    pushForm->addRow(tr("Image:"), imageRow);
    pushForm->addRow(tr("Run it:"), m_runLines);

    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QHBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_progress, 1);
    bottomLayout->addWidget(m_cancelButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(base);
    layout->addWidget(m_changeTabs, 1);
    layout->addWidget(push);
    layout->addWidget(bottom);
    layout->addWidget(m_status);

    // The Containerfile tab needs no working container and has its own name, progress and
    // status: the rows of the working container are hidden while it is shown.
    connect(m_changeTabs, &QTabWidget::currentChanged, this, [this, base, push, bottom] {
        const bool workingContainer = m_changeTabs->currentWidget() != m_containerfileTab;
        for (QWidget *w : {static_cast<QWidget *>(base), static_cast<QWidget *>(push), bottom,
                           static_cast<QWidget *>(m_status)})
            w->setVisible(workingContainer);
    });

    connect(m_startButton, &QPushButton::clicked, this, &BuildPage::startContainer);
    connect(m_runStepButton, &QPushButton::clicked, this, &BuildPage::runStep);
    connect(m_stepCommand, &QLineEdit::returnPressed, this, &BuildPage::runStep);
    connect(m_publishButton, &QPushButton::clicked, this, &BuildPage::publish);
    connect(m_cancelButton, &QPushButton::clicked, m_flow, &core::WorkflowModel::cancel);
    connect(m_flow, &core::WorkflowModel::busyChanged, this, &BuildPage::refresh);
    connect(m_flow, &core::WorkflowModel::changed, this, &BuildPage::refresh);
    connect(m_flow, &core::WorkflowModel::logAppended, this,
            [this](const QString &, const QString &text) { appendOutput(m_output, text); });
    bindProgress(m_flow, m_progress, m_status);
    setRegistry({}, {});
    refresh();
}

void BuildPage::setSshConnection(core::SshConnection *ssh)
{
    m_terminalTab->setConnection(ssh);
}

void BuildPage::setRegistry(const QString &registry, const QString &ownNamespace)
{
    m_registryLabel->setText(imagePrefix(registry, ownNamespace));
    m_containerfileTab->setRegistry(registry, ownNamespace);
}

QString BuildPage::statusText() const
{
    return m_status->text();
}

void BuildPage::refresh()
{
    const bool busy = m_flow->busy();
    const bool open = !m_flow->container().isEmpty();
    m_startButton->setEnabled(!busy);
    m_runStepButton->setEnabled(!busy && open);
    m_stepCommand->setEnabled(open);
    m_publishButton->setEnabled(!busy && open);
    m_cancelButton->setEnabled(busy);
    m_steps->clear();
    int number = 0;
    for (const core::BuildStep &step : m_flow->steps()) {
        auto *item = new QTreeWidgetItem(m_steps, {QString::number(++number), step.command, QString::number(step.exitCode)});
        if (step.exitCode != 0)
            item->setForeground(2, QColor(0xd1, 0x24, 0x2f)); // red, as the doctor's failures
        item->setToolTip(1, step.startedAt);
    }
    const core::PublishedImage &published = m_flow->published();
    m_runLines->setPlainText(published.image.isEmpty()
                                 ? QString()
                                 : published.podmanRun + QLatin1Char('\n') + published.apptainerPull +
                                       QLatin1Char('\n') + published.apptainerExec);
}

void BuildPage::showError(const core::Error &error)
{
    m_status->setText(error.toString());
}

QCoro::Task<> BuildPage::loadBaseImageSuggestions()
{
    QPointer<BuildPage> self(this);
    const auto read = co_await m_suggestions->refresh();
    if (!self || !read.ok())
        co_return; // the field still takes any name
    QStringList references;
    for (const core::RegistryRepository &repository : m_suggestions->repositories())
        for (const core::RegistryTag &tag : repository.tags)
            references << repository.name + QLatin1Char(':') + tag.tag;
    m_suggestionModel->setStringList(references);
    if (m_baseImage->hasFocus() && !m_baseImage->text().isEmpty()) {
        m_baseImage->completer()->setCompletionPrefix(m_baseImage->text());
        m_baseImage->completer()->complete();
    }
}

QCoro::Task<> BuildPage::startContainer()
{
    QPointer<BuildPage> self(this);
    m_output->clear();
    const auto started = co_await m_flow->start(m_baseImage->text().trimmed(), m_containerName->text().trimmed());
    if (!self)
        co_return;
    if (!started.ok())
        showError(started.error());
    else
        m_status->setText(tr("Working container %1 from %2 is ready.").arg(m_flow->container(), m_flow->baseImage()));
}

QCoro::Task<> BuildPage::runStep()
{
    const QString command = m_stepCommand->text().trimmed();
    if (command.isEmpty() || m_flow->busy())
        co_return;
    QPointer<BuildPage> self(this);
    m_output->clear();
    const auto step = co_await m_flow->runStep(command);
    if (!self)
        co_return;
    if (!step.ok()) {
        showError(step.error());
        co_return;
    }
    m_stepCommand->clear();
    // if/else, not ?: with QString operands: GCC 12 mishandles those temporaries in coroutines.
    if (step.value().exitCode == 0)
        m_status->setText(tr("The step succeeded."));
    else
        m_status->setText(tr("The step failed with exit code %1; it is kept in the list, and the Containerfile "
                             "marks it as not reproduced.")
                              .arg(step.value().exitCode));
}

QCoro::Task<> BuildPage::publish()
{
    QPointer<BuildPage> self(this);
    const auto published = co_await m_flow->publish(m_imageName->text().trimmed(), m_imageTag->text().trimmed());
    if (!self)
        co_return;
    if (!published.ok())
        showError(published.error());
    else
        m_status->setText(tr("Pushed %1").arg(published.value().image));
}

} // namespace podbay::gui
