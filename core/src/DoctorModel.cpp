#include "DoctorModel.h"

namespace podbay::core {

DoctorModel::DoctorModel(HelperRpc *rpc, QObject *parent) : WorkflowModel(rpc, parent) {}

const DoctorCheck *DoctorModel::check(const QString &id) const
{
    for (const DoctorCheck &c : m_checks)
        if (c.id == id)
            return &c;
    return nullptr;
}

Result<void> DoctorModel::load(const Result<DoctorReport> &report)
{
    if (!report.ok())
        return report.error();
    m_user = report.value().user;
    m_overall = report.value().status;
    m_checks = report.value().checks;
    Q_EMIT changed();
    return {};
}

QCoro::Task<Result<void>> DoctorModel::runForMe()
{
    const auto report = co_await run(tr("Checking your account…"), [&](CallOptions options) {
        return client().doctorRun(std::move(options));
    });
    co_return load(report);
}

QCoro::Task<Result<void>> DoctorModel::lookUp(QString user)
{
    const auto report = co_await run(tr("Checking %1…").arg(user), [&](CallOptions options) {
        return client().doctorUser(user, std::move(options));
    });
    co_return load(report);
}

QCoro::Task<Result<QJsonObject>> DoctorModel::applyFix(QString user, QString fix, bool dryRun)
{
    // Not a conditional expression inside co_await: GCC 12 destroys its temporaries twice.
    QString what = tr("Applying %1 for %2…").arg(fix, user);
    if (dryRun)
        what = tr("Planning %1 for %2…").arg(fix, user);
    const auto applied = co_await run(what, [&](CallOptions options) {
        return client().adminFix(user, fix, dryRun, std::move(options));
    });
    if (!applied.ok())
        co_return applied.error();
    co_return applied.value().toJson();
}

} // namespace podbay::core
