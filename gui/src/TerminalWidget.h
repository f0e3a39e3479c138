#pragma once
// A terminal emulator widget: libvterm (vterm.h, 0.1.4) keeps the screen state, this
// widget paints its cells, turns keys into the bytes a terminal sends, and keeps the
// lines that scroll off the top. It knows nothing about SSH: feed() takes what the remote
// side printed, sendData() carries what the keyboard (or a reply to a query such as
// "report cursor position") produces, and sizeChanged() tells the PTY its new size.
// TerminalWidget.cpp: the state and painting; TerminalWidgetInput.cpp: keys, mouse, clipboard.

#include <QAbstractScrollArea>
#include <QByteArray>
#include <QColor>
#include <QPoint>
#include <QVector>

#include <deque>
#include <optional>
#include <utility>

#include <vterm.h>

namespace podbay::gui {

class TerminalWidget : public QAbstractScrollArea
{
    Q_OBJECT

public:
    // How one visible cell is drawn (colours resolved: palette, bold-bright, reverse).
    struct CellStyle
    {
        QString text;
        QColor foreground;
        QColor background;
        bool bold = false;
        bool underline = false;
        bool italic = false;
    };

    explicit TerminalWidget(QWidget *parent = nullptr);
    ~TerminalWidget() override;

    // Output of the remote side (UTF-8 with escape sequences, ECMA-48 / xterm ctlseqs).
    void feed(const QByteArray &data);
    // Back to a fresh terminal: modes, screen and scrollback cleared (RIS, ECMA-48 8.3.105).
    void reset();

    int columns() const { return m_columns; }
    int rows() const { return m_rows; }
    // The visible rows (as scrolled), trailing blanks of each row removed, '\n' between.
    QString screenText() const;
    // A visible cell; row 0 is the top row shown.
    CellStyle cellAt(int row, int column) const;
    // The cursor's column and row on the live screen (not moved by scrolling back).
    QPoint cursorPosition() const;
    bool cursorVisible() const { return m_cursorVisible; }

    // Lines that scrolled off the top, oldest first; at most scrollbackLimit() are kept.
    int scrollbackLines() const { return int(m_scrollback.size()); }
    int scrollbackLimit() const { return m_scrollbackLimit; }
    void setScrollbackLimit(int lines);
    // How many lines the view is scrolled back from the live screen (0: at the bottom).
    int scrolledBack() const;
    void scrollToBottom();

    // The selected text (mouse drag), and the clipboard actions of Ctrl+Shift+C/V.
    QString selectedText() const;
    void copySelection();
    void paste();
    void pasteText(const QString &text);

    QSize sizeHint() const override;

Q_SIGNALS:
    void sendData(QByteArray data);
    void sizeChanged(int columns, int rows);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void inputMethodEvent(QInputMethodEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void changeEvent(QEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    bool focusNextPrevChild(bool next) override;

private:
    using Line = QVector<VTermScreenCell>;
    static constexpr int kMargin = 3; // pixels around the cells

    // libvterm's screen callbacks (VTermScreenCallbacks), `user` is this widget.
    static int onDamage(VTermRect rect, void *user);
    static int onMoveCursor(VTermPos pos, VTermPos oldpos, int visible, void *user);
    static int onSetTermProp(VTermProp prop, VTermValue *value, void *user);
    static int onPushLine(int cols, const VTermScreenCell *cells, void *user);
    static int onPopLine(int cols, VTermScreenCell *cells, void *user);
    static void onOutput(const char *bytes, size_t length, void *user);

    void setUpColours();
    void updateMetrics();
    void updateSize();
    void updateScrollBar(bool toBottom);
    void flushOutput();
    VTermScreenCell blankCell() const;
    // Line `line` counted from the oldest scrollback line (scrollback first, then the screen).
    VTermScreenCell cellAtLine(int line, int column) const;
    int firstVisibleLine() const;
    QString lineText(int line, int from, int to) const;
    CellStyle styleOf(const VTermScreenCell &cell) const;
    QColor toQColor(VTermColor colour) const;
    QRect cellRect(int row, int column, int width = 1) const;
    QPoint cellAtPixel(const QPoint &pixel) const; // (column, absolute line)
    // Start and end of the selection in reading order (end exclusive); none when empty.
    std::optional<std::pair<QPoint, QPoint>> selection() const;
    bool isSelected(int line, int column) const;
    bool forwardMouse(QMouseEvent *event, bool pressed);
    void sendKey(VTermKey key, VTermModifier modifiers);
    void sendChar(uint32_t c, VTermModifier modifiers);
    VTermModifier modifiersOf(Qt::KeyboardModifiers modifiers) const;

    VTerm *m_vterm;
    VTermScreen *m_screen;
    VTermState *m_state;
    int m_columns = 80;
    int m_rows = 24;
    int m_cellWidth = 8;
    int m_cellHeight = 16;
    int m_ascent = 12;
    QByteArray m_pendingOutput;
    VTermPos m_cursor{0, 0};
    bool m_cursorVisible = true;
    int m_cursorShape = VTERM_PROP_CURSORSHAPE_BLOCK;
    bool m_reverseScreen = false;
    bool m_altScreen = false;
    int m_mouseMode = VTERM_PROP_MOUSE_NONE;
    std::deque<Line> m_scrollback;
    int m_scrollbackLimit = 5000;
    int m_droppedLines = 0; // oldest lines dropped during one feed(), to keep the view still
    // Selection in (column, absolute line); m_selecting while the button is held.
    QPoint m_selectionAnchor{-1, -1};
    QPoint m_selectionEnd{-1, -1};
    bool m_selecting = false;
};

} // namespace podbay::gui
