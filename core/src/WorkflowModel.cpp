#include "WorkflowModel.h"

#include "ErrorCodes.h"

#include <podbay/protocol/Protocol.h>

namespace podbay::core {

WorkflowModel::WorkflowModel(HelperRpc *rpc, QObject *parent) : QObject(parent), m_rpc(rpc), m_client(rpc)
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
    // 0: begun, not sent yet (request ids start at 1).
    if (m_currentId > 0)
        m_client.cancel(m_currentId);
}

void WorkflowModel::setProgress(double fraction, const QString &status)
{
    m_progress = fraction;
    m_status = status;
    Q_EMIT progressChanged(fraction, status);
}

std::optional<Error> WorkflowModel::begin(const QString &what)
{
    if (!m_rpc)
        return Error{QString(errc::kNotConnected), tr("Not connected to the login node."), tr("Connect first.")};
    if (busy())
        return Error{QString::fromLatin1(protocol::error::kBusy.data(), protocol::error::kBusy.size()),
                     tr("Another operation is still running: %1").arg(m_status),
                     tr("Wait for it to finish, or cancel it.")};
    m_lastError = {};
    m_log.clear();
    m_currentId = 0; // busy from here on; the id comes with onSent
    Q_EMIT busyChanged(true);
    setProgress(-1, what);
    return std::nullopt;
}

CallOptions WorkflowModel::currentCallOptions()
{
    CallOptions options;
    // Called before the call first suspends, while this model is alive.
    options.onSent = [this](qint64 id) { m_currentId = id; };
    return options;
}

void WorkflowModel::finish(const Error *error)
{
    m_currentId = -1;
    if (!error) {
        setProgress(1.0, tr("Done."));
    } else {
        m_lastError = *error;
        setProgress(0, error->message);
        Q_EMIT failed(*error);
    }
    Q_EMIT busyChanged(false);
}

} // namespace podbay::core
