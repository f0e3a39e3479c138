#pragma once
// The run flow for cluster jobs (docs/protocol.md: slurm.*): render the batch script for a
// pushed image, submit it with sbatch, follow the job's state and output until it ends,
// cancel it. Running on the login node itself (run.podman) and the Apptainer lines are
// here too, as the same page offers them.

#include "WorkflowModel.h"

#include <QJsonArray>

namespace podbay::core {

// JobSpec (the params of slurm.script and slurm.submit) is in HelperTypes.h.

class SlurmJobFlow : public WorkflowModel
{
    Q_OBJECT

public:
    explicit SlurmJobFlow(HelperRpc *rpc, QObject *parent = nullptr);

    qint64 jobId() const { return m_jobId; }
    const QString &state() const { return m_state; }   // PENDING, RUNNING, COMPLETED, ...
    const QString &output() const { return m_output; } // what the job wrote so far
    // COMPLETED, FAILED, CANCELLED, TIMEOUT, ... (squeue(1) "JOB STATE CODES").
    static bool isFinalState(const QString &state);

    QCoro::Task<Result<QString>> script(JobSpec spec);
    QCoro::Task<Result<qint64>> submit(JobSpec spec);
    // Polls the job's state and output every `interval` until it reaches a final state
    // (and its output is read to the end), `limit` passes, or stopFollowing() is called.
    QCoro::Task<Result<void>> follow(std::chrono::milliseconds interval = std::chrono::seconds(2),
                                     std::chrono::milliseconds limit = std::chrono::hours(24));
    void stopFollowing() { m_following = false; }
    QCoro::Task<Result<void>> cancelJob();

    // `podman run` of `image` on the login node ($HOME bound); returns its output.
    QCoro::Task<Result<QJsonObject>> runOnLoginNode(QString image, QJsonArray command, bool gpu = false);
    // `image` as an Apptainer SIF in `directory` (docs/protocol.md run.apptainerPull);
    // `dryRun` only says the command, also where Apptainer is not installed.
    QCoro::Task<Result<ApptainerPull>> pullForApptainer(QString image, QString directory, bool dryRun);

Q_SIGNALS:
    void stateChanged(const QString &state);
    void outputAppended(const QString &text);

private:
    void setState(const QString &state);

    qint64 m_jobId = 0;
    QString m_state;
    QString m_output;
    qint64 m_offset = 0;
    bool m_following = false;
};

} // namespace podbay::core
