#include "Notifier.h"

#include <SlurmJobFlow.h>
#include <WorkflowModel.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QSystemTrayIcon>
#include <QWidget>

#include <memory>

namespace podbay::gui {

Notifier::Notifier(QWidget *window)
    : QObject(window)
    , m_window(window)
{
}

void Notifier::watchLongCalls(core::WorkflowModel *model, const QString &what)
{
    auto timer = std::make_shared<QElapsedTimer>();
    connect(model, &core::WorkflowModel::busyChanged, this, [this, model, what, timer](bool busy) {
        if (busy) {
            timer->start();
            return;
        }
        if (!timer->isValid() || timer->elapsed() < std::chrono::milliseconds(kLongCall).count())
            return;
        timer->invalidate();
        // finish() sets the status before busyChanged(false): "Done." or the error.
        const bool failed = model->progress() <= 0;
        notify(failed ? tr("%1 failed").arg(what) : tr("%1 finished").arg(what), model->status());
    });
}

void Notifier::watchJob(core::SlurmJobFlow *flow)
{
    connect(flow, &core::SlurmJobFlow::stateChanged, this, [this, flow](const QString &state) {
        if (core::SlurmJobFlow::isFinalState(state))
            notify(tr("Slurm job %1 ended").arg(flow->jobId()), tr("State: %1").arg(state));
    });
}

void Notifier::notify(const QString &title, const QString &text)
{
    if (!m_window || m_window->isActiveWindow())
        return; // the user sees the page already
    Q_EMIT notified(title, text);
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(m_window->windowIcon(), this);
            m_tray->setToolTip(QApplication::applicationDisplayName());
            // A click on the message brings the window back.
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
                if (m_window) {
                    m_window->showNormal();
                    m_window->activateWindow();
                }
            });
        }
        m_tray->show();
        m_tray->showMessage(title, text, QSystemTrayIcon::Information);
    } else {
        QApplication::alert(m_window); // the task bar entry asks for attention until activated
    }
}

} // namespace podbay::gui
