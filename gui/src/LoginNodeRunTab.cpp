#include "LoginNodeRunTab.h"

#include "ShellWords.h"
#include "Widgets.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace podbay::gui {

LoginNodeRunTab::LoginNodeRunTab(core::HelperRpc *rpc, QLineEdit *image, QWidget *parent)
    : QWidget(parent)
    , m_flow(new core::SlurmJobFlow(rpc, this))
    , m_image(image)
    , m_command(lineEdit(QStringLiteral("loginCommand"), {}, this))
    , m_gpu(new QCheckBox(tr("With &GPUs"), this))
    , m_runButton(button(QStringLiteral("loginRunButton"), tr("Run &once"), this))
    , m_output(outputView(QStringLiteral("loginOutput"), tr("What the command writes appears here."), this))
    , m_call(new CallStatus(m_flow, QStringLiteral("login"), this))
{
    setObjectName(QStringLiteral("loginNodeRunTab"));
    m_command->setPlaceholderText(tr("empty: the image's CMD; e.g. python3 -c 'print(42)'"));
    m_command->setToolTip(tr("Split into words as a shell would; no shell runs it (no pipes, no $VARIABLES)."));
    m_gpu->setObjectName(QStringLiteral("loginGpu"));
    m_call->addStartWidget(m_runButton);

    auto *form = new QFormLayout;
    form->addRow(tr("Comma&nd:"), m_command);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_gpu);
    buttons->addStretch(1);
    buttons->addWidget(m_runButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Runs the image once here, with your user and home directory inside "
                                    "(podman run). For quick checks; long work belongs in a Slurm job."),
                                 this));
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_output, 1);
    layout->addWidget(m_call);

    connect(m_runButton, &QPushButton::clicked, this, &LoginNodeRunTab::run);
    connect(m_command, &QLineEdit::returnPressed, this, &LoginNodeRunTab::run);
    connect(m_flow, &core::WorkflowModel::logAppended, this,
            [this](const QString &, const QString &text) { appendOutput(m_output, text); });
    setGpuCount(0);
}

void LoginNodeRunTab::setGpuCount(int gpus)
{
    m_gpu->setEnabled(gpus > 0);
    if (gpus <= 0)
        m_gpu->setChecked(false);
    m_gpu->setToolTip(gpus > 0 ? tr("Adds the node's %n GPU(s) (--device nvidia.com/gpu=all).", nullptr, gpus)
                               : tr("This login node has no GPUs."));
}

QString LoginNodeRunTab::statusText() const
{
    return m_call->text();
}

QCoro::Task<> LoginNodeRunTab::run()
{
    const QString image = m_image->text().trimmed();
    if (m_flow->busy())
        co_return;
    if (image.isEmpty()) {
        m_call->setText(tr("Name an image first."));
        co_return;
    }
    // run.podman takes an argv (docs/protocol.md): the words, not a shell line.
    const std::optional<QStringList> words = splitShellWords(m_command->text());
    if (!words) {
        m_call->setText(tr("A quote in the command is not closed."));
        co_return;
    }
    const QJsonArray command = QJsonArray::fromStringList(*words);
    QPointer<LoginNodeRunTab> self(this);
    m_output->clear();
    const auto ran = co_await m_flow->runOnLoginNode(image, command, m_gpu->isChecked());
    if (!self)
        co_return;
    if (!ran.ok()) {
        m_call->setText(ran.error().toString());
        co_return;
    }
    const QJsonObject result = ran.value();
    // The log streamed stdout and stderr as they came; the answer has stdout alone
    // (docs/protocol.md run.podman).
    if (m_output->toPlainText().isEmpty())
        m_output->setPlainText(result.value(QStringLiteral("output")).toString());
    QString status = tr("Exit code %1.").arg(result.value(QStringLiteral("exitCode")).toInt());
    if (result.value(QStringLiteral("truncated")).toBool())
        status += QLatin1Char(' ') + tr("The output passed 16 MiB; the rest was dropped.");
    m_call->setText(status);
}

} // namespace podbay::gui
