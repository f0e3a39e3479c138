#pragma once
// A typed client for the helper's methods (docs/protocol.md, "Methods"): one coroutine
// per user and privileged method, typed parameters in, a typed result (HelperTypes.h)
// or an Error out. The one place in core that names methods (from Protocol.h) and turns
// parameters into JSON; workflows call it instead of HelperRpc::call().
//
// Cancel: every method takes CallOptions, whose onSent receives the request id as soon
// as the request is written, before the first suspension. Pass that id to cancel() (the
// helper answers E_CANCELLED, docs/protocol.md "Cancelling") and match it against
// HelperRpc's progress and log signals.
//
// The client may go away while a call runs: after sending, a call touches only its own
// frame (and the HelperRpc through a QPointer).

#include "Error.h"
#include "HelperRpc.h"
#include "HelperTypes.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QPointer>

#include <QCoroTask>

#include <chrono>
#include <functional>
#include <optional>
#include <string_view>

namespace podbay::core {

struct CallOptions
{
    // How long to wait for the answer; unset: a limit a little above the helper's own
    // time limit for the method (docs/protocol.md gives each).
    std::optional<std::chrono::milliseconds> timeout;
    // Called with the request id once the request is sent (not when the helper is not
    // running: the call then fails at once).
    std::function<void(qint64 id)> onSent;
};

class HelperClient
{
    Q_DECLARE_TR_FUNCTIONS(podbay::core::HelperClient)

public:
    explicit HelperClient(HelperRpc *rpc);

    HelperRpc *rpc() const { return m_rpc; }
    // Sends `$/cancel` for a running call (an id from CallOptions::onSent).
    void cancel(qint64 id);

    // User methods (`serve`).
    QCoro::Task<Result<ImageList>> imagesList(CallOptions options = {});
    // `tag` empty: the helper's default, "latest".
    QCoro::Task<Result<PublishedImage>> imagesPublish(QString container, QString name, QString tag,
                                                      CallOptions options = {});
    QCoro::Task<Result<BuiltImage>> imagesBuild(BuildParams params, CallOptions options = {});
    QCoro::Task<Result<ContainerList>> containersList(CallOptions options = {});
    QCoro::Task<Result<CreatedContainer>> containersCreate(QString image, QString name, CallOptions options = {});
    QCoro::Task<Result<RemovedContainer>> containersRemove(QString container, CallOptions options = {});
    QCoro::Task<Result<ContainerHistory>> containersHistory(QString container, CallOptions options = {});
    QCoro::Task<Result<ContainerfileText>> containersContainerfile(QString container, CallOptions options = {});
    // `timeoutSeconds` 0: the helper's default (6 hours).
    QCoro::Task<Result<StepResult>> stepsRun(QString container, QString command, int timeoutSeconds = 0,
                                             CallOptions options = {});
    // `ns` empty: the caller's namespace; "*": details for every repository.
    QCoro::Task<Result<RegistryListing>> registryList(QString ns = {}, CallOptions options = {});
    QCoro::Task<Result<DeletedTag>> registryDelete(QString repository, QString tag, CallOptions options = {});
    QCoro::Task<Result<PodmanRunResult>> runPodman(PodmanRunParams params, CallOptions options = {});
    QCoro::Task<Result<ApptainerPull>> runApptainerPull(ApptainerPullParams params, CallOptions options = {});
    QCoro::Task<Result<JobScript>> slurmScript(JobSpec spec, CallOptions options = {});
    QCoro::Task<Result<SubmittedJob>> slurmSubmit(JobSpec spec, CallOptions options = {});
    QCoro::Task<Result<JobList>> slurmJobs(CallOptions options = {});
    QCoro::Task<Result<JobOutput>> slurmOutput(qint64 jobId, qint64 offset = 0, CallOptions options = {});
    QCoro::Task<Result<CancelledJob>> slurmCancel(qint64 jobId, CallOptions options = {});
    QCoro::Task<Result<DoctorReport>> doctorRun(CallOptions options = {});

    // Privileged methods (`serve --privileged`).
    QCoro::Task<Result<DoctorReport>> doctorUser(QString user, CallOptions options = {});
    QCoro::Task<Result<AdminFixResult>> adminFix(QString user, QString fix, bool dryRun, CallOptions options = {});
    // One of the admin commands as methods (docs/protocol.md, "Admin commands as methods":
    // admin.subids.sync, admin.status, ...); `dryRun` unset leaves the parameter out, as
    // the read-only commands take none. Other methods are refused (E_USAGE): they have
    // typed calls above.
    QCoro::Task<Result<AdminReport>> adminCommand(QString method, QJsonObject params,
                                                  std::optional<bool> dryRun = std::nullopt,
                                                  CallOptions options = {});

private:
    template<typename T>
    QCoro::Task<Result<T>> call(std::string_view method, QJsonObject params, CallOptions options,
                                std::chrono::milliseconds defaultTimeout);

    QPointer<HelperRpc> m_rpc;
};

} // namespace podbay::core
