#include "ApptainerTab.h"

#include "Widgets.h"

#include <ShellQuote.h>

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace podbay::gui {
namespace {

// The pull line as a user would type it: words quoted only where a POSIX shell would
// read them otherwise (XCU 2.2), so the usual line stays readable.
QString displayCommand(const QStringList &argv)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    QStringList words;
    for (const QString &word : argv)
        words << (plain.match(word).hasMatch() ? word : core::shellQuote(word));
    return words.join(QLatin1Char(' '));
}

} // namespace

ApptainerTab::ApptainerTab(core::HelperRpc *rpc, QLineEdit *image, QWidget *parent)
    : QWidget(parent)
    , m_flow(new core::SlurmJobFlow(rpc, this))
    , m_image(image)
    , m_directory(lineEdit(QStringLiteral("apptainerDirectory"), {}, this))
    , m_dryRun(new QCheckBox(tr("Only &show the command"), this))
    , m_pullButton(button(QStringLiteral("apptainerPullButton"), tr("&Pull as SIF"), this))
    , m_lines(outputView(QStringLiteral("apptainerLines"),
                         tr("The line that pulls the image and the line that runs a command in it."), this))
    , m_call(new CallStatus(m_flow, QStringLiteral("apptainer"), this))
{
    setObjectName(QStringLiteral("apptainerTab"));
    m_directory->setPlaceholderText(tr("an absolute directory on the login node, e.g. /home/you/sif"));
    m_dryRun->setObjectName(QStringLiteral("apptainerDryRun"));
    m_call->addStartWidget(m_pullButton);
    m_dryRun->setToolTip(tr("Nothing is pulled: you get the line to run where Apptainer is installed."));
    m_lines->setMaximumHeight(80);

    auto *form = new QFormLayout;
    form->addRow(tr("&Directory:"), m_directory);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_dryRun);
    buttons->addStretch(1);
    buttons->addWidget(m_pullButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Apptainer runs an image as a single SIF file, also on compute nodes "
                                    "without Podman: keep it on a shared filesystem."),
                                 this));
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_lines);
    layout->addWidget(m_call);
    layout->addStretch(1);

    connect(m_pullButton, &QPushButton::clicked, this, &ApptainerTab::pull);
}

QCoro::Task<> ApptainerTab::connected(core::SshConnection *ssh, bool apptainerPresent)
{
    if (!apptainerPresent)
        m_dryRun->setChecked(true);
    // The helper has no method for the caller's home: the login node's own shell says
    // it ($HOME as login(1) set it), once per connection.
    QPointer<ApptainerTab> self(this);
    const auto home = co_await ssh->exec(QStringLiteral("printf %s \"$HOME\""), std::chrono::seconds(20));
    if (!self || !home.ok())
        co_return; // the field stays empty, with its placeholder
    const QString dir = QString::fromUtf8(home.value().standardOutput).trimmed();
    const QString current = m_directory->text().trimmed();
    // What the user typed stays; a home filled in for an earlier connection is replaced.
    if (dir.startsWith(QLatin1Char('/')) && (current.isEmpty() || current == m_home)) {
        m_directory->setText(dir);
        m_home = dir;
    }
}

QString ApptainerTab::statusText() const
{
    return m_call->text();
}

QString ApptainerTab::lines() const
{
    return m_lines->toPlainText();
}

QCoro::Task<> ApptainerTab::pull()
{
    const QString image = m_image->text().trimmed();
    const QString directory = m_directory->text().trimmed();
    if (m_flow->busy())
        co_return;
    if (image.isEmpty()) {
        m_call->setText(tr("Name an image first."));
        co_return;
    }
    // The helper refuses a relative directory too (E_BAD_INPUT); said here before a call,
    // and without the local computer's idea of a path (C:\ is not absolute there).
    if (!directory.startsWith(QLatin1Char('/'))) {
        m_call->setText(tr("The directory must be an absolute path on the login node, e.g. /home/you/sif."));
        m_directory->setFocus();
        co_return;
    }
    QPointer<ApptainerTab> self(this);
    m_lines->clear();
    const bool dryRun = m_dryRun->isChecked();
    const auto pulled = co_await m_flow->pullForApptainer(image, directory, dryRun);
    if (!self)
        co_return;
    if (!pulled.ok()) {
        m_call->setText(pulled.error().toString());
        co_return;
    }
    const core::ApptainerPull &result = pulled.value();
    m_lines->setPlainText(displayCommand(result.argv) + QLatin1Char('\n') + result.exec);
    if (result.ran)
        m_call->setText(tr("Pulled into %1.").arg(result.sif));
    else
        m_call->setText(tr("Run the first line where Apptainer is installed; it writes %1.").arg(result.sif));
}

} // namespace podbay::gui
