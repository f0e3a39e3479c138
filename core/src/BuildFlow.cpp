#include "BuildFlow.h"

#include "ErrorCodes.h"
#include "ShellQuote.h"

namespace podbay::core {
namespace {

Error noContainer()
{
    return Error{QStringLiteral("E_USAGE"), BuildFlow::tr("No working container is open."),
                 BuildFlow::tr("Start one from a base image, or open an existing one.")};
}

} // namespace

BuildFlow::BuildFlow(HelperRpc *rpc, QObject *parent) : WorkflowModel(rpc, parent) {}

void BuildFlow::loadHistory(const ContainerHistory &history)
{
    m_base = history.base;
    m_steps = history.steps;
}

QCoro::Task<Result<void>> BuildFlow::start(QString baseImage, QString name)
{
    const auto created = co_await run(tr("Creating %1 from %2…").arg(name, baseImage), [&](CallOptions options) {
        return client().containersCreate(baseImage, name, std::move(options));
    });
    if (!created.ok())
        co_return created.error();
    m_container = name;
    m_base = created.value().image;
    m_steps.clear();
    m_published = {};
    Q_EMIT changed();
    co_return Result<void>();
}

QCoro::Task<Result<void>> BuildFlow::open(QString name)
{
    const auto history = co_await run(tr("Opening %1…").arg(name), [&](CallOptions options) {
        return client().containersHistory(name, std::move(options));
    });
    if (!history.ok())
        co_return history.error();
    m_container = name;
    m_published = {};
    loadHistory(history.value());
    Q_EMIT changed();
    co_return Result<void>();
}

QCoro::Task<Result<BuildStep>> BuildFlow::runStep(QString command)
{
    if (m_container.isEmpty())
        co_return noContainer();
    const QString container = m_container;
    const auto ran = co_await run(tr("Running: %1").arg(command), [&](CallOptions options) {
        return client().stepsRun(container, command, 0, std::move(options));
    });
    // Recorded either way (a cancelled step too): the history is the helper's, reload it,
    // outside run() so the step's log stays what log() shows.
    CallOptions reload;
    reload.timeout = std::chrono::minutes(1);
    const auto history = co_await client().containersHistory(container, std::move(reload));
    if (history.ok()) {
        loadHistory(history.value());
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
    const QString container = m_container;
    const auto done = co_await run(tr("Publishing %1:%2…").arg(name, tag), [&](CallOptions options) {
        return client().imagesPublish(container, name, tag, std::move(options));
    });
    if (!done.ok())
        co_return done.error();
    m_published = done.value();
    Q_EMIT changed();
    PublishedImage published = m_published; // a copy: see runStep()
    co_return published;
}

QCoro::Task<Result<BuiltImage>> BuildFlow::buildContainerfile(QString containerfile, QString name, QString tag,
                                                               bool push)
{
    BuildParams params{std::move(containerfile), name, tag, push};
    const auto built = co_await run(tr("Building %1 from the Containerfile…").arg(name), [&](CallOptions options) {
        return client().imagesBuild(params, std::move(options));
    });
    if (!built.ok())
        co_return built.error();
    BuiltImage image = built.value(); // a copy: see runStep()
    co_return image;
}

QCoro::Task<Result<void>> BuildFlow::discard()
{
    if (m_container.isEmpty())
        co_return noContainer();
    const QString container = m_container;
    const auto removed = co_await run(tr("Removing %1…").arg(container), [&](CallOptions options) {
        return client().containersRemove(container, std::move(options));
    });
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
    return shellCommand(helper, m_container);
}

QString BuildFlow::shellCommand(const QString &helper, const QString &container)
{
    return shellQuote(helper) + QStringLiteral(" shell ") + shellQuote(container);
}

} // namespace podbay::core
