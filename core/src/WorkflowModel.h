#pragma once
// What every workflow model shares (build flow, Slurm job, registry browser, doctor,
// admin plan): one helper call at a time, its progress, log and error as properties and
// signals the desktop app binds to widgets and the portal streams to the browser, and
// cancel. The models hold the workflow logic; the front ends only show them.

#include "Error.h"
#include "HelperClient.h"
#include "HelperRpc.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <QCoroTask>

#include <optional>

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
    // Runs one helper call as this model's current call: refuses a second one while one
    // runs (E_BUSY), and follows its progress, log and cancel() by the request id.
    // `call(CallOptions)` starts the call, e.g.
    //   run(tr("Removing…"), [&](CallOptions o) { return client().containersRemove(name, o); })
    // and is called at once, so it may capture the caller's locals by reference. `what` is
    // the status shown until the helper reports progress of its own.
    template<typename Call>
    auto run(QString what, Call call) -> decltype(call(CallOptions{}));
    // The typed client. A call made with it outside run() (a poll, a reload) is not the
    // model's current call: no busy state, no progress, not cancelled by cancel().
    HelperClient &client() { return m_client; }

private:
    std::optional<Error> begin(const QString &what);
    CallOptions currentCallOptions();
    void finish(const Error *error);
    void setProgress(double fraction, const QString &status);

    QPointer<HelperRpc> m_rpc;
    HelperClient m_client;
    qint64 m_currentId = -1;
    double m_progress = 0;
    QString m_status;
    QString m_log;
    Error m_lastError;
};

template<typename Call>
auto WorkflowModel::run(QString what, Call call) -> decltype(call(CallOptions{}))
{
    const std::optional<Error> refused = begin(what);
    if (refused)
        co_return *refused;
    QPointer<WorkflowModel> self(this);
    auto result = co_await call(currentCallOptions());
    if (!self)
        co_return result; // the model went away while the call ran
    if (result.ok())
        finish(nullptr);
    else
        finish(&result.error());
    co_return result;
}

} // namespace podbay::core
