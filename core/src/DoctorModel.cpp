#include "DoctorModel.h"

#include <QJsonArray>

namespace podbay::core {

DoctorModel::DoctorModel(HelperRpc *rpc, QObject *parent) : WorkflowModel(rpc, parent) {}

const DoctorCheck *DoctorModel::check(const QString &id) const
{
    for (const DoctorCheck &c : m_checks)
        if (c.id == id)
            return &c;
    return nullptr;
}

Result<void> DoctorModel::load(const Result<QJsonValue> &report)
{
    if (!report.ok())
        return report.error();
    const QJsonObject out = report.value().toObject();
    m_user = out.value(QStringLiteral("user")).toString();
    m_overall = out.value(QStringLiteral("status")).toString();
    m_checks.clear();
    for (const QJsonValue &value : out.value(QStringLiteral("checks")).toArray()) {
        const QJsonObject c = value.toObject();
        m_checks.append({c.value(QStringLiteral("id")).toString(), c.value(QStringLiteral("title")).toString(),
                         c.value(QStringLiteral("status")).toString(), c.value(QStringLiteral("detail")).toString(),
                         c.value(QStringLiteral("remedy")).toString(), c.value(QStringLiteral("fix")).toString()});
    }
    Q_EMIT changed();
    return {};
}

QCoro::Task<Result<void>> DoctorModel::runForMe()
{
    const QJsonObject params{};
    co_return load(co_await run(QStringLiteral("doctor.run"), params, tr("Checking your account…")));
}

QCoro::Task<Result<void>> DoctorModel::lookUp(QString user)
{
    const QJsonObject params{{QStringLiteral("user"), user}};
    co_return load(co_await run(QStringLiteral("doctor.user"), params, tr("Checking %1…").arg(user)));
}

QCoro::Task<Result<QJsonObject>> DoctorModel::applyFix(QString user, QString fix, bool dryRun)
{
    const QJsonObject params{{QStringLiteral("user"), user}, {QStringLiteral("fix"), fix},
                             {QStringLiteral("dryRun"), dryRun}};
    // Not a conditional expression inside co_await: GCC 12 destroys its temporaries twice.
    QString what = tr("Applying %1 for %2…").arg(fix, user);
    if (dryRun)
        what = tr("Planning %1 for %2…").arg(fix, user);
    const auto applied = co_await run(QStringLiteral("admin.fix"), params, what);
    if (!applied.ok())
        co_return applied.error();
    co_return applied.value().toObject();
}

} // namespace podbay::core
