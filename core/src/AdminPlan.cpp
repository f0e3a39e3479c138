#include "AdminPlan.h"

namespace podbay::core {

AdminPlan::AdminPlan(HelperRpc *rpc, QObject *parent) : WorkflowModel(rpc, parent) {}

QString AdminPlan::methodForPart(const QString &part, bool enableAlias)
{
    if (part == QLatin1String("subids"))
        return QStringLiteral("admin.subids.sync");
    if (part == QLatin1String("storage"))
        return QStringLiteral("admin.storage.configure");
    if (part == QLatin1String("docker-alias"))
        return enableAlias ? QStringLiteral("admin.dockerAlias.enable") : QStringLiteral("admin.dockerAlias.disable");
    if (part == QLatin1String("ldap"))
        return QStringLiteral("admin.ldap.shuffle");
    if (part == QLatin1String("registry"))
        return QStringLiteral("admin.registry.setup");
    if (part == QLatin1String("nvidia"))
        return QStringLiteral("admin.nvidia.setup");
    if (part == QLatin1String("prune"))
        return QStringLiteral("admin.prune");
    if (part == QLatin1String("setup") || part == QLatin1String("prune-timer"))
        return QStringLiteral("admin.setup");
    return {};
}

QJsonObject AdminPlan::paramsForPart(const QString &part, const QJsonObject &given)
{
    QStringList keys;
    if (part == QLatin1String("storage"))
        keys = {QStringLiteral("path")};
    else if (part == QLatin1String("registry"))
        keys = {QStringLiteral("storage"), QStringLiteral("listen")};
    else if (part == QLatin1String("prune"))
        keys = {QStringLiteral("olderThan")};
    QJsonObject params;
    for (const QString &key : keys) {
        const QString value = given.value(key).toString().trimmed();
        if (!value.isEmpty())
            params.insert(key, value); // the helper validates it
    }
    if (part == QLatin1String("prune"))
        params.insert(QStringLiteral("allUsers"), true);
    return params;
}

QStringList AdminPlan::plannableMethods()
{
    return {QStringLiteral("admin.subids.sync"),       QStringLiteral("admin.storage.configure"),
            QStringLiteral("admin.dockerAlias.enable"), QStringLiteral("admin.dockerAlias.disable"),
            QStringLiteral("admin.ldap.shuffle"),       QStringLiteral("admin.registry.setup"),
            QStringLiteral("admin.nvidia.setup"),       QStringLiteral("admin.prune"),
            QStringLiteral("admin.setup")};
}

QCoro::Task<Result<QJsonObject>> AdminPlan::makePlan(QString method, QJsonObject params)
{
    const auto planned = co_await run(tr("Planning %1…").arg(method), [&](CallOptions options) {
        return client().adminCommand(method, params, true, std::move(options));
    });
    m_method.clear();
    m_applied = {};
    if (!planned.ok())
        co_return planned.error();
    m_method = method;
    m_params = params;
    m_plan = planned.value().report;
    Q_EMIT changed();
    const QJsonObject plan = m_plan; // a copy: GCC 12 moves from a member named in co_return
    co_return plan;
}

QCoro::Task<Result<QJsonObject>> AdminPlan::apply()
{
    if (!hasPlan())
        co_return Error{QStringLiteral("E_USAGE"), tr("There is no plan to apply."),
                        tr("Make a plan first and read what it changes.")};
    // Exactly what was planned, for real.
    const QString method = m_method;
    const QJsonObject params = m_params;
    const auto applied = co_await run(tr("Applying %1…").arg(method), [&](CallOptions options) {
        return client().adminCommand(method, params, false, std::move(options));
    });
    if (!applied.ok())
        co_return applied.error();
    m_applied = applied.value().report;
    m_method.clear(); // a plan is applied once; the next change needs a new plan
    Q_EMIT changed();
    const QJsonObject report = m_applied; // a copy: see makePlan()
    co_return report;
}

QCoro::Task<Result<QJsonObject>> AdminPlan::query(QString method, QJsonObject params)
{
    const auto answered = co_await run(tr("Reading %1…").arg(method), [&](CallOptions options) {
        return client().adminCommand(method, params, std::nullopt, std::move(options));
    });
    if (!answered.ok())
        co_return answered.error();
    co_return answered.value().report;
}

} // namespace podbay::core
