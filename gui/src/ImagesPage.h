#pragma once
// Images page: the site registry's repositories and tags (core::RegistryBrowser), with
// size, creation time and base image for the user's own namespace; deleting an own tag;
// copying a reference.

#include <RegistryBrowser.h>

#include <QWidget>

#include <QCoroTask>

class QAction;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace podbay::gui {

class ImagesPage : public QWidget
{
    Q_OBJECT

public:
    explicit ImagesPage(core::HelperRpc *rpc, QWidget *parent = nullptr);

    core::RegistryBrowser *browser() { return m_browser; }
    // The full reference of the selected tag ("registry/repo:tag"), or empty.
    QString selectedReference() const;

public Q_SLOTS:
    QCoro::Task<> refresh();

private:
    QCoro::Task<> deleteSelected();
    void show();
    void updateButtons();

    core::RegistryBrowser *m_browser;
    QTreeWidget *m_tree;
    QPushButton *m_refreshButton;
    QPushButton *m_deleteButton;
    QPushButton *m_copyButton; // a menu: the reference, the podman and Apptainer lines
    QAction *m_copyReference;
    QAction *m_copyPodman;
    QAction *m_copyApptainer;
    QLabel *m_status;
};

} // namespace podbay::gui
