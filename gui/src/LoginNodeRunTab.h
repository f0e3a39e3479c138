#pragma once
// Run page, "On the login node": the image run once with `podman run` on the login node
// (docs/protocol.md run.podman: the user's uid and home directory inside, no shell), for a
// quick check before a job. The command line is split into words as a shell would
// (splitShellWords); empty runs the image's CMD.

#include <SlurmJobFlow.h>

#include <QWidget>

#include <QCoroTask>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace podbay::gui {

class CallStatus;

class LoginNodeRunTab : public QWidget
{
    Q_OBJECT

public:
    // `image` is the Run page's image field (not owned).
    LoginNodeRunTab(core::HelperRpc *rpc, QLineEdit *image, QWidget *parent = nullptr);

    core::SlurmJobFlow *flow() { return m_flow; }
    // GPUs are offered only where the node has some (system.hello node.gpus).
    void setGpuCount(int gpus);
    QString statusText() const;

private:
    QCoro::Task<> run();

    // A model of its own: a run here does not wait for the Slurm part.
    core::SlurmJobFlow *m_flow;
    QLineEdit *m_image;
    QLineEdit *m_command;
    QCheckBox *m_gpu;
    QPushButton *m_runButton;
    QPlainTextEdit *m_output;
    CallStatus *m_call;
};

} // namespace podbay::gui
