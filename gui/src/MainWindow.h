#pragma once
// The desktop app's main window. Issue #2: the connection page; issue #7 adds the
// build, images, run, doctor, helpdesk and admin pages, the log panel (View > Log) and
// notifications when long work ends (Notifier).

#include "DialogPrompter.h"

#include <Connection.h>

#include <QMainWindow>
#include <QUrl>

#include <functional>
#include <memory>

class QAction;
class QStackedWidget;
class QTabWidget;

namespace podbay::portal {
class PortalServer;
}

namespace podbay::gui {

class AdminPage;
class BuildPage;
class ConnectPage;
class DoctorPage;
class ImagesPage;
class LogPanel;
class Notifier;
class RunPage;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    core::Connection *connection() { return m_connection; }
    ConnectPage *connectPage() { return m_connectPage; }
    BuildPage *buildPage() { return m_buildPage; }
    DoctorPage *doctorPage() { return m_doctorPage; }
    AdminPage *adminPage() { return m_adminPage; }
    ImagesPage *imagesPage() { return m_imagesPage; }
    RunPage *runPage() { return m_runPage; }
    LogPanel *logPanel() { return m_logPanel; }
    Notifier *notifier() { return m_notifier; }

    // File > Open in browser: the portal, embedded on 127.0.0.1 (a free port), for this
    // connection; the browser gets a one-time link (PortalServer::embedConnection).
    QAction *openInBrowserAction() { return m_openInBrowser; }
    // How links are opened (QDesktopServices::openUrl by default; tests record them).
    void setUrlOpener(std::function<bool(const QUrl &)> opener) { m_openUrl = std::move(opener); }
    portal::PortalServer *embeddedPortal() { return m_portal.get(); }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void openInBrowser();
    void updateTitle();
    void showPages(core::Connection::State state);
    QString registryAddress() const;
    // Shows the namespace of `pushed` (a full reference) before the Build page's names.
    void showNamespaceOf(const QString &pushed);

    // Host keys, passwords and one-time codes the SSH layer asks about; the connection (a
    // child, deleted after this member) is told to forget it in ~MainWindow.
    DialogPrompter m_prompter{this};
    core::Connection *m_connection;
    ConnectPage *m_connectPage;
    QStackedWidget *m_pages;
    QTabWidget *m_workspace;
    BuildPage *m_buildPage;
    ImagesPage *m_imagesPage;
    RunPage *m_runPage;
    DoctorPage *m_doctorPage;
    AdminPage *m_adminPage;
    LogPanel *m_logPanel;
    Notifier *m_notifier;
    QAction *m_openInBrowser = nullptr;
    std::unique_ptr<portal::PortalServer> m_portal;
    std::function<bool(const QUrl &)> m_openUrl;
};

} // namespace podbay::gui
