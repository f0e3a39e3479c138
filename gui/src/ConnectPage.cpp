#include "ConnectPage.h"

#include "SavedProfile.h"

#include <SshConfig.h>

#include <QFileDialog>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace podbay::gui {

ConnectPage::ConnectPage(core::Connection *connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_sshHosts(new QComboBox(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_user(new QLineEdit(this))
    , m_identityFile(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_knownHosts(new QLineEdit(this))
    , m_helper(new QLineEdit(this))
    , m_privileged(new QCheckBox(tr("As &helpdesk or admin (through sudo on the login node)"), this))
    , m_connectButton(new QPushButton(tr("&Connect"), this))
    , m_busy(new QProgressBar(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("connectPage"));
    m_host->setObjectName(QStringLiteral("host"));
    m_host->setPlaceholderText(tr("login.cluster.example.org"));
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setRange(1, 65535);
    m_user->setObjectName(QStringLiteral("user"));
    m_identityFile->setObjectName(QStringLiteral("identityFile"));
    m_identityFile->setPlaceholderText(tr("~/.ssh/id_ed25519"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("only if the login node asks for one"));
    m_knownHosts->setObjectName(QStringLiteral("knownHosts"));
    m_knownHosts->setPlaceholderText(tr("~/.ssh/known_hosts"));
    m_helper->setObjectName(QStringLiteral("helper"));
    m_privileged->setObjectName(QStringLiteral("privileged"));
    m_privileged->setToolTip(tr("Look up any user's status, or change the login node's setup. Needs the site's "
                                "sudo rule for podbay-helper."));
    m_connectButton->setObjectName(QStringLiteral("connectButton"));
    m_connectButton->setDefault(true);
    m_busy->setObjectName(QStringLiteral("busy"));
    m_busy->setRange(0, 0); // indeterminate: connecting has no measurable progress
    m_busy->setVisible(false);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_sshHosts->setObjectName(QStringLiteral("sshHosts"));
    m_sshHosts->setToolTip(tr("The Host entries of your ~/.ssh/config: HostName, User, Port and IdentityFile "
                              "are taken from there, as ssh does."));
    m_sshHosts->addItem(tr("(type it in below)"));
    const QStringList aliases = core::SshConfig::loadUserConfig().hostAliases();
    m_sshHosts->addItems(aliases);
    m_sshHosts->setEnabled(!aliases.isEmpty());
    connect(m_sshHosts, &QComboBox::activated, this, [this](int index) {
        if (index > 0)
            applySshConfigHost(m_sshHosts->itemText(index));
    });

    auto *form = new QFormLayout;
    form->addRow(tr("&SSH config:"), m_sshHosts);
    form->addRow(tr("&Login node:"), m_host);
    form->addRow(tr("P&ort:"), m_port);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Key file:"), fileRow(m_identityFile, tr("Choose a private key")));
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(tr("Known &hosts:"), fileRow(m_knownHosts, tr("Choose a known_hosts file")));
    form->addRow(tr("&Helper:"), m_helper);
    form->addRow(QString(), m_privileged);

    auto *title = new QLabel(tr("<h2>Connect to your cluster</h2>"
                                "<p>Podbay works on the cluster's login node over SSH.</p>"),
                             this);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_connectButton);

    // The form keeps a readable width and stays centred when the window grows.
    auto *column = new QWidget(this);
    column->setMaximumWidth(640);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->addWidget(title);
    columnLayout->addLayout(form);
    columnLayout->addLayout(buttons);
    columnLayout->addWidget(m_busy);
    columnLayout->addWidget(m_status);
    columnLayout->addStretch();

    auto *layout = new QHBoxLayout(this);
    layout->addStretch();
    layout->addWidget(column, 1);
    layout->addStretch();

    connect(m_connectButton, &QPushButton::clicked, this, &ConnectPage::connectToLoginNode);
    // A host typed in by hand is not the ~/.ssh/config entry any more.
    connect(m_host, &QLineEdit::textEdited, this, [this] {
        m_jumpHost.clear();
        m_sshHosts->setCurrentIndex(0);
    });
    // The last profile that connected, unless the environment names the login node
    // (scripts/demo, the tests).
    setProfile(core::Connection::profileFromEnvironment(loadLastProfile()));
}

QWidget *ConnectPage::fileRow(QLineEdit *edit, const QString &caption)
{
    // The edit with a browse button beside it, as one row widget for the form.
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    edit->setParent(row);
    layout->addWidget(edit);
    auto *browse = new QToolButton(row);
    browse->setText(QStringLiteral("…"));
    browse->setToolTip(caption);
    layout->addWidget(browse);
    connect(browse, &QToolButton::clicked, this, [this, edit, caption] {
        const QString file = QFileDialog::getOpenFileName(this, caption, edit->text());
        if (!file.isEmpty())
            edit->setText(file);
    });
    return row;
}

void ConnectPage::applySshConfigHost(const QString &alias)
{
    // Only what ssh_config sets replaces the form; the rest (known_hosts, helper, the
    // privileged box) stays as the user left it.
    core::ConnectionProfile base = profile();
    base.host = alias; // ssh's default when the block has no HostName
    base.port = 22;
    base.identityFile.clear();
    const core::ConnectionProfile resolved = core::SshConfig::loadUserConfig().resolve(alias, base);
    setProfile(resolved);
    m_jumpHost = resolved.jumpHost;
    m_status->setText(resolved.jumpHost.isEmpty()
                          ? tr("From ~/.ssh/config: %1").arg(alias)
                          : tr("From ~/.ssh/config: %1 (through the jump host %2)").arg(alias, resolved.jumpHost));
}

core::ConnectionProfile ConnectPage::profile() const
{
    core::ConnectionProfile profile;
    profile.host = m_host->text().trimmed();
    profile.port = m_port->value();
    profile.user = m_user->text().trimmed();
    profile.identityFile = m_identityFile->text().trimmed();
    profile.password = m_password->text();
    profile.knownHostsFile = m_knownHosts->text().trimmed();
    profile.privileged = m_privileged->isChecked();
    profile.jumpHost = m_jumpHost;
    if (!m_helper->text().trimmed().isEmpty())
        profile.helperCommand = m_helper->text().trimmed();
    return profile;
}

void ConnectPage::setProfile(const core::ConnectionProfile &profile)
{
    m_host->setText(profile.host);
    m_port->setValue(profile.port);
    m_user->setText(profile.user);
    m_identityFile->setText(profile.identityFile);
    m_password->clear();
    m_privileged->setChecked(profile.privileged);
    m_knownHosts->setText(profile.knownHostsFile);
    m_helper->setText(profile.helperCommand);
    m_jumpHost = profile.jumpHost;
}

QString ConnectPage::statusText() const
{
    return m_status->text();
}

QCoro::Task<> ConnectPage::connectToLoginNode()
{
    const core::ConnectionProfile wanted = profile();
    if (wanted.host.isEmpty() || wanted.user.isEmpty()) {
        m_status->setText(tr("Enter the login node and your user name."));
        co_return;
    }
    QPointer<ConnectPage> self(this);
    setBusy(true);
    m_status->setText(tr("Connecting to %1…").arg(wanted.host));
    const auto result = co_await m_connection->open(wanted);
    if (!self)
        co_return;
    setBusy(false);
    m_password->clear();
    if (!result.ok()) {
        m_status->setText(result.error().toString());
        co_return;
    }
    saveLastProfile(wanted); // without the password (SavedProfile.h)
    m_status->setText(tr("Connected to %1 as %2: %3")
                          .arg(wanted.host, wanted.user, result.value().helper.toString()));
    Q_EMIT connected();
}

void ConnectPage::setBusy(bool busy)
{
    m_busy->setVisible(busy);
    m_connectButton->setEnabled(!busy);
}

} // namespace podbay::gui
