#include "LogPanel.h"

#include <HelperRpc.h>

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTime>
#include <QVBoxLayout>

namespace podbay::gui {

LogPanel::LogPanel(QWidget *parent)
    : QDockWidget(tr("Log"), parent)
    , m_view(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("logPanel")); // also the key QMainWindow::saveState() uses
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setReadOnly(true);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setMaximumBlockCount(kMaxLines); // the oldest lines go first
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_view->setPlaceholderText(tr("What the helper on the login node reports appears here, from every page."));
    auto *clearButton = new QPushButton(tr("C&lear"), this);
    clearButton->setObjectName(QStringLiteral("logClearButton"));

    auto *content = new QWidget(this);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(clearButton);
    buttons->addStretch(1);
    auto *layout = new QHBoxLayout(content);
    layout->setContentsMargins(4, 0, 4, 4);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    setWidget(content);

    connect(clearButton, &QPushButton::clicked, this, &LogPanel::clear);
}

void LogPanel::follow(core::HelperRpc *rpc)
{
    connect(rpc, &core::HelperRpc::log, this, &LogPanel::addLog);
    connect(rpc, &core::HelperRpc::progress, this, &LogPanel::addProgress);
}

QString LogPanel::text() const
{
    return m_view->toPlainText();
}

void LogPanel::clear()
{
    m_view->clear();
    m_partial.clear();
}

void LogPanel::addLog(qint64 id, const QString &stream, const QString &text)
{
    const QString key = QString::number(id) + QLatin1Char('/') + stream;
    QString pending = m_partial.take(key) + text;
    const qsizetype end = pending.lastIndexOf(QLatin1Char('\n'));
    if (end < 0) {
        m_partial.insert(key, pending);
        return;
    }
    if (end + 1 < pending.size())
        m_partial.insert(key, pending.mid(end + 1));
    pending.truncate(end);
    const bool error = stream == QLatin1String("stderr");
    for (const QString &line : pending.split(QLatin1Char('\n')))
        addLine(id, stream, line, error);
}

void LogPanel::addProgress(qint64 id, double fraction, const QString &message)
{
    // A negative fraction: the helper does not know how far it is.
    const QString label = fraction < 0 ? tr("progress") : tr("progress %1%").arg(int(fraction * 100));
    addLine(id, label, message, false);
}

void LogPanel::addLine(qint64 id, const QString &label, const QString &text, bool error)
{
    QTextCharFormat format;
    if (error)
        format.setForeground(QColor(0xd1, 0x24, 0x2f)); // red, as the doctor's failures
    QScrollBar *bar = m_view->verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    QTextCursor cursor(m_view->document());
    cursor.movePosition(QTextCursor::End);
    if (!m_view->document()->isEmpty())
        cursor.insertBlock();
    cursor.insertText(QStringLiteral("%1  #%2  %3  %4")
                          .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")))
                          .arg(id)
                          .arg(label, -13) // "progress 100%" is the longest
                          .arg(text),
                      format);
    // Follow the end unless the user scrolled up to read.
    if (atEnd)
        bar->setValue(bar->maximum());
}

} // namespace podbay::gui
