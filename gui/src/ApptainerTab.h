#pragma once
// Run page, "Apptainer": the image as a SIF file in a directory of the user on the login
// node (docs/protocol.md run.apptainerPull), or, with "Only show the command", the pull
// line to run elsewhere (also where Apptainer is not installed), with the line to run a
// command in it. Both lines are for copying.

#include <SlurmJobFlow.h>
#include <SshConnection.h>

#include <QWidget>

#include <QCoroTask>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace podbay::gui {

class CallStatus;

class ApptainerTab : public QWidget
{
    Q_OBJECT

public:
    // `image` is the Run page's image field (not owned).
    ApptainerTab(core::HelperRpc *rpc, QLineEdit *image, QWidget *parent = nullptr);

    core::SlurmJobFlow *flow() { return m_flow; }
    // After connecting: the directory defaults to the user's home on the login node, and
    // where Apptainer is missing (system.hello node.apptainer) only the command is shown.
    QCoro::Task<> connected(core::SshConnection *ssh, bool apptainerPresent);
    QString statusText() const;
    QString lines() const;

private:
    QCoro::Task<> pull();

    core::SlurmJobFlow *m_flow;
    QLineEdit *m_image;
    QString m_home; // the last home directory filled in (replaced on the next connection)
    QLineEdit *m_directory;
    QCheckBox *m_dryRun;
    QPushButton *m_pullButton;
    QPlainTextEdit *m_lines;
    CallStatus *m_call;
};

} // namespace podbay::gui
