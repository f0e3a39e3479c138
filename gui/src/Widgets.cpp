#include "Widgets.h"

#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QHBoxLayout>
#include <QPushButton>
#include <QVBoxLayout>

namespace podbay::gui {

QLineEdit *lineEdit(const QString &objectName, const QString &text, QWidget *parent)
{
    auto *edit = new QLineEdit(text, parent);
    edit->setObjectName(objectName);
    return edit;
}

QIcon trafficLight(Light light)
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    if (light == Light::None)
        return QIcon(pixmap);
    QColor colour(0x8c, 0x95, 0x9f);
    if (light == Light::Green)
        colour = QColor(0x2e, 0xa0, 0x43);
    else if (light == Light::Amber)
        colour = QColor(0xd2, 0x99, 0x22);
    else if (light == Light::Red)
        colour = QColor(0xd1, 0x24, 0x2f);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawEllipse(4, 4, 24, 24);
    return QIcon(pixmap);
}

QPushButton *button(const QString &objectName, const QString &text, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(objectName);
    return b;
}

QPlainTextEdit *outputView(const QString &objectName, const QString &placeholder, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setPlaceholderText(placeholder);
    return view;
}

void appendOutput(QPlainTextEdit *view, const QString &text)
{
    view->moveCursor(QTextCursor::End);
    view->insertPlainText(text);
}

void bindProgress(core::WorkflowModel *model, QProgressBar *bar, QLabel *status)
{
    QObject::connect(model, &core::WorkflowModel::progressChanged, bar, [bar, status](double fraction, const QString &text) {
        bar->setRange(0, fraction < 0 ? 0 : 100);
        bar->setValue(fraction < 0 ? 0 : int(fraction * 100));
        if (status)
            status->setText(text);
    });
    const auto reset = [model, bar] {
        bar->setTextVisible(model->busy());
        if (!model->busy()) {
            bar->setRange(0, 100);
            bar->setValue(0);
        }
    };
    QObject::connect(model, &core::WorkflowModel::busyChanged, bar, reset);
    reset();
}

CallStatus::CallStatus(core::WorkflowModel *model, const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_cancel(button(name + QStringLiteral("CancelButton"), tr("Cancel"), this))
    , m_status(new QLabel(this))
{
    auto *progress = new QProgressBar(this);
    progress->setObjectName(name + QStringLiteral("Progress"));
    m_status->setObjectName(name + QStringLiteral("Status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *row = new QHBoxLayout;
    row->addWidget(progress, 1);
    row->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_status);

    connect(m_cancel, &QPushButton::clicked, model, &core::WorkflowModel::cancel);
    connect(model, &core::WorkflowModel::busyChanged, this, &CallStatus::refresh);
    bindProgress(model, progress, m_status);
    refresh();
}

void CallStatus::addStartWidget(QWidget *widget)
{
    m_starters << widget;
    refresh();
}

QString CallStatus::text() const
{
    return m_status->text();
}

void CallStatus::setText(const QString &text)
{
    m_status->setText(text);
}

void CallStatus::refresh()
{
    const bool busy = m_model->busy();
    m_cancel->setEnabled(busy);
    for (const QPointer<QWidget> &widget : std::as_const(m_starters))
        if (widget)
            widget->setEnabled(!busy);
}

} // namespace podbay::gui
