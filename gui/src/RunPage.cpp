#include "RunPage.h"

#include "ApptainerTab.h"
#include "LoginNodeRunTab.h"
#include "Widgets.h"

#include <QComboBox>
#include <QJsonObject>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace podbay::gui {

RunPage::RunPage(core::HelperRpc *rpc, QWidget *parent)
    : QWidget(parent)
    , m_job(new core::SlurmJobFlow(rpc, this))
    , m_image(new QLineEdit(this))
    , m_command(new QLineEdit(this))
    , m_runtime(new QComboBox(this))
    , m_partition(new QLineEdit(this))
    , m_time(new QLineEdit(QStringLiteral("01:00:00"), this))
    , m_cpus(new QSpinBox(this))
    , m_memory(new QLineEdit(this))
    , m_gpus(new QSpinBox(this))
    , m_scriptButton(new QPushButton(tr("Show &script"), this))
    , m_submitButton(new QPushButton(tr("S&ubmit job"), this))
    , m_cancelButton(new QPushButton(tr("Cancel &job"), this))
    , m_script(new QPlainTextEdit(this))
    , m_state(new QLabel(this))
    , m_output(new QPlainTextEdit(this))
    , m_tabs(new QTabWidget(this))
    , m_loginNodeTab(new LoginNodeRunTab(rpc, m_image, this))
    , m_apptainerTab(new ApptainerTab(rpc, m_image, this))
{
    setObjectName(QStringLiteral("runPage"));
    m_image->setObjectName(QStringLiteral("jobImage"));
    m_image->setPlaceholderText(tr("an image in the registry, e.g. after Commit & push"));
    m_image->setToolTip(tr("The same image for all three ways to run it."));
    m_command->setObjectName(QStringLiteral("jobCommand"));
    m_command->setPlaceholderText(tr("what the job runs, e.g. python analyse.py"));
    m_runtime->setObjectName(QStringLiteral("jobRuntime"));
    m_runtime->addItem(QStringLiteral("Podman"), QStringLiteral("podman"));
    m_runtime->addItem(QStringLiteral("Apptainer"), QStringLiteral("apptainer"));
    m_partition->setObjectName(QStringLiteral("jobPartition"));
    m_partition->setPlaceholderText(tr("the site default"));
    m_time->setObjectName(QStringLiteral("jobTime"));
    m_cpus->setObjectName(QStringLiteral("jobCpus"));
    m_cpus->setRange(1, 4096);
    m_memory->setObjectName(QStringLiteral("jobMemory"));
    m_memory->setPlaceholderText(tr("e.g. 8G; empty: the site default"));
    m_gpus->setObjectName(QStringLiteral("jobGpus"));
    m_gpus->setRange(0, 64);
    m_scriptButton->setObjectName(QStringLiteral("jobScriptButton"));
    m_submitButton->setObjectName(QStringLiteral("jobSubmitButton"));
    m_cancelButton->setObjectName(QStringLiteral("jobCancelButton"));
    m_script->setObjectName(QStringLiteral("jobScript"));
    m_output->setObjectName(QStringLiteral("jobOutput"));
    m_state->setObjectName(QStringLiteral("jobState"));
    for (QPlainTextEdit *text : {m_script, m_output}) {
        text->setReadOnly(true);
        text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    }
    m_script->setPlaceholderText(tr("The batch script appears here before you submit it."));
    m_output->setPlaceholderText(tr("The job's output appears here while it runs."));

    auto *form = new QFormLayout;
    form->addRow(tr("C&ommand:"), m_command);
    form->addRow(tr("&Runtime:"), m_runtime);
    form->addRow(tr("&Partition:"), m_partition);
    form->addRow(tr("&Time limit:"), m_time);
    auto *resources = new QHBoxLayout;
    resources->addWidget(new QLabel(tr("CPUs:"), this));
    resources->addWidget(m_cpus);
    resources->addWidget(new QLabel(tr("Memory:"), this));
    resources->addWidget(m_memory);
    resources->addWidget(new QLabel(tr("GPUs:"), this));
    resources->addWidget(m_gpus);
    form->addRow(tr("Resources:"), resources);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_scriptButton);
    buttons->addWidget(m_submitButton);
    buttons->addStretch(1);
    buttons->addWidget(m_state);
    buttons->addWidget(m_cancelButton);

    auto *job = new QWidget(this);
    auto *jobLayout = new QVBoxLayout(job);
    jobLayout->addLayout(form);
    jobLayout->addLayout(buttons);
    jobLayout->addWidget(m_script, 1);
    jobLayout->addWidget(m_output, 1);

    // One image, three ways to run it; the Slurm job first, as the way for real work.
    m_tabs->setObjectName(QStringLiteral("runTabs"));
    m_tabs->addTab(job, tr("Slur&m job"));
    m_tabs->addTab(m_loginNodeTab, tr("On the &login node"));
    m_tabs->addTab(m_apptainerTab, tr("&Apptainer"));
    auto *imageForm = new QFormLayout;
    imageForm->addRow(tr("&Image:"), m_image);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(imageForm);
    layout->addWidget(m_tabs, 1);

    connect(m_scriptButton, &QPushButton::clicked, this, &RunPage::showScript);
    connect(m_submitButton, &QPushButton::clicked, this, &RunPage::submit);
    connect(m_cancelButton, &QPushButton::clicked, this, &RunPage::cancelJob);
    connect(m_job, &core::SlurmJobFlow::stateChanged, this, &RunPage::updateState);
    connect(m_job, &core::WorkflowModel::busyChanged, this, &RunPage::updateState);
    connect(m_job, &core::SlurmJobFlow::outputAppended, this, [this](const QString &text) { appendOutput(m_output, text); });
    connect(m_job, &core::WorkflowModel::failed, this,
            [this](const core::Error &error) { m_state->setText(error.message); });
    updateState();
}

