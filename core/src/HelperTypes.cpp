#include "HelperTypes.h"

#include "ErrorCodes.h"

#include <podbay/protocol/Version.h>

#include <QCoreApplication>
#include <QJsonArray>

#include <limits>
#include <memory>

namespace podbay::core {
namespace {

// Reads one answer field by field. The first field that is missing or of another type
// is remembered (with its path, e.g. "checks[3].status"); later reads return empty
// values that done() never lets out.
class Reader
{
    Q_DECLARE_TR_FUNCTIONS(podbay::core::HelperTypes)

public:
    Reader(std::string_view method, const QJsonValue &result)
        : m_method(method)
        , m_failure(std::make_shared<QString>())
        , m_object(result.toObject())
    {
        if (!result.isObject())
            *m_failure = tr("the result is %1 where an object belongs").arg(kindOf(result));
    }

    bool ok() const { return m_failure->isEmpty(); }

    // Present and not null: the protocol's test for a field it sends only sometimes.
    bool has(const char *key) const
    {
        const QJsonValue value = m_object.value(QLatin1StringView(key));
        return !value.isUndefined() && !value.isNull();
    }

    QString string(const char *key) { return take(key, QJsonValue::String, tr("a string")).toString(); }
    bool boolean(const char *key) { return take(key, QJsonValue::Bool, tr("a boolean")).toBool(); }
    QJsonObject object(const char *key) { return take(key, QJsonValue::Object, tr("an object")).toObject(); }
    QJsonValue any(const char *key) { return take(key, QJsonValue::Undefined, {}); }

    qint64 integer(const char *key, qint64 min = std::numeric_limits<qint64>::min(),
                   qint64 max = std::numeric_limits<qint64>::max())
    {
        const QJsonValue value = take(key, QJsonValue::Double, tr("an integer"));
        if (!ok())
            return 0;
        // toInteger() answers 0 for a fraction or a number out of qint64's range.
        const qint64 number = value.toInteger();
        if (double(number) != value.toDouble()) {
            fail(QLatin1StringView(key), tr("is %1, not an integer").arg(value.toDouble()));
            return 0;
        }
        if (number < min || number > max) {
            fail(QLatin1StringView(key), tr("is %1, outside %2 to %3").arg(number).arg(min).arg(max));
            return 0;
        }
        return number;
    }
    int int32(const char *key)
    {
        return int(integer(key, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
    }

    QStringList strings(const char *key)
    {
        QStringList list;
        const QJsonArray array = take(key, QJsonValue::Array, tr("an array")).toArray();
        for (qsizetype i = 0; i < array.size() && ok(); ++i) {
            if (!array.at(i).isString())
                fail(QStringLiteral("%1[%2]").arg(QLatin1StringView(key)).arg(i),
                     tr("is %1 where a string belongs").arg(kindOf(array.at(i))));
            list << array.at(i).toString();
        }
        return list;
    }

    // Calls `read(Reader &element)` for each object of the array `key`.
    template<typename Read>
    void objects(const char *key, Read read)
    {
        const QJsonArray array = take(key, QJsonValue::Array, tr("an array")).toArray();
        for (qsizetype i = 0; i < array.size() && ok(); ++i) {
            const QString where = QStringLiteral("%1[%2]").arg(path(QLatin1StringView(key))).arg(i);
            if (!array.at(i).isObject()) {
                *m_failure = tr("%1 is %2 where an object belongs").arg(where, kindOf(array.at(i)));
                return;
            }
            Reader element(*this, where, array.at(i).toObject());
            read(element);
        }
    }

    // The nested object `key`, read by a Reader of its own.
    Reader nested(const char *key)
    {
        const QJsonObject inner = object(key);
        return Reader(*this, path(QLatin1StringView(key)), inner);
    }

    template<typename T>
    Result<T> done(T value) const
    {
        if (!ok())
            return Error{QString(errc::kBadResponse),
                         tr("podbay-helper's answer to %1 cannot be read: %2.")
                             .arg(QLatin1StringView(m_method.data(), qsizetype(m_method.size())), *m_failure),
                         tr("The helper on the login node does not match this app (docs/protocol.md); ask your "
                            "site to install podbay-helper %1.")
                             .arg(QLatin1StringView(kVersion))};
        return value;
    }

private:
    static QString kindOf(const QJsonValue &value)
    {
        switch (value.type()) {
        case QJsonValue::Null: return tr("null");
        case QJsonValue::Bool: return tr("a boolean");
        case QJsonValue::Double: return tr("a number");
        case QJsonValue::String: return tr("a string");
        case QJsonValue::Array: return tr("an array");
        case QJsonValue::Object: return tr("an object");
        case QJsonValue::Undefined: break;
        }
        return tr("missing");
    }

    Reader(const Reader &parent, QString prefix, QJsonObject object)
        : m_method(parent.m_method)
        , m_failure(parent.m_failure)
        , m_prefix(std::move(prefix))
        , m_object(std::move(object))
    {
    }

    QString path(const QString &field) const
    {
        return m_prefix.isEmpty() ? field : m_prefix + QLatin1Char('.') + field;
    }

    // `field` is relative to this reader's object.
    void fail(const QString &field, const QString &why)
    {
        if (ok())
            *m_failure = QStringLiteral("%1 %2").arg(path(field), why);
    }

    // The value of `key` when it has `type` (Undefined: any type but null); else records why not.
    QJsonValue take(const char *key, QJsonValue::Type type, const QString &expected)
    {
        if (!ok())
            return {};
        const QJsonValue value = m_object.value(QLatin1StringView(key));
        if (value.isUndefined() || value.isNull()) {
            fail(QLatin1StringView(key), tr("is missing"));
            return {};
        }
        if (type != QJsonValue::Undefined && value.type() != type) {
            fail(QLatin1StringView(key), tr("is %1 where %2 belongs").arg(kindOf(value), expected));
            return {};
        }
        return value;
    }

    std::string_view m_method;
    std::shared_ptr<QString> m_failure; // shared with the nested readers: the first failure wins
    QString m_prefix;
    QJsonObject m_object;
};

// `run` of images.publish and images.build.
template<typename T>
void readRunLines(Reader &r, T &out)
{
    Reader lines = r.nested("run");
    out.podmanRun = lines.string("podman");
    out.apptainerPull = lines.string("apptainerPull");
    out.apptainerExec = lines.string("apptainerExec");
}

} // namespace

Result<ImageList> ImageList::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    ImageList out;
    r.objects("images", [&out](Reader &e) {
        out.images.append({e.string("id"), e.strings("names"), e.integer("created"), e.integer("size", 0),
                           e.string("base")});
    });
    return r.done(out);
}

Result<PublishedImage> PublishedImage::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    PublishedImage out;
    out.image = r.string("image");
    out.digest = r.string("digest");
    readRunLines(r, out);
    out.containerfile = r.string("containerfile");
    return r.done(out);
}

Result<BuiltImage> BuiltImage::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    BuiltImage out;
    out.image = r.string("image");
    out.pushed = r.boolean("pushed");
    if (out.pushed) {
        out.digest = r.string("digest");
        readRunLines(r, out);
    }
    return r.done(out);
}

