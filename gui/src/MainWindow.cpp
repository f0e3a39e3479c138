#include "MainWindow.h"

#include "AdminPage.h"
#include "ApptainerTab.h"
#include "BuildPage.h"
#include "ConnectPage.h"
#include "ContainerfileTab.h"
#include "DoctorPage.h"
#include "ImagesPage.h"
#include "LogPanel.h"
#include "LoginNodeRunTab.h"
#include "Notifier.h"
#include "RunPage.h"
#include "Translations.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>
#include <QDesktopServices>
#include <QHostAddress>
#include <QStatusBar>

#include <PortalServer.h>
#include <QTabWidget>

namespace podbay::gui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_connection(new core::Connection(this))
    , m_connectPage(new ConnectPage(m_connection, this))
    , m_pages(new QStackedWidget(this))
    , m_workspace(new QTabWidget(this))
    , m_buildPage(new BuildPage(m_connection->rpc(), this))
    , m_imagesPage(new ImagesPage(m_connection->rpc(), this))
    , m_runPage(new RunPage(m_connection->rpc(), this))
    , m_doctorPage(new DoctorPage(m_connection->rpc(), this))
    , m_adminPage(new AdminPage(m_connection->rpc(), this))
    , m_logPanel(new LogPanel(this))
    , m_notifier(new Notifier(this))
{
    m_connection->setPrompter(&m_prompter);
    m_buildPage->setSshConnection(m_connection->ssh()); // the Terminal tab's shell channel
    setObjectName(QStringLiteral("mainWindow"));
    m_workspace->setObjectName(QStringLiteral("workspace"));
    m_workspace->setDocumentMode(true);
    m_workspace->addTab(m_buildPage, tr("&Build"));
    m_workspace->addTab(m_imagesPage, tr("&Images"));
    m_workspace->addTab(m_runPage, tr("&Run"));
    m_workspace->addTab(m_doctorPage, tr("D&octor"));
    m_workspace->addTab(m_adminPage, tr("&Admin"));
    m_workspace->setTabVisible(m_workspace->indexOf(m_adminPage), false); // shown for admins (showPages)
    // The registry is read when its page is opened (and on Refresh).
    connect(m_workspace, &QTabWidget::currentChanged, this, [this](int) {
        if (m_workspace->currentWidget() == m_imagesPage && !m_imagesPage->browser()->busy())
            m_imagesPage->refresh();
    });
    // What was just pushed is what the user runs next.
    connect(m_buildPage->flow(), &core::WorkflowModel::changed, this, [this] {
        if (!m_buildPage->flow()->published().image.isEmpty()) {
            m_runPage->setImage(m_buildPage->flow()->published().image);
            showNamespaceOf(m_buildPage->flow()->published().image);
        }
    });
    connect(m_buildPage->containerfileTab(), &ContainerfileTab::pushed, this, [this](const QString &image) {
        m_runPage->setImage(image);
        showNamespaceOf(image);
    });
    // The user's namespace, shown before image names, is what registry.list says (read
    // when the Images page opens; not at connect: a listing taken then and answered after
    // a push would show the registry without the pushed tag) or what a push used.
    connect(m_imagesPage->browser(), &core::WorkflowModel::changed, this, [this] {
        m_buildPage->setRegistry(registryAddress(), m_imagesPage->browser()->ownNamespace());
    });

    // Everything the helper says, from every page (View > Log).
    m_logPanel->follow(m_connection->rpc());
    addDockWidget(Qt::BottomDockWidgetArea, m_logPanel);
    // Long work that ends while the user is elsewhere.
    m_notifier->watchJob(m_runPage->job());
    m_notifier->watchLongCalls(m_buildPage->flow(), tr("Build"));
    m_notifier->watchLongCalls(m_buildPage->containerfileTab()->flow(), tr("Containerfile build"));
    m_notifier->watchLongCalls(m_runPage->loginNodeTab()->flow(), tr("Run on the login node"));
    m_notifier->watchLongCalls(m_runPage->apptainerTab()->flow(), tr("Apptainer pull"));
    m_pages->addWidget(m_connectPage);
    m_pages->addWidget(m_workspace);
    setCentralWidget(m_pages);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *disconnectAction = fileMenu->addAction(tr("&Disconnect"), m_connection, &core::Connection::close);
    disconnectAction->setEnabled(false);
    m_openInBrowser = fileMenu->addAction(tr("Open in &browser"), this, &MainWindow::openInBrowser);
    m_openInBrowser->setObjectName(QStringLiteral("openInBrowser"));
    m_openInBrowser->setToolTip(tr("The same pages in your web browser, on this computer only"));
    m_openInBrowser->setEnabled(false);
    fileMenu->addSeparator();
    QAction *quitAction = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quitAction->setShortcut(QKeySequence::Quit);
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *logAction = m_logPanel->toggleViewAction();
    logAction->setObjectName(QStringLiteral("viewLogAction"));
    logAction->setText(tr("&Log"));
    logAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    viewMenu->addAction(logAction);
    // The language: the system's unless chosen here; a translator installed at start
    // cannot re-translate the widgets already made, so the choice applies at the next start.
    QMenu *languageMenu = viewMenu->addMenu(tr("L&anguage"));
    languageMenu->setObjectName(QStringLiteral("languageMenu"));
    auto *languages = new QActionGroup(languageMenu);
    const QString current = languageSetting();
    for (const auto &[code, name] : {std::pair{QString(), tr("As the system")},
                                     std::pair{QStringLiteral("en"), QStringLiteral("English")},
                                     std::pair{QStringLiteral("de"), QStringLiteral("Deutsch")}}) {
        QAction *action = languageMenu->addAction(name);
        action->setObjectName(QStringLiteral("language_") + (code.isEmpty() ? QStringLiteral("system") : code));
        action->setCheckable(true);
        action->setChecked(code == current);
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [this, code] {
            setLanguageSetting(code);
            statusBar()->showMessage(tr("The language changes when Podbay starts again."), 10000);
        });
    }

    connect(m_connection, &core::Connection::stateChanged, this, [this, disconnectAction](core::Connection::State state) {
        disconnectAction->setEnabled(state == core::Connection::State::Connected);
        m_openInBrowser->setEnabled(state == core::Connection::State::Connected);
        showPages(state);
        updateTitle();
    });
    updateTitle();
    resize(900, 680);
    // Where the user left the window last time (QSettings).
    const QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    // Shown or not as the user left it (hidden the first time); saved when toggled, not
    // only at close, so a crash or a kill keeps it too.
    m_logPanel->setVisible(settings.value(QStringLiteral("view/logPanel"), false).toBool());
    connect(logAction, &QAction::toggled, this,
            [](bool shown) { QSettings().setValue(QStringLiteral("view/logPanel"), shown); });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

