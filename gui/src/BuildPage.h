#pragma once
// Build page: a base image becomes a working container, changed by steps (each command's
// output streamed, every step kept with its exit code) or in a terminal (TerminalTab), then
// committed and pushed to the site registry, with the lines to pull and run it; or built
// from a Containerfile (ContainerfileTab). All logic is core::BuildFlow's; this page only
// shows it. Every long step has a progress bar and Cancel.

#include <BuildFlow.h>
#include <RegistryBrowser.h>

#include <QWidget>

#include <QCoroTask>

class QLabel;
class QLineEdit;
class QStringListModel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace podbay::gui {

class ContainerfileTab;
class TerminalTab;

class BuildPage : public QWidget
{
    Q_OBJECT

public:
    explicit BuildPage(core::HelperRpc *rpc, QWidget *parent = nullptr);

    core::BuildFlow *flow() { return m_flow; }
    // The SSH connection the Terminal tab opens its shell on (not owned).
    void setSshConnection(core::SshConnection *ssh);
    TerminalTab *terminalTab() { return m_terminalTab; }
    ContainerfileTab *containerfileTab() { return m_containerfileTab; }
    // The registry address and the user's namespace shown before the image name
    // ("127.0.0.1:5000/podbay-alice/"); the namespace is empty until the registry was read.
    void setRegistry(const QString &registry, const QString &ownNamespace);
    QString statusText() const;

private:
    // The site registry's images as completions of the base image field (matching anywhere
    // in the name: a search), read once per page on the first edit of the field.
    QCoro::Task<> loadBaseImageSuggestions();
    QCoro::Task<> startContainer();
    QCoro::Task<> runStep();
    QCoro::Task<> publish();
    void refresh();
    void showError(const core::Error &error);

    core::BuildFlow *m_flow;
    core::RegistryBrowser *m_suggestions;
    QStringListModel *m_suggestionModel;
    bool m_suggestionsRequested = false;
    QLineEdit *m_baseImage;
    QLineEdit *m_containerName;
    QPushButton *m_startButton;
    QLineEdit *m_stepCommand;
    QPushButton *m_runStepButton;
    QTreeWidget *m_steps;
    QPlainTextEdit *m_output;
    QTabWidget *m_changeTabs;
    TerminalTab *m_terminalTab;
    ContainerfileTab *m_containerfileTab;
    QLabel *m_registryLabel;
    QLineEdit *m_imageName;
    QLineEdit *m_imageTag;
    QPushButton *m_publishButton;
    QPlainTextEdit *m_runLines;
    QProgressBar *m_progress;
    QPushButton *m_cancelButton;
    QLabel *m_status;
};

} // namespace podbay::gui
