#pragma once
// The helper's answers as plain structs (docs/protocol.md, "Methods"): one type per
// method result, with fromJson() that takes the `result` of a JSON-RPC response. A
// field the helper always sends is required: if it is missing or has another type the
// answer is an Error (E_BAD_RESPONSE) naming the method and the field, never a default,
// so a helper that changed shape is noticed where it happens. Fields the protocol sends
// only sometimes are said so next to them.
//
// The structs the workflow models expose (BuildStep, PublishedImage, RegistryTag,
// RegistryRepository, JobSpec, DoctorCheck) live here so that the models and the client
// share one definition.

#include "Error.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <string_view>

namespace podbay::core {

// ---- images.list

struct LocalImage
{
    QString id;
    QStringList names;   // empty for an untagged image
    qint64 created = 0;  // Unix time, seconds
    qint64 size = 0;     // bytes
    QString base;        // the podbay.base label, empty when there is none
};

struct ImageList
{
    QList<LocalImage> images;
    static Result<ImageList> fromJson(const QJsonValue &result, std::string_view method);
};

// ---- images.publish

struct PublishedImage
{
    QString image;  // registry/namespace/name:tag
    QString digest; // sha256:... (empty if podman wrote none)
    QString podmanRun, apptainerPull, apptainerExec; // lines to copy (`run` in the answer)
    QString containerfile; // reproduces the image from the base
    static Result<PublishedImage> fromJson(const QJsonValue &result, std::string_view method);
};

// ---- images.build

struct BuildParams
{
    QString containerfile; // the text, not a path
    QString name;
    QString tag;           // empty: the helper's default, "latest"
    bool push = true;
};

struct BuiltImage
{
    QString image;
    bool pushed = false;
    // Only when pushed (with push: false the answer has image and pushed alone).
    QString digest;
    QString podmanRun, apptainerPull, apptainerExec;
    static Result<BuiltImage> fromJson(const QJsonValue &result, std::string_view method);
};

// ---- containers.*

struct ContainerInfo
{
    QString id;
    QString name;
    QString image;
    QString state;        // podman's: running, exited, created, ...
    bool working = false; // has the podbay.working label
    int steps = -1;       // recorded steps; -1 when the answer has none (not a working container with a history)
};

struct ContainerList
{
    QList<ContainerInfo> containers;
    static Result<ContainerList> fromJson(const QJsonValue &result, std::string_view method);
};

struct CreatedContainer
{
    QString container;
    QString id;    // podman's container id
    QString image; // the resolved reference
    static Result<CreatedContainer> fromJson(const QJsonValue &result, std::string_view method);
};

struct RemovedContainer
{
    QString container;
    bool removed = false;
    static Result<RemovedContainer> fromJson(const QJsonValue &result, std::string_view method);
};

struct BuildStep
{
    QString command;
    int exitCode = 0; // 130: cancelled, 124: ran out of time
    QString startedAt; // RFC 3339 UTC
};

struct ContainerHistory
{
    QString container;
    QString base;
    QString created;
    QList<BuildStep> steps;
    static Result<ContainerHistory> fromJson(const QJsonValue &result, std::string_view method);
};

struct ContainerfileText
{
    QString container;
    QString containerfile;
    static Result<ContainerfileText> fromJson(const QJsonValue &result, std::string_view method);
};

// ---- steps.run

struct StepResult
{
    QString container;
    int step = 0;     // the step's number in the history, from 1
    int exitCode = 0;
    QString output;   // stdout; stderr comes only as log notifications
    bool truncated = false;
    static Result<StepResult> fromJson(const QJsonValue &result, std::string_view method);
};

// ---- registry.*

struct RegistryTag
{
    QString tag;
    // Details only for the namespace asked for, and only when skopeo could read the tag.
    QString digest;
    QString created;
    qint64 size = -1; // -1: unknown (another namespace, or an image index)
    QJsonObject labels;
    // The lines to copy (`run`, as images.publish gives them); empty for a name the helper
    // would not accept (not pushed through Podbay).
    QString podmanRun, apptainerPull, apptainerExec;
};

struct RegistryRepository
{
    QString name; // "podbay-alice/analysis"
    bool own = false;
    QList<RegistryTag> tags;
};

struct RegistryListing
{
    QString registry;
    QString ownNamespace; // `namespace`: always the caller's own
    QList<RegistryRepository> repositories;
    static Result<RegistryListing> fromJson(const QJsonValue &result, std::string_view method);
};

struct DeletedTag
{
    QString deleted; // the full reference
    static Result<DeletedTag> fromJson(const QJsonValue &result, std::string_view method);
};

// ---- run.*

struct PodmanRunParams
{
    QString image;
    QStringList command;     // an argv; empty: the image's CMD
    bool gpu = false;
    int timeoutSeconds = 0;  // 0: the helper's default (3600)
};

struct PodmanRunResult
{
    QString image;
    int exitCode = 0; // 128 + N when killed by signal N; 137 after timeoutSeconds
    QString output;
    bool truncated = false;
    static Result<PodmanRunResult> fromJson(const QJsonValue &result, std::string_view method);
    // The answer as the helper sent it (SlurmJobFlow::runOnLoginNode returns it so).
    QJsonObject toJson() const;
};

struct ApptainerPullParams
{
    QString image;
    QString directory; // absolute, existing, writable by the caller
    bool dryRun = false;
};

struct ApptainerPull
{
    QString image;
    QString sif;
    QStringList argv;
    QString exec;
    bool ran = false;
    static Result<ApptainerPull> fromJson(const QJsonValue &result, std::string_view method);
};

// ---- slurm.*

struct JobSpec
{
    QString image;              // a reference in the site registry (or a SIF path for apptainer)
    QString command;            // what the job runs in the container (sh -c)
    QString runtime = QStringLiteral("podman"); // or "apptainer"
    QString name = QStringLiteral("podbay");
    QString partition;          // empty: the site default
    QString time = QStringLiteral("01:00:00");
    int cpus = 1;
    QString memory;             // "4G"; empty: the site default
    int gpus = 0;

