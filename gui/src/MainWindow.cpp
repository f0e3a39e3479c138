#include "MainWindow.h"

#include "ConnectPage.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>

namespace podbay::gui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_connection(new core::Connection(this))
    , m_connectPage(new ConnectPage(m_connection, this))
    , m_pages(new QStackedWidget(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_pages->addWidget(m_connectPage);
    setCentralWidget(m_pages);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *disconnectAction = fileMenu->addAction(tr("&Disconnect"), m_connection, &core::Connection::close);
    disconnectAction->setEnabled(false);
    fileMenu->addSeparator();
    QAction *quitAction = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quitAction->setShortcut(QKeySequence::Quit);

    connect(m_connection, &core::Connection::stateChanged, this, [this, disconnectAction](core::Connection::State state) {
        disconnectAction->setEnabled(state == core::Connection::State::Connected);
        updateTitle();
    });
    updateTitle();
    resize(720, 520);
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
