#include "HelperClient.h"

#include "ErrorCodes.h"

#include <podbay/protocol/Protocol.h>

#include <QJsonArray>

namespace podbay::core {
namespace {

using namespace std::chrono_literals;
namespace method = protocol::method;

QLatin1StringView sv(std::string_view s)
{
    return QLatin1StringView(s.data(), qsizetype(s.size()));
}

// Time limits on top of the helper's own (docs/protocol.md gives each method's): the
// helper answers first, with its own error, unless the connection is stuck.
constexpr auto kMargin = std::chrono::milliseconds(10min);
constexpr auto kQuick = kMargin; // a few tool runs of at most 2 minutes each

std::chrono::milliseconds plusMargin(std::chrono::milliseconds helperLimit)
{
    return helperLimit + kMargin;
}

// steps.run and run.podman: the caller's own limit, or the helper's default.
std::chrono::milliseconds secondsOr(int seconds, std::chrono::seconds helperDefault)
{
    return plusMargin(seconds > 0 ? std::chrono::seconds(seconds) : helperDefault);
}

// Optional parameters are left out when empty or zero: absent means the helper's
// default (docs/protocol.md, "Parameters").
void insertIfSet(QJsonObject &params, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        params.insert(key, value);
}

void insertIfSet(QJsonObject &params, const QString &key, int value)
{
    if (value > 0)
        params.insert(key, value);
}

} // namespace

HelperClient::HelperClient(HelperRpc *rpc) : m_rpc(rpc) {}

void HelperClient::cancel(qint64 id)
{
    if (m_rpc)
        m_rpc->cancel(id);
}

template<typename T>
QCoro::Task<Result<T>> HelperClient::call(std::string_view name, QJsonObject params, CallOptions options,
                                          std::chrono::milliseconds defaultTimeout)
{
    // Copied before the first suspension: `this` may be gone when the answer comes.
    QPointer<HelperRpc> rpc = m_rpc;
    if (!rpc)
        co_return Error{QString(errc::kNotConnected), tr("Not connected to the login node."), tr("Connect first.")};
    const qint64 id = rpc->send(QString(sv(name)), params);
    if (options.onSent)
        options.onSent(id);
    const auto timeout = options.timeout.value_or(defaultTimeout);
    const Result<QJsonValue> answer = co_await rpc->waitFor(id, timeout);
    if (!answer.ok())
        co_return answer.error();
    co_return T::fromJson(answer.value(), name);
}

QCoro::Task<Result<ImageList>> HelperClient::imagesList(CallOptions options)
{
    return call<ImageList>(method::kImagesList, {}, std::move(options), plusMargin(2min));
}

QCoro::Task<Result<PublishedImage>> HelperClient::imagesPublish(QString container, QString name, QString tag,
                                                                CallOptions options)
{
    QJsonObject params{{QStringLiteral("container"), container}, {QStringLiteral("name"), name}};
    insertIfSet(params, QStringLiteral("tag"), tag);
    // Commit at most 1 hour, push at most 2.
    return call<PublishedImage>(method::kImagesPublish, params, std::move(options), plusMargin(3h));
}

QCoro::Task<Result<BuiltImage>> HelperClient::imagesBuild(BuildParams build, CallOptions options)
{
    QJsonObject params{{QStringLiteral("containerfile"), build.containerfile},
                       {QStringLiteral("name"), build.name},
                       {QStringLiteral("push"), build.push}};
    insertIfSet(params, QStringLiteral("tag"), build.tag);
    // Build at most 6 hours, push at most 2.
    return call<BuiltImage>(method::kImagesBuild, params, std::move(options), plusMargin(8h));
}

QCoro::Task<Result<ContainerList>> HelperClient::containersList(CallOptions options)
{
    return call<ContainerList>(method::kContainersList, {}, std::move(options), kQuick);
}

QCoro::Task<Result<CreatedContainer>> HelperClient::containersCreate(QString image, QString name,
                                                                     CallOptions options)
{
    const QJsonObject params{{QStringLiteral("image"), image}, {QStringLiteral("name"), name}};
    // The pull may take 30 minutes.
    return call<CreatedContainer>(method::kContainersCreate, params, std::move(options), plusMargin(30min));
}

QCoro::Task<Result<RemovedContainer>> HelperClient::containersRemove(QString container, CallOptions options)
{
    const QJsonObject params{{QStringLiteral("container"), container}};
    return call<RemovedContainer>(method::kContainersRemove, params, std::move(options), kQuick);
}

QCoro::Task<Result<ContainerHistory>> HelperClient::containersHistory(QString container, CallOptions options)
{
    const QJsonObject params{{QStringLiteral("container"), container}};
    return call<ContainerHistory>(method::kContainersHistory, params, std::move(options), kQuick);
}

QCoro::Task<Result<ContainerfileText>> HelperClient::containersContainerfile(QString container,
                                                                             CallOptions options)
{
    const QJsonObject params{{QStringLiteral("container"), container}};
    return call<ContainerfileText>(method::kContainersContainerfile, params, std::move(options), kQuick);
}

QCoro::Task<Result<StepResult>> HelperClient::stepsRun(QString container, QString command, int timeoutSeconds,
                                                       CallOptions options)
{
    QJsonObject params{{QStringLiteral("container"), container}, {QStringLiteral("command"), command}};
    insertIfSet(params, QStringLiteral("timeoutSeconds"), timeoutSeconds);
    return call<StepResult>(method::kStepsRun, params, std::move(options), secondsOr(timeoutSeconds, 6h));
}

QCoro::Task<Result<RegistryListing>> HelperClient::registryList(QString ns, CallOptions options)
{
    QJsonObject params;
    insertIfSet(params, QStringLiteral("namespace"), ns);
    // One request of at most 20 s per page and per tag: no fixed bound, an hour is plenty.
    return call<RegistryListing>(method::kRegistryList, params, std::move(options), 1h);
}

QCoro::Task<Result<DeletedTag>> HelperClient::registryDelete(QString repository, QString tag, CallOptions options)
{
    const QJsonObject params{{QStringLiteral("repository"), repository}, {QStringLiteral("tag"), tag}};
    return call<DeletedTag>(method::kRegistryDelete, params, std::move(options), kQuick);
}

QCoro::Task<Result<PodmanRunResult>> HelperClient::runPodman(PodmanRunParams run, CallOptions options)
{
    QJsonObject params{{QStringLiteral("image"), run.image}, {QStringLiteral("gpu"), run.gpu}};
    // An empty command means the image's CMD: leave it out rather than send [].
    if (!run.command.isEmpty())
        params.insert(QStringLiteral("command"), QJsonArray::fromStringList(run.command));
    insertIfSet(params, QStringLiteral("timeoutSeconds"), run.timeoutSeconds);
    return call<PodmanRunResult>(method::kRunPodman, params, std::move(options), secondsOr(run.timeoutSeconds, 1h));
}

QCoro::Task<Result<ApptainerPull>> HelperClient::runApptainerPull(ApptainerPullParams pull, CallOptions options)
{
    const QJsonObject params{{QStringLiteral("image"), pull.image},
                             {QStringLiteral("directory"), pull.directory},
                             {QStringLiteral("dryRun"), pull.dryRun}};
    return call<ApptainerPull>(method::kRunApptainerPull, params, std::move(options), plusMargin(2h));
}

QCoro::Task<Result<JobScript>> HelperClient::slurmScript(JobSpec spec, CallOptions options)
{
    return call<JobScript>(method::kSlurmScript, spec.toParams(), std::move(options), kQuick);
}

QCoro::Task<Result<SubmittedJob>> HelperClient::slurmSubmit(JobSpec spec, CallOptions options)
{
    return call<SubmittedJob>(method::kSlurmSubmit, spec.toParams(), std::move(options), kQuick);
}

QCoro::Task<Result<JobList>> HelperClient::slurmJobs(CallOptions options)
{
    return call<JobList>(method::kSlurmJobs, {}, std::move(options), kQuick);
}

QCoro::Task<Result<JobOutput>> HelperClient::slurmOutput(qint64 jobId, qint64 offset, CallOptions options)
{
    const QJsonObject params{{QStringLiteral("jobId"), jobId}, {QStringLiteral("offset"), offset}};
    return call<JobOutput>(method::kSlurmOutput, params, std::move(options), kQuick);
}

QCoro::Task<Result<CancelledJob>> HelperClient::slurmCancel(qint64 jobId, CallOptions options)
{
    const QJsonObject params{{QStringLiteral("jobId"), jobId}};
    return call<CancelledJob>(method::kSlurmCancel, params, std::move(options), kQuick);
}

QCoro::Task<Result<DoctorReport>> HelperClient::doctorRun(CallOptions options)
{
    // A dozen checks, podman's at most 2 minutes each.
    return call<DoctorReport>(method::kDoctorRun, {}, std::move(options), plusMargin(20min));
}

QCoro::Task<Result<DoctorReport>> HelperClient::doctorUser(QString user, CallOptions options)
{
    const QJsonObject params{{QStringLiteral("user"), user}};
    return call<DoctorReport>(method::kDoctorUser, params, std::move(options), plusMargin(20min));
}

QCoro::Task<Result<AdminFixResult>> HelperClient::adminFix(QString user, QString fix, bool dryRun,
                                                           CallOptions options)
{
    const QJsonObject params{{QStringLiteral("user"), user}, {QStringLiteral("fix"), fix},
                             {QStringLiteral("dryRun"), dryRun}};
    // The command may take 5 minutes.
    return call<AdminFixResult>(method::kAdminFix, params, std::move(options), plusMargin(5min));
}

QCoro::Task<Result<AdminReport>> HelperClient::adminCommand(QString name, QJsonObject params,
                                                            std::optional<bool> dryRun, CallOptions options)
{
    // The admin commands share admin.fix's group ("admin."); admin.fix itself has a typed
    // answer of its own.
    const std::string_view fix = method::kAdminFix;
    const QLatin1StringView group = sv(fix.substr(0, fix.find('.') + 1));
    const QByteArray latin1 = name.toLatin1();
    if (!name.startsWith(group) || name == sv(fix))
        co_return Error{QString(sv(protocol::error::kUsage)), tr("%1 is not an admin command.").arg(name),
                        tr("Admin commands are the admin.* methods of docs/protocol.md, \"Admin commands as methods\".")};
    if (dryRun)
        params.insert(QStringLiteral("dryRun"), *dryRun);
    // Each runs a helper command with a time limit of 30 minutes. `latin1` lives in this
    // frame until the answer is parsed.
    const std::string_view command(latin1.constData(), std::size_t(latin1.size()));
    Result<AdminReport> report = co_await call<AdminReport>(command, params, std::move(options), plusMargin(30min));
    co_return report;
}

} // namespace podbay::core
