#include "WorkflowModel.h"

#include "ErrorCodes.h"

#include <podbay/protocol/Protocol.h>

namespace podbay::core {

WorkflowModel::WorkflowModel(HelperRpc *rpc, QObject *parent) : QObject(parent), m_rpc(rpc)
{
    // Notifications carry the request id: only the call this model runs is its business.
    connect(rpc, &HelperRpc::progress, this, [this](qint64 id, double fraction, const QString &message) {
        if (id == m_currentId)
            setProgress(fraction, message);
    });
    connect(rpc, &HelperRpc::log, this, [this](qint64 id, const QString &stream, const QString &text) {
        if (id != m_currentId)
            return;
        m_log += text;
        Q_EMIT logAppended(stream, text);
    });
}

void WorkflowModel::cancel()
{
    if (m_rpc && m_currentId >= 0)
        m_rpc->cancel(m_currentId);
}

void WorkflowModel::setProgress(double fraction, const QString &status)
{
    m_progress = fraction;
    m_status = status;
    Q_EMIT progressChanged(fraction, status);
}

QCoro::Task<Result<QJsonValue>> WorkflowModel::run(QString method, QJsonObject params, QString what,
                                                   std::chrono::milliseconds timeout)
{
    if (!m_rpc)
        co_return Error{QString(errc::kNotConnected), tr("Not connected to the login node."), tr("Connect first.")};
    if (busy())
        co_return Error{QString::fromLatin1(protocol::error::kBusy.data(), protocol::error::kBusy.size()),
                        tr("Another operation is still running: %1").arg(m_status),
                        tr("Wait for it to finish, or cancel it.")};
    m_lastError = {};
    m_log.clear();
    m_currentId = m_rpc->send(method, params);
    Q_EMIT busyChanged(true);
    setProgress(-1, what);
    QPointer<WorkflowModel> self(this);
    Result<QJsonValue> result = co_await m_rpc->waitFor(m_currentId, timeout);
    if (!self)
        co_return result; // the model went away while the call ran
    m_currentId = -1;
    if (result.ok()) {
        setProgress(1.0, tr("Done."));
    } else {
        m_lastError = result.error();
        setProgress(0, result.error().message);
        Q_EMIT failed(result.error());
    }
    Q_EMIT busyChanged(false);
    co_return result;
}

} // namespace podbay::core
