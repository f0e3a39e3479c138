#pragma once
// The log panel (a dock at the bottom, View > Log): everything the helper said on this
// connection, from every page, as it came: each `log` and `progress` notification
// (docs/protocol.md, Notifications) with the time and the request id; stderr lines
// stand out. Capped, so a long build cannot eat the memory.

#include <QDockWidget>
#include <QHash>

class QPlainTextEdit;

namespace podbay::core {
class HelperRpc;
}

namespace podbay::gui {

class LogPanel : public QDockWidget
{
    Q_OBJECT

public:
    static constexpr int kMaxLines = 10000;

    explicit LogPanel(QWidget *parent = nullptr);

    // Follows the notifications of `rpc` (the connection's; it outlives reconnects).
    void follow(core::HelperRpc *rpc);
    QString text() const;
    void clear();

private:
    void addLog(qint64 id, const QString &stream, const QString &text);
    void addProgress(qint64 id, double fraction, const QString &message);
    void addLine(qint64 id, const QString &label, const QString &text, bool error);

    QPlainTextEdit *m_view;
    // A notification may end in the middle of a line: the rest waits for the next one
    // of the same call and stream.
    QHash<QString, QString> m_partial;
};

} // namespace podbay::gui
