#pragma once
// The registry browser (docs/protocol.md: registry.list, registry.delete): repositories
// and tags of the site registry, with size, creation time and labels for the user's own
// namespace; deleting a tag in that namespace.

#include "WorkflowModel.h"

#include <QList>

namespace podbay::core {

// RegistryTag and RegistryRepository are in HelperTypes.h (the answer of registry.list).

class RegistryBrowser : public WorkflowModel
{
    Q_OBJECT

public:
    explicit RegistryBrowser(HelperRpc *rpc, QObject *parent = nullptr);

    const QString &registry() const { return m_registry; }
    const QString &ownNamespace() const { return m_namespace; }
    const QList<RegistryRepository> &repositories() const { return m_repositories; }
    // The repository named `name`, or nullptr.
    const RegistryRepository *find(const QString &name) const;

    QCoro::Task<Result<void>> refresh();
    // Deletes `repository:tag` (own namespace only; the helper refuses others), then refreshes.
    QCoro::Task<Result<void>> deleteTag(QString repository, QString tag);

private:
    void load(const RegistryListing &listed);

    QString m_registry;
    QString m_namespace;
    QList<RegistryRepository> m_repositories;
};

} // namespace podbay::core
