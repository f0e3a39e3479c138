#pragma once
// The Build page's Containerfile tab: the other way to an image, without a working
// container. A template (core::containerfileTemplates(), the same the portal offers) is
// rendered for the site registry into an editor; the user edits it, names the image and
// builds it, pushed to the registry unless unticked (docs/protocol.md images.build). The
// build's output streams into a log view; on success the lines to pull and run it.

#include <BuildFlow.h>

#include <QWidget>

#include <QCoroTask>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace podbay::gui {

class CallStatus;

class ContainerfileTab : public QWidget
{
    Q_OBJECT

public:
    explicit ContainerfileTab(core::HelperRpc *rpc, QWidget *parent = nullptr);

    // Its own model: a build here does not block the working container's steps.
    core::BuildFlow *flow() { return m_flow; }
    // The registry's host:port (for the templates' FROM lines) and the user's namespace
    // (shown before the name; empty until the registry was read).
    void setRegistry(const QString &registry, const QString &ownNamespace);
    // Puts the template `id` ("busybox", "python", ...) into the editor.
    void chooseTemplate(const QString &id);
    QString statusText() const;

Q_SIGNALS:
    // An image was built and pushed (its full reference): the Run page offers it next.
    void pushed(const QString &image);

private:
    QCoro::Task<> build();
    void applyTemplate();

    core::BuildFlow *m_flow;
    QString m_registry;
    QComboBox *m_template;
    QPlainTextEdit *m_editor;
    QLabel *m_registryLabel;
    QLineEdit *m_name;
    QLineEdit *m_tag;
    QCheckBox *m_push;
    QPushButton *m_buildButton;
    QPlainTextEdit *m_log;
    QPlainTextEdit *m_runLines;
    CallStatus *m_call;
};

// "REGISTRY/NAMESPACE/" before an image name, as both of the Build page's name rows show it.
QString imagePrefix(const QString &registry, const QString &ownNamespace);

} // namespace podbay::gui
