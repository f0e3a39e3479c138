#pragma once
// The API areas beyond the session (docs: README "The portal so far"): each request maps
// onto one helper method on the session's own connection, so the portal can do exactly
// what the logged-in user can, nothing more. Paths and their methods:
//   GET    /api/v1/registry                          registry.list
//   DELETE /api/v1/registry?repository=R&tag=T       registry.delete
//   GET    /api/v1/containers                        containers.list
//   POST   /api/v1/containers           {image,name} containers.create
//   GET    /api/v1/containers/NAME                   containers.history
//   DELETE /api/v1/containers/NAME                   containers.remove
//   POST   /api/v1/containers/NAME/steps {command}   steps.run
//   POST   /api/v1/containers/NAME/publish {name,tag} images.publish
//   GET    /api/v1/jobs                              slurm.jobs
//   POST   /api/v1/jobs                 {image,...}  slurm.submit
//   GET    /api/v1/jobs/ID/output?offset=N           slurm.output
//   DELETE /api/v1/jobs/ID                           slurm.cancel

#include <QHttpServerRequest>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace podbay::portal {

struct ApiCall
{
    QString method;     // the helper method
    QJsonObject params; // from the path, the query and the JSON body
};

// The helper call for `verb` on `path` (with the JSON `body` and `query` offset), or
// nullopt when no such API exists (404/405 is the caller's to tell apart).
std::optional<ApiCall> apiCallFor(QHttpServerRequest::Method verb, const QString &path, const QJsonObject &body,
                                  const QString &query);
// Whether any verb exists for `path` (405 rather than 404).
bool apiPathExists(const QString &path);

// A user name as NSS and the helper accept it (the helper checks again).
bool plausibleUserName(const QString &user);

// HTTP status for a helper error code (E_BAD_NAME 400, E_NOT_FOUND 404, ...).
int httpStatusFor(const QString &code);

} // namespace podbay::portal
