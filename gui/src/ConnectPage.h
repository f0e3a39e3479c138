#pragma once
// The connection form: where the login node is and who the user is. Connecting is
// core::Connection::open(); this page only collects the profile and shows the outcome.

#include <ConnectionProfile.h>
#include <Connection.h>

#include <QCoroTask>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace podbay::gui {

class ConnectPage : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectPage(core::Connection *connection, QWidget *parent = nullptr);

    core::ConnectionProfile profile() const;
    void setProfile(const core::ConnectionProfile &profile);

    // The outcome line under the form ("Connected: podbay-helper 0.1.0 ..." or the error).
    QString statusText() const;

public Q_SLOTS:
    QCoro::Task<> connectToLoginNode();

Q_SIGNALS:
    void connected();

private:
    QWidget *fileRow(QLineEdit *edit, const QString &caption);
    // Fills the form from ~/.ssh/config's Host `alias`, as `ssh alias` would connect.
    void applySshConfigHost(const QString &alias);
    void setBusy(bool busy);

    core::Connection *m_connection;
    QComboBox *m_sshHosts; // the Host aliases of ~/.ssh/config
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_user;
    QLineEdit *m_identityFile;
    QLineEdit *m_password;
    QLineEdit *m_knownHosts;
    QLineEdit *m_helper;
    QCheckBox *m_privileged;
    QString m_jumpHost; // ProxyJump of the chosen ~/.ssh/config host (no field of its own)
    QPushButton *m_connectButton;
    QProgressBar *m_busy;
    QLabel *m_status;
};

} // namespace podbay::gui
