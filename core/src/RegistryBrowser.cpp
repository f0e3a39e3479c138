#include "RegistryBrowser.h"

#include <QPointer>

namespace podbay::core {

RegistryBrowser::RegistryBrowser(HelperRpc *rpc, QObject *parent) : WorkflowModel(rpc, parent) {}

const RegistryRepository *RegistryBrowser::find(const QString &name) const
{
    for (const RegistryRepository &repository : m_repositories)
        if (repository.name == name)
            return &repository;
    return nullptr;
}

void RegistryBrowser::load(const RegistryListing &listed)
{
    m_registry = listed.registry;
    m_namespace = listed.ownNamespace;
    m_repositories = listed.repositories;
}

QCoro::Task<Result<void>> RegistryBrowser::refresh()
{
    const auto listed = co_await run(tr("Reading the registry…"), [&](CallOptions options) {
        return client().registryList({}, std::move(options));
    });
    if (!listed.ok())
        co_return listed.error();
    load(listed.value());
    QPointer<RegistryBrowser> self(this);
    // Outside run(): its failure (bob has no subordinate ids) is a note, not the model's error.
    const auto local = co_await client().imagesList();
    if (!self)
        co_return Result<void>();
    m_local = local.ok() ? local.value().images : QList<LocalImage>{};
    m_localError = local.ok() ? QString() : local.error().toString();
    Q_EMIT changed();
    co_return Result<void>();
}

QCoro::Task<Result<void>> RegistryBrowser::deleteTag(QString repository, QString tag)
{
    const auto deleted = co_await run(tr("Deleting %1:%2…").arg(repository, tag), [&](CallOptions options) {
        return client().registryDelete(repository, tag, std::move(options));
    });
    if (!deleted.ok())
        co_return deleted.error();
    co_return co_await refresh();
}

} // namespace podbay::core
