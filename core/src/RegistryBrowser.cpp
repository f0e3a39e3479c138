#include "RegistryBrowser.h"

#include <QJsonArray>

namespace podbay::core {

RegistryBrowser::RegistryBrowser(HelperRpc *rpc, QObject *parent) : WorkflowModel(rpc, parent) {}

const RegistryRepository *RegistryBrowser::find(const QString &name) const
{
    for (const RegistryRepository &repository : m_repositories)
        if (repository.name == name)
            return &repository;
    return nullptr;
}

void RegistryBrowser::load(const QJsonObject &out)
{
    m_registry = out.value(QStringLiteral("registry")).toString();
    m_namespace = out.value(QStringLiteral("namespace")).toString();
    m_repositories.clear();
    for (const QJsonValue &r : out.value(QStringLiteral("repositories")).toArray()) {
        const QJsonObject repo = r.toObject();
        RegistryRepository repository{repo.value(QStringLiteral("name")).toString(),
                                      repo.value(QStringLiteral("own")).toBool(), {}};
        for (const QJsonValue &t : repo.value(QStringLiteral("tags")).toArray()) {
            const QJsonObject tag = t.toObject();
            RegistryTag entry{tag.value(QStringLiteral("tag")).toString(), tag.value(QStringLiteral("digest")).toString(),
                              tag.value(QStringLiteral("created")).toString(), -1,
                              tag.value(QStringLiteral("labels")).toObject()};
            if (tag.contains(QStringLiteral("size")))
                entry.size = tag.value(QStringLiteral("size")).toInteger();
            repository.tags.append(entry);
        }
        m_repositories.append(repository);
    }
}

QCoro::Task<Result<void>> RegistryBrowser::refresh()
{
    const QJsonObject params{};
    const auto listed = co_await run(QStringLiteral("registry.list"), params, tr("Reading the registry…"));
    if (!listed.ok())
        co_return listed.error();
    load(listed.value().toObject());
    Q_EMIT changed();
    co_return Result<void>();
}

QCoro::Task<Result<void>> RegistryBrowser::deleteTag(QString repository, QString tag)
{
    const QJsonObject params{{QStringLiteral("repository"), repository}, {QStringLiteral("tag"), tag}};
    const auto deleted = co_await run(QStringLiteral("registry.delete"),
                                      params,
                                      tr("Deleting %1:%2…").arg(repository, tag));
    if (!deleted.ok())
        co_return deleted.error();
    co_return co_await refresh();
}

} // namespace podbay::core
