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
    // The command that plans a setup part: a part name of admin.status (subids, storage,
    // docker-alias, ldap, registry, nvidia, prune-timer), "setup" (every configured part) or
    // "prune" (docs/protocol.md, the table of "Admin commands as methods"); the docker alias
    // is enabled or disabled as `enableAlias` says. A part without a command of its own
    // (prune-timer) is planned with admin.setup.
    static QString methodForPart(const QString &part, bool enableAlias = true);
    // The parameters `part`'s command takes, from `given` (other members are dropped):
    // storage `path`; registry `storage` and `listen`; prune `olderThan`, and always
    // `allUsers` (run as root, prune without a user would prune root's own storage).
    static QJsonObject paramsForPart(const QString &part, const QJsonObject &given);
    // Every method methodForPart returns: what a front end may let be planned and applied.
    static QStringList plannableMethods();

    // A read-only admin method (admin.status, admin.registry.status, ...).
    QCoro::Task<Result<QJsonObject>> query(QString method, QJsonObject params = {});

private:
    QString m_method;
    QJsonObject m_params;
    QJsonObject m_plan;
    QJsonObject m_applied;
};

} // namespace podbay::core