Result<ContainerList> ContainerList::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    ContainerList out;
    r.objects("containers", [&out](Reader &e) {
        ContainerInfo c{e.string("id"), e.string("name"), e.string("image"), e.string("state"), e.boolean("working")};
        if (e.has("steps"))
            c.steps = int(e.integer("steps", 0, std::numeric_limits<int>::max()));
        out.containers.append(c);
    });
    return r.done(out);
}

Result<CreatedContainer> CreatedContainer::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    CreatedContainer out{r.string("container"), r.string("id"), r.string("image")};
    return r.done(out);
}

Result<RemovedContainer> RemovedContainer::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    RemovedContainer out{r.string("container"), r.boolean("removed")};
    return r.done(out);
}

Result<ContainerHistory> ContainerHistory::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    ContainerHistory out{r.string("container"), r.string("base"), r.string("created"), {}};
    r.objects("steps", [&out](Reader &e) {
        out.steps.append({e.string("command"), e.int32("exitCode"), e.string("startedAt")});
    });
    return r.done(out);
}

Result<ContainerfileText> ContainerfileText::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    ContainerfileText out{r.string("container"), r.string("containerfile")};
    return r.done(out);
}

Result<StepResult> StepResult::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    StepResult out;
    out.container = r.string("container");
    out.step = int(r.integer("step", 1, std::numeric_limits<int>::max()));
    out.exitCode = r.int32("exitCode");
    out.output = r.string("output");
    out.truncated = r.boolean("truncated");
    return r.done(out);
}

