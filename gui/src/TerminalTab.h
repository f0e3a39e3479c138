#pragma once
// The Build page's Terminal tab: a shell in the working container, on an SSH channel of
// its own with a PTY (RFC 4254 section 6.2), shown in a TerminalWidget. The remote
// command is BuildFlow::shellCommand(), i.e. `podbay-helper shell NAME`, which checks the
// container is the caller's, starts it if it stopped, and runs `podman exec -it` with
// bash where the image has it, else sh. What the user changes there stays in the
// container, so Commit & push saves it like a step's changes.

#include <BuildFlow.h>
#include <SshChannel.h>
#include <SshConnection.h>

#include <QPointer>
#include <QWidget>

#include <QCoroTask>

class QLabel;
class QPushButton;

namespace podbay::gui {

class TerminalWidget;

class TerminalTab : public QWidget
{
    Q_OBJECT

public:
    explicit TerminalTab(core::BuildFlow *flow, QWidget *parent = nullptr);

    // The connection the shell's channel is opened on (not owned).
    void setConnection(core::SshConnection *ssh);
    TerminalWidget *terminal() { return m_terminal; }
    bool isRunning() const { return m_channel; }
    QString statusText() const;

    // A new shell (after the last one ended): the screen is cleared first.
    void restart();

protected:
    // Opening the tab opens the shell (when there is a container and none runs yet).
    void showEvent(QShowEvent *event) override;

private:
    QCoro::Task<> open();
    void closeSession();
    void ended(int exitStatus, const QString &error);
    void containerChanged();
    void setStatus(const QString &text, bool canRestart);

    core::BuildFlow *m_flow;
    QPointer<core::SshConnection> m_ssh;
    QPointer<core::SshChannel> m_channel;
    QString m_container; // the container m_channel's shell runs in
    bool m_opening = false;
    bool m_ended = false; // a session ended; a new one starts with Restart only
    TerminalWidget *m_terminal;
    QLabel *m_status;
    QPushButton *m_restartButton;
};

} // namespace podbay::gui
