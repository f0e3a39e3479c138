#pragma once
// Run page: one image, three ways to run it. The Slurm part: a pushed image as a batch job
// (partition, time, CPUs, memory, GPUs), the generated script shown before submitting,
// then the job's state and live output until it ends (core::SlurmJobFlow). Once on the
// login node (LoginNodeRunTab) and as an Apptainer SIF (ApptainerTab) are tabs beside it.

#include <HelperVersion.h>
#include <SlurmJobFlow.h>
#include <SshConnection.h>

#include <QWidget>

#include <QCoroTask>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace podbay::gui {

class ApptainerTab;
class LoginNodeRunTab;

class RunPage : public QWidget
{
    Q_OBJECT

public:
    explicit RunPage(core::HelperRpc *rpc, QWidget *parent = nullptr);

    core::SlurmJobFlow *job() { return m_job; }
    void setImage(const QString &image);
    // After connecting: what the node offers (GPUs, Apptainer) and the user's home there.
    void connected(core::SshConnection *ssh, const core::HelloInfo &hello);
    LoginNodeRunTab *loginNodeTab() { return m_loginNodeTab; }
    ApptainerTab *apptainerTab() { return m_apptainerTab; }
    core::JobSpec spec() const;

private:
    QCoro::Task<> showScript();
    QCoro::Task<> submit();
    QCoro::Task<> cancelJob();
    void updateState();

    core::SlurmJobFlow *m_job;
    QLineEdit *m_image;
    QLineEdit *m_command;
    QComboBox *m_runtime;
    QLineEdit *m_partition;
    QLineEdit *m_time;
    QSpinBox *m_cpus;
    QLineEdit *m_memory;
    QSpinBox *m_gpus;
    QPushButton *m_scriptButton;
    QPushButton *m_submitButton;
    QPushButton *m_cancelButton;
    QPlainTextEdit *m_script;
    QLabel *m_state;
    QPlainTextEdit *m_output;
    QTabWidget *m_tabs;
    LoginNodeRunTab *m_loginNodeTab;
    ApptainerTab *m_apptainerTab;
};

} // namespace podbay::gui
