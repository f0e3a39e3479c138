#include "BuildFlow.h"

#include "ErrorCodes.h"
#include "ShellQuote.h"

#include <QJsonArray>

namespace podbay::core {
namespace {

Error noContainer()
{
    return Error{QStringLiteral("E_USAGE"), BuildFlow::tr("No working container is open."),
                 BuildFlow::tr("Start one from a base image, or open an existing one.")};
}

} // namespace

BuildFlow::BuildFlow(HelperRpc *rpc, QObject *parent) : WorkflowModel(rpc, parent) {}

void BuildFlow::loadHistory(const QJsonObject &history)
{
    m_base = history.value(QStringLiteral("base")).toString();
    m_steps.clear();
    for (const QJsonValue &value : history.value(QStringLiteral("steps")).toArray()) {
        const QJsonObject step = value.toObject();
        m_steps.append({step.value(QStringLiteral("command")).toString(), step.value(QStringLiteral("exitCode")).toInt(),
                        step.value(QStringLiteral("startedAt")).toString()});
    }
}

QCoro::Task<Result<void>> BuildFlow::start(QString baseImage, QString name)
{
    const QJsonObject params{{QStringLiteral("image"), baseImage}, {QStringLiteral("name"), name}};
    const auto created = co_await run(QStringLiteral("containers.create"),
                                      params,
                                      tr("Creating %1 from %2…").arg(name, baseImage));
    if (!created.ok())
        co_return created.error();
    m_container = name;
    m_base = created.value().toObject().value(QStringLiteral("image")).toString();
    m_steps.clear();
    m_published = {};
    Q_EMIT changed();
    co_return Result<void>();
}

QCoro::Task<Result<void>> BuildFlow::open(QString name)
{
    const QJsonObject params{{QStringLiteral("container"), name}};
    const auto history = co_await run(QStringLiteral("containers.history"), params,
                                      tr("Opening %1…").arg(name));
    if (!history.ok())
        co_return history.error();
    m_container = name;
    m_published = {};
    loadHistory(history.value().toObject());
    Q_EMIT changed();
    co_return Result<void>();
}

QCoro::Task<Result<BuildStep>> BuildFlow::runStep(QString command)
{
    if (m_container.isEmpty())
        co_return noContainer();
    const QJsonObject params{{QStringLiteral("container"), m_container}, {QStringLiteral("command"), command}};
    const auto ran = co_await run(QStringLiteral("steps.run"),
                                  params,
                                  tr("Running: %1").arg(command));
    // Recorded either way (a cancelled step too): the history is the helper's, reload it,
    // outside run() so the step's log stays what log() shows.
    // (No conditional expressions of class type in coroutines: GCC 12 destroys their
    // temporaries twice.)
    if (!rpc() && !ran.ok())
        co_return ran.error();
    if (!rpc())
        co_return Error{QString(errc::kNotConnected), tr("Not connected to the login node."), {}};
    const QJsonObject historyParams{{QStringLiteral("container"), m_container}};
    const auto history = co_await rpc()->call(QStringLiteral("containers.history"),
                                              historyParams, std::chrono::minutes(1));
    if (history.ok()) {
        loadHistory(history.value().toObject());
        Q_EMIT changed();
    }
    if (!ran.ok())
        co_return ran.error();
    if (!history.ok())
        co_return history.error();
    if (m_steps.isEmpty()) // cannot be: the helper recorded the step
        co_return Error{QString(errc::kBadResponse), tr("The step is missing from the history."), {}};
    // A copy: GCC 12 moves from an object named in co_return even when it is a member,
    // which left the recorded step without its command.
    BuildStep last = m_steps.last();
    co_return last;
}

QCoro::Task<Result<PublishedImage>> BuildFlow::publish(QString name, QString tag)
{
    if (m_container.isEmpty())
        co_return noContainer();
    const QJsonObject params{{QStringLiteral("container"), m_container}, {QStringLiteral("name"), name}, {QStringLiteral("tag"), tag}};
    const auto done = co_await run(
        QStringLiteral("images.publish"),
        params,
        tr("Publishing %1:%2…").arg(name, tag));
    if (!done.ok())
        co_return done.error();
    const QJsonObject out = done.value().toObject();
    const QJsonObject lines = out.value(QStringLiteral("run")).toObject();
    m_published = {out.value(QStringLiteral("image")).toString(), out.value(QStringLiteral("digest")).toString(),
                   lines.value(QStringLiteral("podman")).toString(),
                   lines.value(QStringLiteral("apptainerPull")).toString(),
                   lines.value(QStringLiteral("apptainerExec")).toString(),
                   out.value(QStringLiteral("containerfile")).toString()};
    Q_EMIT changed();
    PublishedImage published = m_published; // a copy: see runStep()
    co_return published;
}

QCoro::Task<Result<void>> BuildFlow::discard()
{
    if (m_container.isEmpty())
        co_return noContainer();
    const QJsonObject params{{QStringLiteral("container"), m_container}};
    const auto removed = co_await run(QStringLiteral("containers.remove"),
                                      params, tr("Removing %1…").arg(m_container));
    if (!removed.ok())
        co_return removed.error();
    m_container.clear();
    m_base.clear();
    m_steps.clear();
    Q_EMIT changed();
    co_return Result<void>();
}

QString BuildFlow::shellCommand(const QString &helper) const
{
    return shellQuote(helper) + QStringLiteral(" shell ") + shellQuote(m_container);
}

} // namespace podbay::core