    // The params of slurm.script and slurm.submit.
    QJsonObject toParams() const;
};

struct JobScript
{
    QString script;
    static Result<JobScript> fromJson(const QJsonValue &result, std::string_view method);
};

struct SubmittedJob
{
    qint64 jobId = 0;
    QString output;     // the job's output file
    QString script;
    QString scriptPath; // where the script was kept
    static Result<SubmittedJob> fromJson(const QJsonValue &result, std::string_view method);
};

struct QueuedJob
{
    qint64 jobId = 0;
    QString name;
    QString partition;
    QString reason;   // squeue %R: why it waits, or its nodes
    QString state;    // PENDING, RUNNING, ...
    QString time;     // used
    QString timeLimit;
};

struct JobList
{
    QList<QueuedJob> jobs;
    static Result<JobList> fromJson(const QJsonValue &result, std::string_view method);
};

struct JobOutput
{
    qint64 jobId = 0;
    QString state; // UNKNOWN once Slurm forgot the job
    QString path;
    qint64 offset = 0;
    qint64 nextOffset = 0;
    qint64 size = 0;
    QString text;
    static Result<JobOutput> fromJson(const QJsonValue &result, std::string_view method);
};

struct CancelledJob
{
    qint64 jobId = 0;
    bool cancelled = false;
    static Result<CancelledJob> fromJson(const QJsonValue &result, std::string_view method);
};

// ---- doctor.run, doctor.user

struct DoctorCheck
{
    QString id;     // "subuid", "podman-info", ...
    QString title;
    QString status; // "ok", "warn", "fail"
    QString detail;
    QString remedy;
    QString fix;    // admin.fix id, empty when there is none
};

struct DoctorReport
{
    QString user;
    qint64 uid = 0;
    QString status; // the worst of the checks
    QList<DoctorCheck> checks;
    static Result<DoctorReport> fromJson(const QJsonValue &result, std::string_view method);
};

// ---- admin.fix

struct AdminFixResult
{
    QString user;
    QString fix;
    bool dryRun = false;
    // One of the two: the command's own report (a helper command's JSON object, or
    // podman's output as a string for "migrate"), or, for "migrate" with dryRun, the argv
    // that would run (docs/protocol.md, "admin.fix").
    QJsonValue result;
    QStringList wouldRun;
    static Result<AdminFixResult> fromJson(const QJsonValue &result, std::string_view method);
    // The answer as the helper sent it (DoctorModel::applyFix returns it so).
    QJsonObject toJson() const;
};

// ---- admin.* commands (docs/protocol.md, "Admin commands as methods"): each result is
// the command's own JSON report, whose fields differ per command, so it stays an object.

struct AdminReport
{
    QJsonObject report;
    static Result<AdminReport> fromJson(const QJsonValue &result, std::string_view method);
};

} // namespace podbay::core
