#include "ImagesPage.h"

#include <QGuiApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace podbay::gui {
namespace {

enum Role { RepositoryRole = Qt::UserRole, TagRole, OwnRole, LocalReferenceRole, PodmanRunRole, ApptainerRole };

} // namespace

ImagesPage::ImagesPage(core::HelperRpc *rpc, QWidget *parent)
    : QWidget(parent)
    , m_browser(new core::RegistryBrowser(rpc, this))
    , m_tree(new QTreeWidget(this))
    , m_refreshButton(new QPushButton(tr("&Refresh"), this))
    , m_deleteButton(new QPushButton(tr("&Delete tag"), this))
    , m_copyButton(new QPushButton(tr("&Copy"), this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("imagesPage"));
    m_tree->setObjectName(QStringLiteral("images"));
    m_tree->setHeaderLabels({tr("Image"), tr("Size"), tr("Created"), tr("Base image")});
    for (int column = 0; column < 3; ++column)
        m_tree->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_refreshButton->setObjectName(QStringLiteral("imagesRefreshButton"));
    m_deleteButton->setObjectName(QStringLiteral("imagesDeleteButton"));
    m_copyButton->setObjectName(QStringLiteral("imagesCopyButton"));
    m_status->setObjectName(QStringLiteral("imagesStatus"));
    m_status->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refreshButton);
    buttons->addStretch(1);
    buttons->addWidget(m_copyButton);
    buttons->addWidget(m_deleteButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<h3>Images</h3><p>What the site registry holds, and your images on the login "
                                    "node. Your own images show their size, age and base; only your own tags "
                                    "can be deleted.</p>"),
                                 this));
    layout->addLayout(buttons);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_status);

    connect(m_refreshButton, &QPushButton::clicked, this, &ImagesPage::refresh);
    connect(m_deleteButton, &QPushButton::clicked, this, &ImagesPage::deleteSelected);
    // What a user pastes: the reference, or the lines the helper gives for it (the same as
    // after a push: podman run with the registry's flags, apptainer pull and exec).
    auto *copyMenu = new QMenu(m_copyButton);
    m_copyReference = copyMenu->addAction(tr("Image &reference"), this,
                                          [this] { QGuiApplication::clipboard()->setText(selectedReference()); });
    m_copyPodman = copyMenu->addAction(tr("&podman run line"), this, [this] {
        QGuiApplication::clipboard()->setText(m_tree->currentItem()->data(0, PodmanRunRole).toString());
    });
    m_copyApptainer = copyMenu->addAction(tr("&Apptainer pull and exec lines"), this, [this] {
        QGuiApplication::clipboard()->setText(m_tree->currentItem()->data(0, ApptainerRole).toString());
    });
    m_copyReference->setObjectName(QStringLiteral("imagesCopyReference"));
    m_copyPodman->setObjectName(QStringLiteral("imagesCopyPodman"));
    m_copyApptainer->setObjectName(QStringLiteral("imagesCopyApptainer"));
    m_copyButton->setMenu(copyMenu);
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &ImagesPage::updateButtons);
    connect(m_browser, &core::WorkflowModel::changed, this, &ImagesPage::show);
    connect(m_browser, &core::WorkflowModel::busyChanged, this, &ImagesPage::updateButtons);
    connect(m_browser, &core::WorkflowModel::failed, this,
            [this](const core::Error &error) { m_status->setText(error.toString()); });
    updateButtons();
}

QString ImagesPage::selectedReference() const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    if (item && !item->data(0, LocalReferenceRole).toString().isEmpty())
        return item->data(0, LocalReferenceRole).toString();
    if (!item || item->data(0, TagRole).toString().isEmpty())
        return {};
    return m_browser->registry() + QLatin1Char('/') + item->data(0, RepositoryRole).toString() + QLatin1Char(':') +
           item->data(0, TagRole).toString();
}

