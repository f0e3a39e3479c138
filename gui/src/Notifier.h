#pragma once
// Desktop notifications when something long ends while the user looks elsewhere: a Slurm
// job being followed reaching a final state, or a build, push or pull that took longer
// than kLongCall. Only when the main window is not the active one. Shown with the system
// tray's balloon where there is a tray (QSystemTrayIcon::showMessage), else the window's
// task-bar entry asks for attention (QApplication::alert). Every notification is also
// emitted as notified(), which is what the tests observe.

#include <QObject>
#include <QPointer>

#include <chrono>

class QSystemTrayIcon;
class QWidget;

namespace podbay::core {
class SlurmJobFlow;
class WorkflowModel;
}

namespace podbay::gui {

class Notifier : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::seconds kLongCall{20};

    explicit Notifier(QWidget *window);

    // Notifies when a call of `model` that took longer than kLongCall ends; `what` names
    // it ("Containerfile build").
    void watchLongCalls(core::WorkflowModel *model, const QString &what);
    // Notifies when the job `flow` follows reaches a final state.
    void watchJob(core::SlurmJobFlow *flow);

    // Shows `title` and `text` unless the window is active. Virtual: another desktop
    // integration (or a test) may take it over.
    virtual void notify(const QString &title, const QString &text);

Q_SIGNALS:
    void notified(const QString &title, const QString &text);

private:
    QPointer<QWidget> m_window;
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace podbay::gui
