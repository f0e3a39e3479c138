#include "SlurmJobFlow.h"

#include "ErrorCodes.h"

#include <QCoroTimer>

#include <podbay/protocol/Protocol.h>

namespace podbay::core {

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
    const auto rendered = co_await run(tr("Writing the job script…"), [&](CallOptions options) {
        return client().slurmScript(spec, std::move(options));
    });
    if (!rendered.ok())
        co_return rendered.error();
    co_return rendered.value().script;
}

QCoro::Task<Result<qint64>> SlurmJobFlow::submit(JobSpec spec)
{
    const auto submitted = co_await run(tr("Submitting the job…"), [&](CallOptions options) {
        return client().slurmSubmit(spec, std::move(options));
    });
    if (!submitted.ok())
        co_return submitted.error();
    m_jobId = submitted.value().jobId;
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
        // Polls go past run(): following must not keep the page from doing other calls.
        CallOptions poll;
        poll.timeout = std::chrono::minutes(1);
        const auto out = co_await client().slurmOutput(m_jobId, m_offset, std::move(poll));
        if (!self)
            co_return Result<void>();
        bool more = false;
        if (out.ok()) {
            const JobOutput &o = out.value();
            m_offset = o.nextOffset;
            more = m_offset < o.size;
            if (!o.text.isEmpty()) {
                m_output += o.text;
                Q_EMIT outputAppended(o.text);
                Q_EMIT changed();
            }
            setState(o.state);
        } else if (out.error().code != QLatin1StringView(protocol::error::kNotFound.data(),
                                                         protocol::error::kNotFound.size())) {
            // E_NOT_FOUND: no output file before the job starts; anything else is an error
            // (E_NOT_CONNECTED too).
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
    const qint64 jobId = m_jobId;
    const auto cancelled = co_await run(tr("Cancelling job %1…").arg(jobId), [&](CallOptions options) {
        return client().slurmCancel(jobId, std::move(options));
    });
    if (!cancelled.ok())
        co_return cancelled.error();
    co_return Result<void>();
}

QCoro::Task<Result<ApptainerPull>> SlurmJobFlow::pullForApptainer(QString image, QString directory, bool dryRun)
{
    ApptainerPullParams params{image, std::move(directory), dryRun};
    // Not a ?: inside the co_await expression: GCC 12 miscompiles a conditional's
    // temporaries there (the first test run crashed in QString::arg).
    QString what = tr("Pulling %1 as a SIF file…").arg(image);
    if (dryRun)
        what = tr("Asking how to pull %1…").arg(image);
    const auto pulled = co_await run(what, [&](CallOptions options) {
        return client().runApptainerPull(params, std::move(options));
    });
    if (!pulled.ok())
        co_return pulled.error();
    ApptainerPull result = pulled.value(); // a copy: see BuildFlow::runStep()
    co_return result;
}

QCoro::Task<Result<QJsonObject>> SlurmJobFlow::runOnLoginNode(QString image, QJsonArray command, bool gpu)
{
    PodmanRunParams params{image, {}, gpu};
    for (const QJsonValue &word : command) {
        // run.podman takes an argv of strings (docs/protocol.md); the helper would refuse
        // anything else with the same code.
        if (!word.isString())
            co_return Error{QString::fromLatin1(protocol::error::kBadInput.data(), protocol::error::kBadInput.size()),
                            tr("The command must be a list of words (strings)."), {}};
        params.command << word.toString();
    }
    const auto ran = co_await run(tr("Running %1 on the login node…").arg(image), [&](CallOptions options) {
        return client().runPodman(params, std::move(options));
    });
    if (!ran.ok())
        co_return ran.error();
    co_return ran.value().toJson();
}

} // namespace podbay::core