void ImagesPage::updateButtons()
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    const bool tag = item && !item->data(0, TagRole).toString().isEmpty();
    m_refreshButton->setEnabled(!m_browser->busy());
    m_copyButton->setEnabled(!selectedReference().isEmpty());
    m_copyReference->setEnabled(!selectedReference().isEmpty());
    m_copyPodman->setEnabled(item && !item->data(0, PodmanRunRole).toString().isEmpty());
    m_copyApptainer->setEnabled(item && !item->data(0, ApptainerRole).toString().isEmpty());
    m_deleteButton->setEnabled(tag && item->data(0, OwnRole).toBool() && !m_browser->busy());
}

void ImagesPage::show()
{
    m_tree->clear();
    const QLocale locale;
    for (const core::RegistryRepository &repository : m_browser->repositories()) {
        auto *repo = new QTreeWidgetItem(m_tree, {repository.name});
        repo->setData(0, RepositoryRole, repository.name);
        QFont bold = repo->font(0);
        bold.setBold(repository.own);
        repo->setFont(0, bold);
        for (const core::RegistryTag &tag : repository.tags) {
            auto *item = new QTreeWidgetItem(
                repo, {tag.tag, tag.size < 0 ? QString() : locale.formattedDataSize(tag.size),
                       tag.created.isEmpty() ? QString()
                                             : locale.toString(QDateTime::fromString(tag.created, Qt::ISODateWithMs)
                                                                   .toLocalTime(),
                                                               QLocale::ShortFormat),
                       tag.labels.value(QStringLiteral("podbay.base")).toString()});
            item->setData(0, RepositoryRole, repository.name);
            item->setData(0, TagRole, tag.tag);
            item->setData(0, OwnRole, repository.own);
            item->setData(0, PodmanRunRole, tag.podmanRun);
            if (!tag.apptainerPull.isEmpty())
                item->setData(0, ApptainerRole, tag.apptainerPull + QLatin1Char('\n') + tag.apptainerExec);
            item->setToolTip(0, tag.digest);
        }
        repo->setExpanded(repository.own);
    }
    // The login node's own images (images.list): built or pulled there, not pushed.
    auto *local = new QTreeWidgetItem(m_tree, {tr("On the login node")});
    for (const core::LocalImage &image : m_browser->localImages()) {
        const QString name = image.names.isEmpty() ? tr("(untagged) %1").arg(image.id.left(12)) : image.names.first();
        auto *item = new QTreeWidgetItem(
            local, {name, locale.formattedDataSize(image.size),
                    locale.toString(QDateTime::fromSecsSinceEpoch(image.created), QLocale::ShortFormat), image.base});
        item->setData(0, LocalReferenceRole, image.names.isEmpty() ? image.id : image.names.first());
        item->setToolTip(0, image.names.join(QLatin1Char('\n')));
    }
    if (!m_browser->localError().isEmpty())
        new QTreeWidgetItem(local, {m_browser->localError()});
    local->setExpanded(true);
    m_status->setText(tr("%1: %n repositories", nullptr, int(m_browser->repositories().size()))
                          .arg(m_browser->registry()));
    updateButtons();
}

QCoro::Task<> ImagesPage::refresh()
{
    co_await m_browser->refresh();
}

QCoro::Task<> ImagesPage::deleteSelected()
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    if (!item || !item->data(0, OwnRole).toBool())
        co_return;
    const QString repository = item->data(0, RepositoryRole).toString();
    const QString tag = item->data(0, TagRole).toString();
    // Deleting a tag cannot be undone: ask first.
    if (QMessageBox::question(this, tr("Delete %1:%2?").arg(repository, tag),
                              tr("Delete %1:%2 from the registry? Jobs and colleagues using it will no longer find "
                                 "it.")
                                  .arg(repository, tag)) != QMessageBox::Yes)
        co_return;
    co_await m_browser->deleteTag(repository, tag);
}

} // namespace podbay::gui
