#pragma once
// The desktop app's main window. Issue #2: the connection page; issue #7 adds the
// build, images, run, doctor, helpdesk and admin pages.

#include <Connection.h>

#include <QMainWindow>

class QStackedWidget;

namespace podbay::gui {

class ConnectPage;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    core::Connection *connection() { return m_connection; }
    ConnectPage *connectPage() { return m_connectPage; }

private:
    void updateTitle();

    core::Connection *m_connection;
    ConnectPage *m_connectPage;
    QStackedWidget *m_pages;
};

} // namespace podbay::gui
