#pragma once
// What every workflow model shares (build flow, Slurm job, registry browser, doctor,
// admin plan): one helper call at a time, its progress, log and error as properties and
// signals the desktop app binds to widgets and the portal streams to the browser, and
// cancel. The models hold the workflow logic; the front ends only show them.

#include "Error.h"
#include "HelperRpc.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QString>

#include <QCoroTask>

#include <chrono>

namespace podbay::core {

class WorkflowModel : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)

public:
    explicit WorkflowModel(HelperRpc *rpc, QObject *parent = nullptr);

    bool busy() const { return m_currentId >= 0; }
    double progress() const { return m_progress; } // [0, 1], negative while unknown
    const QString &status() const { return m_status; }
    const QString &log() const { return m_log; }   // the current call's streamed output
    const Error &lastError() const { return m_lastError; }

    // Cancels the running call (the helper kills its child; the call answers E_CANCELLED).
    void cancel();

Q_SIGNALS:
    void busyChanged(bool busy);
    void progressChanged(double fraction, const QString &status);
    void logAppended(const QString &stream, const QString &text);
    void failed(const podbay::core::Error &error);
    // The model's data changed (a step added, a job's state, a list refreshed).
    void changed();

protected:
    // Calls `method`; refuses a second call while one runs (E_BUSY). `what` is the status
    // shown until the helper reports progress of its own.
    QCoro::Task<Result<QJsonValue>> run(QString method, QJsonObject params, QString what,
                                        std::chrono::milliseconds timeout = std::chrono::hours(6));
    HelperRpc *rpc() const { return m_rpc; }

private:
    void setProgress(double fraction, const QString &status);

    QPointer<HelperRpc> m_rpc;
    qint64 m_currentId = -1;
    double m_progress = 0;
    QString m_status;
    QString m_log;
    Error m_lastError;
};

} // namespace podbay::core