Result<RegistryListing> RegistryListing::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    RegistryListing out;
    out.registry = r.string("registry");
    out.ownNamespace = r.string("namespace");
    r.objects("repositories", [&out](Reader &repo) {
        RegistryRepository repository{repo.string("name"), repo.boolean("own"), {}};
        repo.objects("tags", [&repository](Reader &t) {
            RegistryTag tag;
            tag.tag = t.string("tag");
            // created, digest and labels come together, from one skopeo inspect; size
            // apart, from the manifest (absent for an image index).
            if (t.has("digest") || t.has("created") || t.has("labels")) {
                tag.created = t.string("created");
                tag.digest = t.string("digest");
                tag.labels = t.object("labels");
            }
            if (t.has("size"))
                tag.size = t.integer("size", 0);
            if (t.has("run"))
                readRunLines(t, tag);
            repository.tags.append(tag);
        });
        out.repositories.append(repository);
    });
    return r.done(out);
}

Result<DeletedTag> DeletedTag::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    DeletedTag out{r.string("deleted")};
    return r.done(out);
}

Result<PodmanRunResult> PodmanRunResult::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    PodmanRunResult out{r.string("image"), r.int32("exitCode"), r.string("output"), r.boolean("truncated")};
    return r.done(out);
}

QJsonObject PodmanRunResult::toJson() const
{
    return {{QStringLiteral("image"), image},
            {QStringLiteral("exitCode"), exitCode},
            {QStringLiteral("output"), output},
            {QStringLiteral("truncated"), truncated}};
}

Result<ApptainerPull> ApptainerPull::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    ApptainerPull out{r.string("image"), r.string("sif"), r.strings("argv"), r.string("exec"), r.boolean("ran")};
    return r.done(out);
}

QJsonObject JobSpec::toParams() const
{
    QJsonObject params{{QStringLiteral("image"), image},   {QStringLiteral("command"), command},
                       {QStringLiteral("runtime"), runtime}, {QStringLiteral("name"), name},
                       {QStringLiteral("time"), time},     {QStringLiteral("cpus"), cpus},
                       {QStringLiteral("gpus"), gpus}};
    // Absent means Slurm's own default (docs/protocol.md, "slurm.script").
    if (!partition.isEmpty())
        params.insert(QStringLiteral("partition"), partition);
    if (!memory.isEmpty())
        params.insert(QStringLiteral("memory"), memory);
    return params;
}

Result<JobScript> JobScript::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    JobScript out{r.string("script")};
    return r.done(out);
}

Result<SubmittedJob> SubmittedJob::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    SubmittedJob out{r.integer("jobId", 1), r.string("output"), r.string("script"), r.string("scriptPath")};
    return r.done(out);
}

Result<JobList> JobList::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    JobList out;
    r.objects("jobs", [&out](Reader &e) {
        out.jobs.append({e.integer("jobId", 1), e.string("name"), e.string("partition"), e.string("reason"),
                         e.string("state"), e.string("time"), e.string("timeLimit")});
    });
    return r.done(out);
}

Result<JobOutput> JobOutput::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    JobOutput out;
    out.jobId = r.integer("jobId", 1);
    out.state = r.string("state");
    out.path = r.string("path");
    out.offset = r.integer("offset", 0);
    out.nextOffset = r.integer("nextOffset", 0);
    out.size = r.integer("size", 0);
    out.text = r.string("text");
    return r.done(out);
}

Result<CancelledJob> CancelledJob::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    CancelledJob out{r.integer("jobId", 1), r.boolean("cancelled")};
    return r.done(out);
}

Result<DoctorReport> DoctorReport::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    DoctorReport out;
    out.user = r.string("user");
    out.uid = r.integer("uid", 0);
    out.status = r.string("status");
    r.objects("checks", [&out](Reader &c) {
        out.checks.append({c.string("id"), c.string("title"), c.string("status"), c.string("detail"),
                           c.string("remedy"), c.string("fix")});
    });
    return r.done(out);
}

Result<AdminFixResult> AdminFixResult::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    AdminFixResult out;
    out.user = r.string("user");
    out.fix = r.string("fix");
    out.dryRun = r.boolean("dryRun");
    if (r.has("wouldRun"))
        out.wouldRun = r.strings("wouldRun");
    else
        out.result = r.any("result"); // an object, or podman's output as a string
    return r.done(out);
}

QJsonObject AdminFixResult::toJson() const
{
    QJsonObject out{{QStringLiteral("user"), user}, {QStringLiteral("fix"), fix}, {QStringLiteral("dryRun"), dryRun}};
    if (!wouldRun.isEmpty())
        out.insert(QStringLiteral("wouldRun"), QJsonArray::fromStringList(wouldRun));
    else
        out.insert(QStringLiteral("result"), result);
    return out;
}

Result<AdminReport> AdminReport::fromJson(const QJsonValue &result, std::string_view method)
{
    Reader r(method, result);
    AdminReport out{result.toObject()};
    return r.done(out);
}

} // namespace podbay::core