void RunPage::setImage(const QString &image)
{
    m_image->setText(image);
}

void RunPage::connected(core::SshConnection *ssh, const core::HelloInfo &hello)
{
    const QJsonObject node = hello.node;
    m_loginNodeTab->setGpuCount(node.value(QStringLiteral("gpus")).toInt());
    m_apptainerTab->connected(ssh, node.value(QStringLiteral("apptainer")).toObject().value(QStringLiteral("present")).toBool());
}

core::JobSpec RunPage::spec() const
{
    core::JobSpec spec;
    spec.image = m_image->text().trimmed();
    spec.command = m_command->text().trimmed();
    spec.runtime = m_runtime->currentData().toString();
    spec.partition = m_partition->text().trimmed();
    spec.time = m_time->text().trimmed();
    spec.cpus = m_cpus->value();
    spec.memory = m_memory->text().trimmed();
    spec.gpus = m_gpus->value();
    return spec;
}

void RunPage::updateState()
{
    const bool running = m_job->jobId() > 0 && !m_job->state().isEmpty() &&
                         !core::SlurmJobFlow::isFinalState(m_job->state());
    m_submitButton->setEnabled(!m_job->busy() && !running);
    m_scriptButton->setEnabled(!m_job->busy());
    m_cancelButton->setEnabled(running);
    if (m_job->jobId() > 0)
        m_state->setText(tr("Job %1: %2").arg(m_job->jobId()).arg(m_job->state()));
}

QCoro::Task<> RunPage::showScript()
{
    QPointer<RunPage> self(this);
    const auto script = co_await m_job->script(spec());
    if (self && script.ok())
        m_script->setPlainText(script.value());
}

QCoro::Task<> RunPage::submit()
{
    QPointer<RunPage> self(this);
    const core::JobSpec wanted = spec();
    // The script the job will run is shown first, as the user would want to read it.
    const auto script = co_await m_job->script(wanted);
    if (!self || !script.ok())
        co_return;
    m_script->setPlainText(script.value());
    m_output->clear();
    const auto submitted = co_await m_job->submit(wanted);
    if (!self || !submitted.ok())
        co_return;
    co_await m_job->follow();
}

QCoro::Task<> RunPage::cancelJob()
{
    co_await m_job->cancelJob();
}

} // namespace podbay::gui
