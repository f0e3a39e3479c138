#pragma once
// The registry browser (docs/protocol.md: registry.list, registry.delete): repositories
// and tags of the site registry, with size, creation time and labels for the user's own
// namespace; deleting a tag in that namespace. Also the user's images on the login node
// (images.list): built or pulled there and not (or no longer) in the registry.

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
    // The user's images on the login node, and why they could not be read (empty: they were).
    const QList<LocalImage> &localImages() const { return m_local; }
    const QString &localError() const { return m_localError; }

    // The registry, then the login node's images; a login node that cannot list them (no
    // subordinate ids) leaves localError() set, the registry listing still stands.
    QCoro::Task<Result<void>> refresh();
    // Deletes `repository:tag` (own namespace only; the helper refuses others), then refreshes.
    QCoro::Task<Result<void>> deleteTag(QString repository, QString tag);

private:
    void load(const RegistryListing &listed);

    QString m_registry;
    QString m_namespace;
    QList<RegistryRepository> m_repositories;
    QList<LocalImage> m_local;
    QString m_localError;
};

} // namespace podbay::core