MainWindow::~MainWindow()
{
    m_portal.reset(); // its sessions borrow the connection
    m_connection->setPrompter(nullptr);
}

void MainWindow::openInBrowser()
{
    if (m_connection->state() != core::Connection::State::Connected)
        return;
    if (!m_portal) {
        // Loopback only, plain HTTP (nothing leaves this computer), no password logins:
        // sessions come from one-time links only (PortalServer::login refuses otherwise).
        portal::PortalOptions options;
        options.listenAddress = QHostAddress::LocalHost;
        options.listenPort = 0;
        options.embedded = true;
        auto server = std::make_unique<portal::PortalServer>(options);
        if (server->listen() == 0) {
            statusBar()->showMessage(tr("Could not start the browser view on this computer."));
            return;
        }
        m_portal = std::move(server);
    }
    const QUrl url(QStringLiteral("http://127.0.0.1:%1%2").arg(m_portal->port()).arg(m_portal->embedConnection(m_connection)));
    const bool opened = m_openUrl ? m_openUrl(url) : QDesktopServices::openUrl(url);
    statusBar()->showMessage(opened ? tr("Opened in your browser (http://127.0.0.1:%1/)").arg(m_portal->port())
                                    : tr("No web browser could be started."));
}

void MainWindow::showPages(core::Connection::State state)
{
    if (state != core::Connection::State::Connected) {
        m_pages->setCurrentWidget(m_connectPage);
        return;
    }
    const core::HelloInfo &hello = m_connection->hello();
    m_buildPage->setRegistry(registryAddress(), {});
    // The privileged server has the helpdesk and admin methods only: there the Doctor
    // looks up users, and the user pages are hidden.
    m_doctorPage->setLookUpAllowed(hello.privileged);
    for (QWidget *page : {static_cast<QWidget *>(m_buildPage), static_cast<QWidget *>(m_imagesPage),
                          static_cast<QWidget *>(m_runPage)})
        m_workspace->setTabVisible(m_workspace->indexOf(page), !hello.privileged);
    // The admin methods exist only in the privileged server, and only for callers whose
    // caller.roles has "admin" (docs/protocol.md, "Roles").
    const bool admin = hello.privileged && hello.hasRole(QStringLiteral("admin"));
    m_workspace->setTabVisible(m_workspace->indexOf(m_adminPage), admin);
    if (admin)
        m_adminPage->connected(hello);
    if (hello.privileged) {
        m_workspace->setCurrentWidget(m_doctorPage);
    } else {
        m_runPage->connected(m_connection->ssh(), hello);
    }
    m_pages->setCurrentWidget(m_workspace);
}

void MainWindow::showNamespaceOf(const QString &pushed)
{
    // REGISTRY/NAMESPACE/NAME:TAG (docs/protocol.md, Namespace).
    const QString registry = registryAddress();
    if (registry.isEmpty() || !pushed.startsWith(registry + QLatin1Char('/')))
        return;
    const QString path = pushed.mid(registry.size() + 1);
    if (path.count(QLatin1Char('/')) == 1)
        m_buildPage->setRegistry(registry, path.section(QLatin1Char('/'), 0, 0));
}

QString MainWindow::registryAddress() const
{
    // docs/protocol.md system.hello: node.registry.address ("" when none is configured).
    return m_connection->hello().node.value(QStringLiteral("registry")).toObject().value(QStringLiteral("address")).toString();
}

void MainWindow::updateTitle()
{
    switch (m_connection->state()) {
    case core::Connection::State::Connected:
        setWindowTitle(tr("Podbay — %1@%2").arg(m_connectPage->profile().user, m_connectPage->profile().host));
        statusBar()->showMessage(tr("Connected: %1").arg(m_connection->hello().helper.toString()));
        break;
    case core::Connection::State::Connecting:
        setWindowTitle(tr("Podbay"));
        statusBar()->showMessage(tr("Connecting…"));
        break;
    case core::Connection::State::Disconnected:
        setWindowTitle(tr("Podbay"));
        statusBar()->showMessage(tr("Not connected"));
        break;
    }
}

} // namespace podbay::gui
