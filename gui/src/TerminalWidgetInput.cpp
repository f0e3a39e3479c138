// TerminalWidget's input: keys to the bytes a terminal sends (xterm ctlseqs, "PC-Style
// Function Keys"; libvterm's vterm_keyboard_*), the clipboard, and the mouse (selection,
// or xterm mouse reports when the application asked for them).
#include "TerminalWidget.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QScrollBar>

#include <algorithm>

namespace podbay::gui {
namespace {

#ifdef Q_OS_MACOS
constexpr Qt::KeyboardModifier kControl = Qt::MetaModifier; // Qt maps Command to Control there
#else
constexpr Qt::KeyboardModifier kControl = Qt::ControlModifier;
#endif

// Keys that have a sequence of their own (xterm ctlseqs, "PC-Style Function Keys").
VTermKey vtermKey(int key)
{
    switch (key) {
    case Qt::Key_Return:
    case Qt::Key_Enter: return VTERM_KEY_ENTER;
    case Qt::Key_Tab:
    case Qt::Key_Backtab: return VTERM_KEY_TAB;
    case Qt::Key_Backspace: return VTERM_KEY_BACKSPACE;
    case Qt::Key_Escape: return VTERM_KEY_ESCAPE;
    case Qt::Key_Up: return VTERM_KEY_UP;
    case Qt::Key_Down: return VTERM_KEY_DOWN;
    case Qt::Key_Left: return VTERM_KEY_LEFT;
    case Qt::Key_Right: return VTERM_KEY_RIGHT;
    case Qt::Key_Insert: return VTERM_KEY_INS;
    case Qt::Key_Delete: return VTERM_KEY_DEL;
    case Qt::Key_Home: return VTERM_KEY_HOME;
    case Qt::Key_End: return VTERM_KEY_END;
    case Qt::Key_PageUp: return VTERM_KEY_PAGEUP;
    case Qt::Key_PageDown: return VTERM_KEY_PAGEDOWN;
    default: break;
    }
    if (key >= Qt::Key_F1 && key <= Qt::Key_F20)
        return VTermKey(VTERM_KEY_FUNCTION(key - Qt::Key_F1 + 1));
    return VTERM_KEY_NONE;
}

} // namespace

// -- keyboard ----------------------------------------------------------------------------

// Tab and Shift+Tab belong to the shell (completion), not to focus navigation.
bool TerminalWidget::focusNextPrevChild(bool)
{
    return false;
}

bool TerminalWidget::event(QEvent *event)
{
    // Every key goes to the terminal, even one that is an application shortcut (Ctrl+Q is
    // XON, Alt+B is backward-word in bash): accepting the override delivers it here.
    if (event->type() == QEvent::ShortcutOverride) {
        event->accept();
        return true;
    }
    return QAbstractScrollArea::event(event);
}

VTermModifier TerminalWidget::modifiersOf(Qt::KeyboardModifiers modifiers) const
{
    int result = VTERM_MOD_NONE;
    if (modifiers & Qt::ShiftModifier)
        result |= VTERM_MOD_SHIFT;
    if (modifiers & Qt::AltModifier)
        result |= VTERM_MOD_ALT;
    if (modifiers & kControl)
        result |= VTERM_MOD_CTRL;
    return VTermModifier(result);
}

void TerminalWidget::sendKey(VTermKey key, VTermModifier modifiers)
{
    vterm_keyboard_key(m_vterm, key, modifiers);
    scrollToBottom();
    flushOutput();
}

void TerminalWidget::sendChar(uint32_t c, VTermModifier modifiers)
{
    vterm_keyboard_unichar(m_vterm, c, modifiers);
    scrollToBottom();
    flushOutput();
}

void TerminalWidget::keyPressEvent(QKeyEvent *event)
{
    const Qt::KeyboardModifiers mods = event->modifiers();
    const int key = event->key();
    if ((mods & Qt::ControlModifier) && (mods & Qt::ShiftModifier) && (key == Qt::Key_C || key == Qt::Key_V)) {
        key == Qt::Key_C ? copySelection() : paste();
        return;
    }
    if ((mods & Qt::ShiftModifier) && (key == Qt::Key_PageUp || key == Qt::Key_PageDown)) {
        // Shift+PgUp/PgDn page through the scrollback, as in xterm.
        verticalScrollBar()->triggerAction(key == Qt::Key_PageUp ? QAbstractSlider::SliderPageStepSub
                                                                 : QAbstractSlider::SliderPageStepAdd);
        return;
    }
    VTermModifier vmods = modifiersOf(mods);
    const QString text = event->text();
    const bool printable = !text.isEmpty() && text.at(0).isPrint();
    if (const VTermKey vkey = vtermKey(key); vkey != VTERM_KEY_NONE) {
        // libvterm would send Shift+Enter as CSI 13;2u (fixterms), which shells print;
        // xterm sends the plain key.
        if (vkey == VTERM_KEY_ENTER || vkey == VTERM_KEY_BACKSPACE || vkey == VTERM_KEY_ESCAPE)
            vmods = VTermModifier(vmods & ~VTERM_MOD_SHIFT);
        sendKey(vkey, vmods);
    } else if ((vmods & VTERM_MOD_CTRL) && !((vmods & VTERM_MOD_ALT) && printable)) {
        // Ctrl+letter is the letter's C0 control (Ctrl+C = ETX, 0x03); libvterm wants the
        // lower-case letter. (Ctrl+Alt with text is AltGr on Windows: typed text, below.)
        if (key >= Qt::Key_A && key <= Qt::Key_Z)
            sendChar(uint32_t('a' + (key - Qt::Key_A)), vmods);
        else if (key >= 0x20 && key < 0x7f)
            sendChar(uint32_t(key), vmods);
    } else if (printable) {
        // Typed text; Alt as the ESC prefix (xterm metaSendsEscape). Shift is in the text.
        const VTermModifier alt = VTermModifier(vmods & VTERM_MOD_ALT && !(vmods & VTERM_MOD_CTRL) ? VTERM_MOD_ALT : 0);
        for (const char32_t c : text.toUcs4())
            vterm_keyboard_unichar(m_vterm, c, alt);
        scrollToBottom();
        flushOutput();
    } else {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

void TerminalWidget::inputMethodEvent(QInputMethodEvent *event)
{
    for (const char32_t c : event->commitString().toUcs4())
        vterm_keyboard_unichar(m_vterm, c, VTERM_MOD_NONE);
    flushOutput();
    event->accept();
}

// -- clipboard and mouse ---------------------------------------------------------------

QString TerminalWidget::selectedText() const
{
    const auto range = selection();
    if (!range)
        return {};
    const auto [start, end] = *range;
    QStringList lines;
    for (int line = start.y(); line <= end.y(); ++line)
        lines << lineText(line, line == start.y() ? start.x() : 0, line == end.y() ? end.x() : m_columns);
    return lines.join(QLatin1Char('\n'));
}

void TerminalWidget::copySelection()
{
    if (const QString text = selectedText(); !text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

void TerminalWidget::paste()
{
    pasteText(QGuiApplication::clipboard()->text());
}

void TerminalWidget::pasteText(const QString &text)
{
    if (text.isEmpty())
        return;
    flushOutput();
    // A terminal sends Return for a line end (xterm pastes CR).
    QString lines = text;
    lines.replace(QStringLiteral("\r\n"), QStringLiteral("\r")).replace(QLatin1Char('\n'), QLatin1Char('\r'));
    QByteArray bytes = lines.toUtf8();
    // Bracketed paste (xterm ctlseqs "?2004"): libvterm writes ESC [200~ only when the
    // application turned the mode on. Then the end marker must not occur inside, or the
    // rest of the text would run as typed commands.
    vterm_keyboard_start_paste(m_vterm);
    if (!m_pendingOutput.isEmpty())
        bytes.replace("\x1b[201~", "");
    m_pendingOutput += bytes;
    vterm_keyboard_end_paste(m_vterm);
    scrollToBottom();
    flushOutput();
}

bool TerminalWidget::forwardMouse(QMouseEvent *event, bool pressed)
{
    // The application asked for the mouse (xterm "?1000" and friends); Shift selects anyway.
    if (m_mouseMode == VTERM_PROP_MOUSE_NONE || (event->modifiers() & Qt::ShiftModifier) || scrolledBack() != 0)
        return false;
    const QPoint pos = event->position().toPoint();
    const int column = std::clamp((pos.x() - kMargin) / m_cellWidth, 0, m_columns - 1);
    const int row = std::clamp((pos.y() - kMargin) / m_cellHeight, 0, m_rows - 1);
    const VTermModifier mods = modifiersOf(event->modifiers());
    vterm_mouse_move(m_vterm, row, column, mods);
    if (event->type() != QEvent::MouseMove) {
        const int button = event->button() == Qt::LeftButton ? 1 : event->button() == Qt::MiddleButton ? 2 : 3;
        vterm_mouse_button(m_vterm, button, pressed, mods);
    }
    flushOutput();
    return true;
}

void TerminalWidget::mousePressEvent(QMouseEvent *event)
{
    if (forwardMouse(event, true))
        return;
    if (event->button() == Qt::MiddleButton) {
        // X11 pastes the primary selection on a middle click; elsewhere, the clipboard.
        QClipboard *clipboard = QGuiApplication::clipboard();
        const QString primary = clipboard->supportsSelection() ? clipboard->text(QClipboard::Selection) : QString();
        pasteText(primary.isEmpty() ? clipboard->text() : primary);
    } else if (event->button() == Qt::LeftButton) {
        m_selectionAnchor = m_selectionEnd = cellAtPixel(event->position().toPoint());
        m_selecting = true;
        viewport()->update();
    }
}

void TerminalWidget::mouseMoveEvent(QMouseEvent *event)
{
    if (m_selecting) {
        m_selectionEnd = cellAtPixel(event->position().toPoint());
        viewport()->update();
    } else if (m_mouseMode >= VTERM_PROP_MOUSE_DRAG) {
        forwardMouse(event, false);
    }
}

void TerminalWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_selecting) {
        forwardMouse(event, false);
        return;
    }
    m_selecting = false;
    QClipboard *clipboard = QGuiApplication::clipboard();
    if (const QString text = selectedText(); !text.isEmpty() && clipboard->supportsSelection())
        clipboard->setText(text, QClipboard::Selection);
}

void TerminalWidget::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_mouseMode != VTERM_PROP_MOUSE_NONE) {
        mousePressEvent(event);
        return;
    }
    // A word: the run of non-blank cells under the pointer.
    const QPoint at = cellAtPixel(event->position().toPoint());
    const auto blank = [&](int column) {
        const VTermScreenCell cell = cellAtLine(at.y(), column);
        return cell.chars[0] == 0 || cell.chars[0] == ' ';
    };
    int from = std::min(at.x(), m_columns - 1), to = from;
    while (from > 0 && !blank(from - 1))
        --from;
    while (to < m_columns && !blank(to))
        ++to;
    m_selectionAnchor = {from, at.y()};
    m_selectionEnd = {to, at.y()};
    m_selecting = true; // ended (and offered as the primary selection) by the release
    viewport()->update();
}

void TerminalWidget::wheelEvent(QWheelEvent *event)
{
    const int steps = event->angleDelta().y() / 40; // about 3 per notch of 120
    if (steps != 0 && m_mouseMode != VTERM_PROP_MOUSE_NONE && scrolledBack() == 0) {
        // Buttons 4 and 5 are the wheel in xterm's mouse protocol.
        for (int i = 0; i < std::abs(steps); ++i)
            vterm_mouse_button(m_vterm, steps > 0 ? 4 : 5, true, VTERM_MOD_NONE);
        flushOutput();
    } else if (steps != 0 && m_altScreen) {
        // less and vi on the alternate screen have no scrollback: arrows instead (as xterm's
        // alternateScroll).
        for (int i = 0; i < std::abs(steps); ++i)
            vterm_keyboard_key(m_vterm, steps > 0 ? VTERM_KEY_UP : VTERM_KEY_DOWN, VTERM_MOD_NONE);
        flushOutput();
    } else {
        QAbstractScrollArea::wheelEvent(event);
    }
}

} // namespace podbay::gui
