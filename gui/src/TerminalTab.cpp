#include "TerminalTab.h"

#include "TerminalWidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace podbay::gui {

TerminalTab::TerminalTab(core::BuildFlow *flow, QWidget *parent)
    : QWidget(parent)
    , m_flow(flow)
    , m_terminal(new TerminalWidget(this))
    , m_status(new QLabel(this))
    , m_restartButton(new QPushButton(tr("Restart s&hell"), this))
{
    setObjectName(QStringLiteral("terminalTab"));
    m_status->setObjectName(QStringLiteral("terminalStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_restartButton->setObjectName(QStringLiteral("terminalRestartButton"));
    // Its room is kept while hidden, so that showing it does not make the terminal smaller.
    QSizePolicy restartPolicy = m_restartButton->sizePolicy();
    restartPolicy.setRetainSizeWhenHidden(true);
    m_restartButton->setSizePolicy(restartPolicy);
    m_restartButton->setVisible(false);
    auto *hint = new QLabel(tr("What you change here stays in the container and is saved by Commit & push, "
                               "but it is not recorded as a step. Copy: Ctrl+Shift+C, paste: Ctrl+Shift+V."),
                            this);
    hint->setWordWrap(true);
    hint->setEnabled(false); // greyed: a remark, not a state

    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_restartButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_terminal, 1);
    layout->addWidget(hint);

    connect(m_restartButton, &QPushButton::clicked, this, &TerminalTab::restart);
    connect(m_terminal, &TerminalWidget::sendData, this, [this](const QByteArray &data) {
        if (m_channel)
            m_channel->write(data);
    });
    // The PTY follows the widget (SIGWINCH in the container via "window-change", RFC 4254 6.7).
    connect(m_terminal, &TerminalWidget::sizeChanged, this, [this](int columns, int rows) {
        if (m_channel)
            m_channel->resizePty(core::PtySize{columns, rows});
    });
    connect(m_flow, &core::WorkflowModel::changed, this, &TerminalTab::containerChanged);
    containerChanged();
}

void TerminalTab::setConnection(core::SshConnection *ssh)
{
    m_ssh = ssh;
}

QString TerminalTab::statusText() const
{
    return m_status->text();
}

void TerminalTab::setStatus(const QString &text, bool canRestart)
{
    m_status->setText(text);
    m_restartButton->setVisible(canRestart);
}

void TerminalTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_channel && !m_opening && !m_ended && !m_flow->container().isEmpty())
        open();
    m_terminal->setFocus();
}

void TerminalTab::containerChanged()
{
    // A step or a push changes the flow too; only another container (or none) ends the
    // shell, and that one gets a shell of its own on a clean screen.
    if (m_container != m_flow->container()) {
        closeSession();
        if (!m_container.isEmpty())
            m_terminal->reset();
        m_container.clear();
        m_ended = false;
    }
    if (m_channel || m_opening)
        return;
    if (m_flow->container().isEmpty()) {
        setStatus(tr("Start a working container first: a shell in it opens here."), false);
        return;
    }
    if (isVisible() && !m_ended)
        open();
    else if (!m_ended)
        setStatus(tr("A shell in %1 opens when you open this tab.").arg(m_flow->container()), false);
}

void TerminalTab::restart()
{
    if (m_channel || m_opening)
        return;
    m_terminal->reset();
    m_ended = false;
    open();
}

QCoro::Task<> TerminalTab::open()
{
    if (!m_ssh || !m_ssh->isConnected()) {
        setStatus(tr("Not connected to the login node."), false);
        co_return;
    }
    QPointer<TerminalTab> self(this);
    const QString container = m_flow->container();
    const QString command = m_flow->shellCommand(m_ssh->profile().helperCommand);
    const core::PtySize size{m_terminal->columns(), m_terminal->rows()};
    m_opening = true;
    m_container = container;
    setStatus(tr("Opening a shell in %1…").arg(container), false);
    const auto opened = co_await m_ssh->openChannel(command, size);
    if (!self) {
        if (opened.ok())
            delete opened.value(); // closes it
        co_return;
    }
    m_opening = false;
    m_container = container; // containerChanged() may have cleared it meanwhile
    if (!opened.ok()) {
        m_ended = true; // Restart tries again
        setStatus(opened.error().toString(), true);
        if (container != m_flow->container())
            containerChanged();
        co_return;
    }
    m_channel = opened.value();
    connect(m_channel, &core::SshChannel::dataReceived, m_terminal, &TerminalWidget::feed);
    connect(m_channel, &core::SshChannel::finished, this, &TerminalTab::ended);
    setStatus(tr("A shell in %1. Type exit or press Ctrl+D to end it.").arg(container), false);
    m_terminal->setFocus();
    // The widget may have been resized while the channel opened.
    if (m_terminal->columns() != size.columns || m_terminal->rows() != size.rows)
        m_channel->resizePty(core::PtySize{m_terminal->columns(), m_terminal->rows()});
    // The user switched containers while this one opened.
    if (container != m_flow->container())
        containerChanged();
}

void TerminalTab::closeSession()
{
    if (!m_channel)
        return;
    disconnect(m_channel, nullptr, this, nullptr);
    disconnect(m_channel, nullptr, m_terminal, nullptr);
    m_channel->deleteLater(); // ~SshChannel closes it
    m_channel = nullptr;
}

// The channel ends with an error when the connection (not the shell) failed
// (SshChannel::finished).
void TerminalTab::ended(int exitStatus, const QString &error)
{
    closeSession();
    m_ended = true;
    m_terminal->feed("\x1b[?25l"); // no cursor: nothing reads the keys now (DECTCEM)
    if (!error.isEmpty()) {
        m_terminal->feed("\r\n" + tr("[connection lost]").toUtf8() + "\r\n");
        setStatus(tr("The connection to the login node dropped: %1").arg(error), true);
        return;
    }
    m_terminal->feed("\r\n" + tr("[session ended]").toUtf8() + "\r\n");
    setStatus(tr("The shell ended (exit code %1).").arg(exitStatus), true);
}

} // namespace podbay::gui
