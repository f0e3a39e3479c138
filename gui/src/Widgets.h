#pragma once
// Small pieces the pages share. Every widget a test looks for gets an object name here,
// and every long call shows its progress the same way (WorkflowModel::progressChanged).

#include <WorkflowModel.h>

#include <QIcon>
#include <QList>
#include <QPointer>
#include <QString>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace podbay::gui {

QLineEdit *lineEdit(const QString &objectName, const QString &text, QWidget *parent);
QPushButton *button(const QString &objectName, const QString &text, QWidget *parent);
// A read-only, fixed-pitch view for program output and command lines to copy.
QPlainTextEdit *outputView(const QString &objectName, const QString &placeholder, QWidget *parent);
// Appends streamed output at the end, whatever the user selected meanwhile.
void appendOutput(QPlainTextEdit *view, const QString &text);

// A traffic light for a check's or a setup part's state (the Doctor and Admin pages):
// colours readable on light and dark palettes; None is an empty icon of the same size,
// so rows without a light keep their indent.
enum class Light { Green, Amber, Red, Grey, None };
QIcon trafficLight(Light light);

// `model`'s progress in `bar` and its status messages in `status`; a negative fraction
// (the helper does not know how far it is) shows a busy indicator. When the call ends the
// bar goes back to empty.
void bindProgress(core::WorkflowModel *model, QProgressBar *bar, QLabel *status);

// The controls of a model's long calls: a progress bar and Cancel on one row, the status
// (the model's progress messages, or what the page sets) below. `name` prefixes the
// object names: NAMEProgress, NAMECancelButton, NAMEStatus.
class CallStatus : public QWidget
{
    Q_OBJECT

public:
    CallStatus(core::WorkflowModel *model, const QString &name, QWidget *parent);

    // Widgets that start a call of the model: disabled while one runs.
    void addStartWidget(QWidget *widget);
    QString text() const;
    void setText(const QString &text);

private:
    void refresh();

    core::WorkflowModel *m_model;
    QPushButton *m_cancel;
    QLabel *m_status;
    QList<QPointer<QWidget>> m_starters;
};

} // namespace podbay::gui
