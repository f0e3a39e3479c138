#include "ApiRoutes.h"

#include <QRegularExpression>
#include <QStringList>
#include <QUrlQuery>

namespace podbay::portal {
namespace {

using Method = QHttpServerRequest::Method;

QStringList segments(const QString &path)
{
    // "/api/v1/containers/x/steps" -> ["containers", "x", "steps"]
    if (!path.startsWith(QStringLiteral("/api/v1/")))
        return {};
    return path.mid(8).split(QLatin1Char('/'), Qt::KeepEmptyParts);
}

} // namespace

std::optional<ApiCall> apiCallFor(Method verb, const QString &path, const QJsonObject &body, const QString &query)
{
    const QStringList s = segments(path);
    if (s.isEmpty() || s.contains(QString()))
        return std::nullopt;
    const QString area = s.first();
    if (area == QLatin1String("registry") && s.size() == 1 && verb == Method::Get)
        return ApiCall{QStringLiteral("registry.list"), {}};
    if (area == QLatin1String("registry") && s.size() == 1 && verb == Method::Delete) {
        // Repository names hold slashes: both go in the query, where a browser encodes the
        // slash as %2F (encodeURIComponent), so the values are decoded fully.
        const QUrlQuery q(query);
        return ApiCall{QStringLiteral("registry.delete"),
                       {{QStringLiteral("repository"), q.queryItemValue(QStringLiteral("repository"), QUrl::FullyDecoded)},
                        {QStringLiteral("tag"), q.queryItemValue(QStringLiteral("tag"), QUrl::FullyDecoded)}}};
    }
    if (area == QLatin1String("images")) {
        // The caller's images on the login node, and building one from a Containerfile.
        if (s.size() == 1 && verb == Method::Get)
            return ApiCall{QStringLiteral("images.list"), {}};
        if (s.size() == 2 && s[1] == QLatin1String("build") && verb == Method::Post)
            return ApiCall{QStringLiteral("images.build"), body}; // the helper checks every field
    }
    if (area == QLatin1String("runs") && s.size() == 2 && verb == Method::Post) {
        // Once on the login node, or pulled as an Apptainer SIF (docs/protocol.md).
        if (s[1] == QLatin1String("podman"))
            return ApiCall{QStringLiteral("run.podman"), body};
        if (s[1] == QLatin1String("apptainer"))
            return ApiCall{QStringLiteral("run.apptainerPull"), body};
    }
    if (area == QLatin1String("containers")) {
        if (s.size() == 1 && verb == Method::Get)
            return ApiCall{QStringLiteral("containers.list"), {}};
        if (s.size() == 1 && verb == Method::Post)
            return ApiCall{QStringLiteral("containers.create"),
                           {{QStringLiteral("image"), body.value(QStringLiteral("image"))},
                            {QStringLiteral("name"), body.value(QStringLiteral("name"))}}};
        // The name goes to the helper as a value; the helper validates it (E_BAD_NAME).
        const QJsonObject container{{QStringLiteral("container"), s.value(1)}};
        if (s.size() == 2 && verb == Method::Get)
            return ApiCall{QStringLiteral("containers.history"), container};
        if (s.size() == 2 && verb == Method::Delete)
            return ApiCall{QStringLiteral("containers.remove"), container};
        if (s.size() == 3 && s[2] == QLatin1String("steps") && verb == Method::Post) {
            QJsonObject params = container;
            params.insert(QStringLiteral("command"), body.value(QStringLiteral("command")));
            return ApiCall{QStringLiteral("steps.run"), params};
        }
        if (s.size() == 3 && s[2] == QLatin1String("publish") && verb == Method::Post) {
            QJsonObject params = container;
            params.insert(QStringLiteral("name"), body.value(QStringLiteral("name")));
            if (body.contains(QStringLiteral("tag")))
                params.insert(QStringLiteral("tag"), body.value(QStringLiteral("tag")));
            return ApiCall{QStringLiteral("images.publish"), params};
        }
    }
    if (area == QLatin1String("jobs")) {
        if (s.size() == 1 && verb == Method::Get)
            return ApiCall{QStringLiteral("slurm.jobs"), {}};
        if (s.size() == 1 && verb == Method::Post)
            return ApiCall{QStringLiteral("slurm.submit"), body}; // the helper checks every field
        // The batch script slurm.submit would submit, shown before submitting.
        if (s.size() == 2 && s[1] == QLatin1String("script") && verb == Method::Post)
            return ApiCall{QStringLiteral("slurm.script"), body};
        bool numeric = false;
        const qint64 id = s.value(1).toLongLong(&numeric);
        if (!numeric || id <= 0)
            return std::nullopt;
        if (s.size() == 2 && verb == Method::Delete)
            return ApiCall{QStringLiteral("slurm.cancel"), {{QStringLiteral("jobId"), id}}};
        if (s.size() == 3 && s[2] == QLatin1String("output") && verb == Method::Get) {
            QJsonObject params{{QStringLiteral("jobId"), id}};
            const QString offset = QUrlQuery(query).queryItemValue(QStringLiteral("offset"));
            if (!offset.isEmpty())
                params.insert(QStringLiteral("offset"), offset.toLongLong());
            return ApiCall{QStringLiteral("slurm.output"), params};
        }
    }
    return std::nullopt;
}

bool apiPathExists(const QString &path)
{
    for (Method verb : {Method::Get, Method::Post, Method::Delete})
        if (apiCallFor(verb, path, {}, {}))
            return true;
    return false;
}

bool plausibleUserName(const QString &user)
{
    static const QRegularExpression name(QStringLiteral("^[a-z_][a-z0-9_.-]{0,31}$"));
    return name.match(user).hasMatch();
}

int httpStatusFor(const QString &code)
{
    if (code == QLatin1String("E_BAD_INPUT") || code == QLatin1String("E_BAD_NAME") ||
        code == QLatin1String("E_USAGE"))
        return 400;
    if (code == QLatin1String("E_FORBIDDEN"))
        return 403;
    if (code == QLatin1String("E_NOT_FOUND"))
        return 404;
    if (code == QLatin1String("E_NO_SUBUID") || code == QLatin1String("E_LOCKED") ||
        code == QLatin1String("E_CANCELLED"))
        return 409;
    if (code == QLatin1String("E_BUSY"))
        return 429;
    if (code == QLatin1String("E_REGISTRY_DOWN") || code == QLatin1String("E_DISCONNECTED") ||
        code == QLatin1String("E_NOT_CONNECTED") || code == QLatin1String("E_TIMEOUT"))
        return 502;
    return 500;
}

} // namespace podbay::portal
