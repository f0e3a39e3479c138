#pragma once
// Admin plan and apply (docs/protocol.md, "Admin commands as methods"): an admin command
// is first run with dryRun (what would change, with diffs), shown, and only applied
// as planned; applying without a plan, or with other parameters, is refused.

#include "WorkflowModel.h"

namespace podbay::core {

class AdminPlan : public WorkflowModel
{
    Q_OBJECT

public:
    explicit AdminPlan(HelperRpc *rpc, QObject *parent = nullptr);

    const QString &method() const { return m_method; }
    const QJsonObject &plan() const { return m_plan; }     // the dry run's report
    const QJsonObject &applied() const { return m_applied; } // the real run's report
    bool hasPlan() const { return !m_method.isEmpty(); }

    // Runs `method` (e.g. "admin.subids.sync") with `params` and dryRun: true.
    QCoro::Task<Result<QJsonObject>> makePlan(QString method, QJsonObject params);
    // Runs the planned method for real, with the planned parameters.
    QCoro::Task<Result<QJsonObject>> apply();
    // A read-only admin method (admin.status, admin.registry.status, ...).
    QCoro::Task<Result<QJsonObject>> query(QString method, QJsonObject params = {});

private:
    QString m_method;
    QJsonObject m_params;
    QJsonObject m_plan;
    QJsonObject m_applied;
};

} // namespace podbay::core
