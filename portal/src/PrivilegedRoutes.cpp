// The portal's helpdesk and admin areas: both go through the session's privileged helper,
// `podbay-helper serve --privileged` through sudo on the session's own SSH connection
// (docs/protocol.md, "Roles"), so the portal has exactly the privilege sudo gives the
// logged-in user. The helper checks the caller's groups itself (SUDO_UID); the role
// checks here only spare a sudo call that would be refused.
//   GET  /api/v1/helpdesk/doctor?user=NAME   doctor.user        (helpdesk)
//   GET  /api/v1/admin/status                admin.status       (admin)
//   POST /api/v1/admin/plan  {part, enableAlias, params}  the part's command, dryRun
//   POST /api/v1/admin/apply {method}        the session's plan, exactly as planned

#include "PortalServer.h"

#include "ApiRoutes.h"
#include "DoctorJson.h"
#include "HttpExchange.h"

#include <AdminPlan.h>
#include <DoctorModel.h>

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QUrlQuery>

namespace podbay::portal {
namespace {

using Status = QHttpServerResponder::StatusCode;

} // namespace

void PortalServer::routePrivileged()
{
    const auto route = [this](const char *path, QCoro::Task<> (PortalServer::*handler)(RequestInfo, Exchange)) {
        m_server.route(QString::fromLatin1(path),
                       [this, handler](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                           const RequestInfo info = RequestInfo::from(request);
                           Exchange exchange(std::move(responder), m_options.tls(), &m_metrics);
                           if (admit(info, exchange))
                               (this->*handler)(info, std::move(exchange));
                       });
    };
    route("/api/v1/helpdesk/doctor", &PortalServer::helpdeskDoctor);
    route("/api/v1/admin/status", &PortalServer::adminStatus);
    route("/api/v1/admin/plan", &PortalServer::adminPlan);
    route("/api/v1/admin/apply", &PortalServer::adminApply);
}

PortalSession *PortalServer::sessionWithRole(const RequestInfo &info, Exchange &exchange, const QString &role,
                                             QHttpServerRequest::Method verb)
{
    if (info.method != verb) {
        exchange.problem(Status::MethodNotAllowed, QStringLiteral("E_METHOD"),
                         verb == QHttpServerRequest::Method::Get ? QStringLiteral("use GET") : QStringLiteral("use POST"));
        return nullptr;
    }
    PortalSession *session = sessionFor(info, exchange);
    if (session && !session->connection->hello().roles.contains(role)) {
        exchange.problem(Status::Forbidden, QStringLiteral("E_FORBIDDEN"),
                         role == QLatin1String("admin") ? QStringLiteral("changing the login node's setup needs the admin role")
                                                        : QStringLiteral("looking up other users needs the helpdesk role"));
        return nullptr;
    }
    return session;
}

QCoro::Task<QPointer<core::HelperRpc>> PortalServer::privilegedHelper(QByteArray sessionId, Exchange &exchange)
{
    PortalSession *session = m_sessions.find(sessionId);
    if (!session) {
        exchange.problem(Status::Unauthorized, QStringLiteral("E_NO_SESSION"), QStringLiteral("log in first"));
        co_return QPointer<core::HelperRpc>();
    }
    if (session->privileged && session->privileged->isRunning())
        co_return session->privileged;
    // A child of the connection: it goes with it, and a logout mid-start finds it there.
    QPointer<core::HelperRpc> rpc = new core::HelperRpc(session->connection->ssh(), session->connection.data());
    const auto hello = co_await rpc->start(core::HelperRpc::Mode::Privileged);
    session = m_sessions.find(sessionId);
    if (!session || !rpc) {
        if (rpc)
            rpc->deleteLater();
        exchange.problem(Status::Unauthorized, QStringLiteral("E_NO_SESSION"), QStringLiteral("the session ended"));
        co_return QPointer<core::HelperRpc>();
    }
    if (!hello.ok()) {
        rpc->deleteLater();
        exchange.problem(static_cast<Status>(hello.error().code == QLatin1String("E_FORBIDDEN") ? 403 : 502), hello.error());
        co_return QPointer<core::HelperRpc>();
    }
    if (session->privileged && session->privileged->isRunning()) {
        rpc->deleteLater(); // another request opened one meanwhile
        co_return session->privileged;
    }
    session->privileged = rpc;
    co_return rpc;
}

QCoro::Task<> PortalServer::helpdeskDoctor(RequestInfo info, Exchange exchange)
{
    PortalSession *session = sessionWithRole(info, exchange, QStringLiteral("helpdesk"), QHttpServerRequest::Method::Get);
    if (!session)
        co_return;
    const QString user = QUrlQuery(info.query).queryItemValue(QStringLiteral("user"), QUrl::FullyDecoded);
    if (!plausibleUserName(user)) {
        exchange.problem(Status::BadRequest, QStringLiteral("E_BAD_NAME"), QStringLiteral("give a user name: ?user=NAME"));
        co_return;
    }
    const QPointer<core::HelperRpc> rpc = co_await privilegedHelper(session->id, exchange);
    if (!rpc)
        co_return;
    QPointer<core::DoctorModel> model = new core::DoctorModel(rpc, rpc.data());
    const auto result = co_await model->lookUp(user);
    if (!model)
        co_return; // the session ended while the checks ran; the client is told nothing more
    if (!result.ok())
        exchange.problem(result.error());
    else
        exchange.json(Status::Ok, doctorJson(*model));
    model->deleteLater();
}

QCoro::Task<> PortalServer::adminStatus(RequestInfo info, Exchange exchange)
{
    PortalSession *session = sessionWithRole(info, exchange, QStringLiteral("admin"), QHttpServerRequest::Method::Get);
    if (!session)
        co_return;
    const QPointer<core::HelperRpc> rpc = co_await privilegedHelper(session->id, exchange);
    if (!rpc)
        co_return;
    // `status` plans every part without writing: a part's `state` is its drift
    // (docs/protocol.md, "Admin commands as methods").
    QPointer<core::AdminPlan> query = new core::AdminPlan(rpc, rpc.data());
    const auto status = co_await query->query(QStringLiteral("admin.status"));
    if (!query)
        co_return;
    if (!status.ok()) {
        query->deleteLater();
        exchange.problem(status.error());
        co_return;
    }
    QJsonObject out = status.value();
    const core::HelloInfo hello = rpc->hello();
    // The docker alias has a status of its own, also when helper.conf does not configure it.
    if (hello.methods.contains(QStringLiteral("admin.dockerAlias.status"))) {
        const auto alias = co_await query->query(QStringLiteral("admin.dockerAlias.status"));
        if (!query)
            co_return;
        if (alias.ok())
            out.insert(QStringLiteral("dockerAlias"), alias.value());
    }
    query->deleteLater();
    QJsonArray plannable;
    for (const QString &method : core::AdminPlan::plannableMethods())
        if (hello.methods.contains(method))
            plannable.append(method);
    out.insert(QStringLiteral("host"), hello.node.value(QStringLiteral("hostname")));
    out.insert(QStringLiteral("methods"), plannable);
    exchange.json(Status::Ok, out);
}

QCoro::Task<> PortalServer::adminPlan(RequestInfo info, Exchange exchange)
{
    PortalSession *session = sessionWithRole(info, exchange, QStringLiteral("admin"), QHttpServerRequest::Method::Post);
    if (!session)
        co_return;
    const std::optional<QJsonObject> body = jsonBody(info, exchange);
    if (!body)
        co_return;
    const QString part = body->value(QStringLiteral("part")).toString();
    const QString method = core::AdminPlan::methodForPart(part, body->value(QStringLiteral("enableAlias")).toBool(true));
    if (method.isEmpty()) {
        exchange.problem(Status::BadRequest, QStringLiteral("E_BAD_INPUT"), QStringLiteral("no such setup part"),
                         QStringLiteral("one of the parts GET /api/v1/admin/status lists, or setup or prune"));
        co_return;
    }
    const QJsonObject params = core::AdminPlan::paramsForPart(part, body->value(QStringLiteral("params")).toObject());
    const QByteArray id = session->id;
    const QPointer<core::HelperRpc> rpc = co_await privilegedHelper(id, exchange);
    if (!rpc)
        co_return;
    session = m_sessions.find(id);
    if (!session) {
        exchange.problem(Status::Unauthorized, QStringLiteral("E_NO_SESSION"), QStringLiteral("the session ended"));
        co_return;
    }
    // One plan per session, as on the desktop's Admin page: a new plan replaces the last.
    if (session->adminPlan)
        session->adminPlan->deleteLater();
    QPointer<core::AdminPlan> plan = new core::AdminPlan(rpc, rpc.data());
    session->adminPlan = plan;
    const auto planned = co_await plan->makePlan(method, params);
    if (!plan)
        co_return;
    if (!planned.ok()) {
        exchange.problem(planned.error());
        co_return;
    }
    exchange.json(Status::Ok, {{QStringLiteral("method"), method},
                               {QStringLiteral("params"), params},
                               {QStringLiteral("host"), rpc->hello().node.value(QStringLiteral("hostname"))},
                               {QStringLiteral("plan"), planned.value()}});
}

QCoro::Task<> PortalServer::adminApply(RequestInfo info, Exchange exchange)
{
    PortalSession *session = sessionWithRole(info, exchange, QStringLiteral("admin"), QHttpServerRequest::Method::Post);
    if (!session)
        co_return;
    const std::optional<QJsonObject> body = jsonBody(info, exchange);
    if (!body)
        co_return;
    // The page names the plan it showed: applying something else (a plan another tab
    // replaced, or none) is refused, never run unseen.
    const QString method = body->value(QStringLiteral("method")).toString();
    const QPointer<core::AdminPlan> plan = session->adminPlan;
    if (!plan || !plan->hasPlan() || plan->method() != method) {
        exchange.problem(Status::Conflict, QStringLiteral("E_NO_PLAN"), QStringLiteral("there is no plan of this change to apply"),
                         QStringLiteral("make the plan again and read what it changes"));
        co_return;
    }
    if (plan->busy()) {
        exchange.problem(Status::Conflict, QStringLiteral("E_BUSY"), QStringLiteral("the plan is being applied"));
        co_return;
    }
    const QString host = session->privileged ? session->privileged->hello().node.value(QStringLiteral("hostname")).toString()
                                             : QString();
    const auto applied = co_await plan->apply();
    if (!plan)
        co_return;
    if (!applied.ok()) {
        exchange.problem(applied.error());
        co_return;
    }
    exchange.json(Status::Ok, {{QStringLiteral("method"), method},
                               {QStringLiteral("host"), host},
                               {QStringLiteral("applied"), applied.value()}});
}

} // namespace podbay::portal
