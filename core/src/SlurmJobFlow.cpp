#include "SlurmJobFlow.h"

#include "ErrorCodes.h"

#include <QCoroTimer>

#include <podbay/protocol/Protocol.h>

namespace podbay::core {

QJsonObject JobSpec::toParams() const
{
    QJsonObject params{{QStringLiteral("image"), image},   {QStringLiteral("command"), command},
                       {QStringLiteral("runtime"), runtime}, {QStringLiteral("name"), name},
                       {QStringLiteral("time"), time},     {QStringLiteral("cpus"), cpus},
                       {QStringLiteral("gpus"), gpus}};
    if (!partition.isEmpty())
        params.insert(QStringLiteral("partition"), partition);
    if (!memory.isEmpty())
        params.insert(QStringLiteral("memory"), memory);
    return params;
}

SlurmJobFlow::SlurmJobFlow(HelperRpc *rpc, QObject *parent) : WorkflowModel(rpc, parent) {}

bool SlurmJobFlow::isFinalState(const QString &state)
{
    static const QStringList final{QStringLiteral("COMPLETED"),   QStringLiteral("FAILED"),
                                   QStringLiteral("CANCELLED"),   QStringLiteral("TIMEOUT"),
                                   QStringLiteral("OUT_OF_MEMORY"), QStringLiteral("NODE_FAIL"),
                                   QStringLiteral("PREEMPTED"),   QStringLiteral("BOOT_FAIL"),
                                   QStringLiteral("DEADLINE")};
    // scontrol may add a reason: "CANCELLED by 1001".
    return final.contains(state.section(QLatin1Char(' '), 0, 0));
}

void SlurmJobFlow::setState(const QString &state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
    Q_EMIT changed();
}

QCoro::Task<Result<QString>> SlurmJobFlow::script(JobSpec spec)
{
    const auto rendered = co_await run(QStringLiteral("slurm.script"), spec.toParams(), tr("Writing the job script…"));
    if (!rendered.ok())
        co_return rendered.error();
    co_return rendered.value().toObject().value(QStringLiteral("script")).toString();
}

QCoro::Task<Result<qint64>> SlurmJobFlow::submit(JobSpec spec)
{
    const auto submitted = co_await run(QStringLiteral("slurm.submit"), spec.toParams(), tr("Submitting the job…"));
    if (!submitted.ok())
        co_return submitted.error();
    m_jobId = submitted.value().toObject().value(QStringLiteral("jobId")).toInteger();
    m_output.clear();
    m_offset = 0;
    m_state.clear();
    setState(QStringLiteral("PENDING"));
    co_return m_jobId;
}

QCoro::Task<Result<void>> SlurmJobFlow::follow(std::chrono::milliseconds interval, std::chrono::milliseconds limit)
{
    if (m_jobId <= 0)
        co_return Error{QStringLiteral("E_USAGE"), tr("No job to follow."), tr("Submit one first.")};
    QPointer<SlurmJobFlow> self(this);
    const auto deadline = std::chrono::steady_clock::now() + limit;
    m_following = true;
    while (self && m_following && std::chrono::steady_clock::now() < deadline) {
        if (!rpc())
            co_return Error{QString(errc::kNotConnected), tr("Not connected to the login node."), tr("Reconnect.")};
        // Polls go past run(): following must not keep the page from doing other calls.
        const QJsonObject params{{QStringLiteral("jobId"), m_jobId}, {QStringLiteral("offset"), m_offset}};
        const auto out = co_await rpc()->call(QStringLiteral("slurm.output"),
                                              params,
                                              std::chrono::minutes(1));
        if (!self)
            co_return Result<void>();
        bool more = false;
        if (out.ok()) {
            const QJsonObject o = out.value().toObject();
            const QString text = o.value(QStringLiteral("text")).toString();
            m_offset = o.value(QStringLiteral("nextOffset")).toInteger(m_offset);
            more = m_offset < o.value(QStringLiteral("size")).toInteger();
            if (!text.isEmpty()) {
                m_output += text;
                Q_EMIT outputAppended(text);
                Q_EMIT changed();
            }
            setState(o.value(QStringLiteral("state")).toString());
        } else if (out.error().code != QLatin1StringView(protocol::error::kNotFound.data(),
                                                         protocol::error::kNotFound.size())) {
            // E_NOT_FOUND: no output file before the job starts; anything else is an error.
            m_following = false;
            co_return out.error();
        }
        if (isFinalState(m_state) && !more) {
            m_following = false;
            co_return Result<void>();
        }
        if (!more)
            co_await QCoro::sleepFor(interval);
    }
    if (self)
        m_following = false;
    co_return Result<void>();
}

QCoro::Task<Result<void>> SlurmJobFlow::cancelJob()
{
    if (m_jobId <= 0)
        co_return Error{QStringLiteral("E_USAGE"), tr("No job to cancel."), {}};
    const QJsonObject params{{QStringLiteral("jobId"), m_jobId}};
    const auto cancelled = co_await run(QStringLiteral("slurm.cancel"), params,
                                        tr("Cancelling job %1…").arg(m_jobId));
    if (!cancelled.ok())
        co_return cancelled.error();
    co_return Result<void>();
}

QCoro::Task<Result<QJsonObject>> SlurmJobFlow::runOnLoginNode(QString image, QJsonArray command, bool gpu)
{
    const QJsonObject params{{QStringLiteral("image"), image}, {QStringLiteral("command"), command}, {QStringLiteral("gpu"), gpu}};
    const auto ran = co_await run(
        QStringLiteral("run.podman"),
        params,
        tr("Running %1 on the login node…").arg(image));
    if (!ran.ok())
        co_return ran.error();
    co_return ran.value().toObject();
}

} // namespace podbay::core
