#pragma once
// Doctor and helpdesk lookup (docs/protocol.md: doctor.run, doctor.user, admin.fix): the
// namespace checks of the connected user, or, on a privileged connection, of any user;
// an admin applies the fix a check names (dry run first).

#include "WorkflowModel.h"

#include <QList>

namespace podbay::core {

// DoctorCheck is in HelperTypes.h (the answer of doctor.run and doctor.user).

class DoctorModel : public WorkflowModel
{
    Q_OBJECT

public:
    explicit DoctorModel(HelperRpc *rpc, QObject *parent = nullptr);

    const QString &user() const { return m_user; }
    const QString &overall() const { return m_overall; } // the worst status
    const QList<DoctorCheck> &checks() const { return m_checks; }
    const DoctorCheck *check(const QString &id) const;

    // The connected user's own checks.
    QCoro::Task<Result<void>> runForMe();
    // Helpdesk (privileged connection): `user`'s checks, read-only.
    QCoro::Task<Result<void>> lookUp(QString user);
    // Admin (privileged connection): applies `fix` for `user`; returns the helper's report
    // of what it did (or, with dryRun, would do).
    QCoro::Task<Result<QJsonObject>> applyFix(QString user, QString fix, bool dryRun);

private:
    Result<void> load(const Result<DoctorReport> &report);

    QString m_user;
    QString m_overall;
    QList<DoctorCheck> m_checks;
};

} // namespace podbay::core
