#include "TerminalWidget.h"

#include <QEvent>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>
#include <QtMath>

#include <algorithm>

namespace podbay::gui {
namespace {

// vterm_screen_get_cell marks the second half of a double-width character this way.
constexpr uint32_t kContinuation = uint32_t(-1);

// The 16 ANSI colours (SGR 30-37, 90-97): the Tango palette, readable on the dark
// background below. Colours 16-255 stay libvterm's xterm cube and grey ramp.
constexpr QRgb kAnsi[16] = {0x2e3436, 0xcc0000, 0x4e9a06, 0xc4a000, 0x3465a4, 0x75507b, 0x06989a, 0xd3d7cf,
                            0x555753, 0xef2929, 0x8ae234, 0xfce94f, 0x729fcf, 0xad7fa8, 0x34e2e2, 0xeeeeec};
constexpr QRgb kDefaultForeground = 0xd3d7cf;
constexpr QRgb kDefaultBackground = 0x1e1f22;

VTermColor vtermColour(QRgb rgb)
{
    VTermColor colour;
    vterm_color_rgb(&colour, uint8_t(qRed(rgb)), uint8_t(qGreen(rgb)), uint8_t(qBlue(rgb)));
    return colour;
}

QString cellChars(const VTermScreenCell &cell)
{
    if (cell.chars[0] == kContinuation)
        return {};
    int length = 0;
    while (length < VTERM_MAX_CHARS_PER_CELL && cell.chars[length])
        ++length;
    return QString::fromUcs4(reinterpret_cast<const char32_t *>(cell.chars), length);
}

} // namespace

TerminalWidget::TerminalWidget(QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_vterm(vterm_new(24, 80)) // m_rows, m_columns: declared after m_vterm
    , m_screen(vterm_obtain_screen(m_vterm))
    , m_state(vterm_obtain_state(m_vterm))
{
    static const VTermScreenCallbacks callbacks{
        .damage = &TerminalWidget::onDamage,
        .moverect = nullptr, // unset: libvterm reports a moved rectangle as damage
        .movecursor = &TerminalWidget::onMoveCursor,
        .settermprop = &TerminalWidget::onSetTermProp,
        .bell = nullptr,
        .resize = nullptr,
        .sb_pushline = &TerminalWidget::onPushLine,
        .sb_popline = &TerminalWidget::onPopLine,
    };
    vterm_set_utf8(m_vterm, 1);
    vterm_output_set_callback(m_vterm, &TerminalWidget::onOutput, this);
    vterm_screen_set_callbacks(m_screen, &callbacks, this);
    // Damage is collected over one feed() and reported at vterm_screen_flush_damage.
    vterm_screen_set_damage_merge(m_screen, VTERM_DAMAGE_SCROLL);
    // Full-screen programs (less, vi) switch to the alternate screen (xterm ctlseqs
    // "?1049") and leave the shell's lines and the scrollback as they were.
    vterm_screen_enable_altscreen(m_screen, 1);
    setUpColours();
    vterm_screen_reset(m_screen, 1);

    setObjectName(QStringLiteral("terminal"));
    setAccessibleName(tr("Terminal"));
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_InputMethodEnabled);
    viewport()->setCursor(Qt::IBeamCursor);
    // Always there, so scrollback appearing does not narrow the terminal (and reflow it).
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    updateMetrics();
    updateScrollBar(true);
}

TerminalWidget::~TerminalWidget()
{
    vterm_free(m_vterm);
}

void TerminalWidget::setUpColours()
{
    for (int i = 0; i < 16; ++i) {
        const VTermColor colour = vtermColour(kAnsi[i]);
        vterm_state_set_palette_color(m_state, i, &colour);
    }
    const VTermColor foreground = vtermColour(kDefaultForeground);
    const VTermColor background = vtermColour(kDefaultBackground);
    vterm_state_set_default_colors(m_state, &foreground, &background);
    // SGR 1 with colours 0-7 shows 8-15, as xterm's boldColors resource.
    vterm_state_set_bold_highbright(m_state, 1);
}

void TerminalWidget::feed(const QByteArray &data)
{
    const bool atBottom = scrolledBack() == 0;
    m_droppedLines = 0;
    vterm_input_write(m_vterm, data.constData(), size_t(data.size()));
    // The scroll bar first, so that damage is mapped to rows of the view as it is now.
    updateScrollBar(atBottom);
    vterm_screen_flush_damage(m_screen);
    flushOutput(); // answers to queries such as DSR (ECMA-48 8.3.35) and DA
}

void TerminalWidget::reset()
{
    vterm_screen_reset(m_screen, 1);
    m_scrollback.clear();
    m_selectionAnchor = m_selectionEnd = {-1, -1};
    updateScrollBar(true);
    vterm_screen_flush_damage(m_screen);
    viewport()->update();
}

// -- libvterm callbacks --------------------------------------------------------------

int TerminalWidget::onDamage(VTermRect rect, void *user)
{
    auto *self = static_cast<TerminalWidget *>(user);
    const int row = int(self->m_scrollback.size()) + rect.start_row - self->firstVisibleLine();
    self->viewport()->update(
        self->cellRect(row, rect.start_col, rect.end_col - rect.start_col)
            .united(self->cellRect(row + rect.end_row - rect.start_row - 1, rect.start_col)));
    return 1;
}

int TerminalWidget::onMoveCursor(VTermPos pos, VTermPos oldpos, int visible, void *user)
{
    auto *self = static_cast<TerminalWidget *>(user);
    self->m_cursor = pos;
    self->m_cursorVisible = visible;
    const int offset = int(self->m_scrollback.size()) - self->firstVisibleLine();
    // Two cells wide: the cursor may sit on a double-width character.
    self->viewport()->update(self->cellRect(oldpos.row + offset, oldpos.col, 2));
    self->viewport()->update(self->cellRect(pos.row + offset, pos.col, 2));
    return 1;
}

int TerminalWidget::onSetTermProp(VTermProp prop, VTermValue *value, void *user)
{
    auto *self = static_cast<TerminalWidget *>(user);
    switch (prop) {
    case VTERM_PROP_CURSORVISIBLE: self->m_cursorVisible = value->boolean; break; // DECTCEM
    case VTERM_PROP_CURSORSHAPE: self->m_cursorShape = value->number; break;      // DECSCUSR
    case VTERM_PROP_REVERSE: self->m_reverseScreen = value->boolean; break;       // DECSCNM
    case VTERM_PROP_ALTSCREEN: self->m_altScreen = value->boolean; break;
    case VTERM_PROP_MOUSE: self->m_mouseMode = value->number; break; // xterm mouse tracking
    default: return 0;
    }
    self->viewport()->update();
    return 1;
}

int TerminalWidget::onPushLine(int cols, const VTermScreenCell *cells, void *user)
{
    auto *self = static_cast<TerminalWidget *>(user);
    self->m_scrollback.emplace_back(cells, cells + cols);
    while (int(self->m_scrollback.size()) > self->m_scrollbackLimit) {
        self->m_scrollback.pop_front();
        ++self->m_droppedLines;
    }
    return 1;
}

// A taller terminal takes lines back from the scrollback (vterm.h: sb_popline).
int TerminalWidget::onPopLine(int cols, VTermScreenCell *cells, void *user)
{
    auto *self = static_cast<TerminalWidget *>(user);
    if (self->m_scrollback.empty())
        return 0;
    const Line line = std::move(self->m_scrollback.back());
    self->m_scrollback.pop_back();
    for (int i = 0; i < cols; ++i)
        cells[i] = i < line.size() ? line[i] : self->blankCell();
    return 1;
}

void TerminalWidget::onOutput(const char *bytes, size_t length, void *user)
{
    static_cast<TerminalWidget *>(user)->m_pendingOutput.append(bytes, qsizetype(length));
}

void TerminalWidget::flushOutput()
{
    if (m_pendingOutput.isEmpty())
        return;
    const QByteArray out = std::exchange(m_pendingOutput, {});
    Q_EMIT sendData(out);
}

// -- cells, text and geometry ----------------------------------------------------------

VTermScreenCell TerminalWidget::blankCell() const
{
    VTermScreenCell cell{};
    cell.width = 1;
    vterm_state_get_default_colors(m_state, &cell.fg, &cell.bg);
    return cell;
}

VTermScreenCell TerminalWidget::cellAtLine(int line, int column) const
{
    const int stored = int(m_scrollback.size());
    if (line < stored) {
        const Line &cells = m_scrollback[size_t(line)];
        return column < cells.size() ? cells[column] : blankCell();
    }
    VTermScreenCell cell{};
    if (!vterm_screen_get_cell(m_screen, VTermPos{line - stored, column}, &cell))
        return blankCell();
    return cell;
}

int TerminalWidget::firstVisibleLine() const
{
    return verticalScrollBar()->value();
}

int TerminalWidget::scrolledBack() const
{
    return int(m_scrollback.size()) - firstVisibleLine();
}

void TerminalWidget::scrollToBottom()
{
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

void TerminalWidget::setScrollbackLimit(int lines)
{
    m_scrollbackLimit = std::max(0, lines);
    while (int(m_scrollback.size()) > m_scrollbackLimit)
        m_scrollback.pop_front();
    updateScrollBar(true);
}

void TerminalWidget::updateScrollBar(bool toBottom)
{
    QScrollBar *bar = verticalScrollBar();
    const int oldValue = bar->value();
    // Lines dropped from the top of the scrollback renumber the rest.
    const int value = oldValue - m_droppedLines;
    if (m_selectionAnchor.y() >= 0) {
        m_selectionAnchor.ry() -= m_droppedLines;
        m_selectionEnd.ry() -= m_droppedLines;
    }
    m_droppedLines = 0;
    const QSignalBlocker blocker(bar); // no scrollContentsBy(): one repaint below at most
    bar->setRange(0, int(m_scrollback.size()));
    bar->setPageStep(m_rows);
    bar->setValue(toBottom ? bar->maximum() : std::max(0, value));
    // The view moved (new lines at the bottom): all of it is new. Otherwise the damage
    // libvterm reports is all that needs painting.
    if (bar->value() != value)
        viewport()->update();
}

QString TerminalWidget::lineText(int line, int from, int to) const
{
    QString text;
    for (int column = from; column < to; ++column) {
        const VTermScreenCell cell = cellAtLine(line, column);
        if (cell.chars[0] == kContinuation)
            continue;
        text += cell.chars[0] ? cellChars(cell) : QStringLiteral(" ");
    }
    while (text.endsWith(QLatin1Char(' ')))
        text.chop(1);
    return text;
}

QString TerminalWidget::screenText() const
{
    QStringList lines;
    const int first = firstVisibleLine();
    for (int row = 0; row < m_rows; ++row)
        lines << lineText(first + row, 0, m_columns);
    return lines.join(QLatin1Char('\n'));
}

QColor TerminalWidget::toQColor(VTermColor colour) const
{
    // Indexed colours through the palette; default and RGB colours carry their RGB.
    vterm_screen_convert_color_to_rgb(m_screen, &colour);
    return QColor(colour.rgb.red, colour.rgb.green, colour.rgb.blue);
}

TerminalWidget::CellStyle TerminalWidget::styleOf(const VTermScreenCell &cell) const
{
    CellStyle style;
    style.text = cellChars(cell);
    style.foreground = toQColor(cell.fg);
    style.background = toQColor(cell.bg);
    // SGR 7 per cell, DECSCNM for the whole screen: both swap, so together they cancel.
    if (bool(cell.attrs.reverse) != m_reverseScreen)
        std::swap(style.foreground, style.background);
    style.bold = cell.attrs.bold;
    style.underline = cell.attrs.underline != VTERM_UNDERLINE_OFF;
    style.italic = cell.attrs.italic;
    return style;
}

TerminalWidget::CellStyle TerminalWidget::cellAt(int row, int column) const
{
    return styleOf(cellAtLine(firstVisibleLine() + row, column));
}

QPoint TerminalWidget::cursorPosition() const
{
    VTermPos pos;
    vterm_state_get_cursorpos(m_state, &pos);
    return {pos.col, pos.row};
}

QRect TerminalWidget::cellRect(int row, int column, int width) const
{
    return {kMargin + column * m_cellWidth, kMargin + row * m_cellHeight, width * m_cellWidth, m_cellHeight};
}

QPoint TerminalWidget::cellAtPixel(const QPoint &pixel) const
{
    // A boundary between cells: the right half of a character selects it.
    const int column = std::clamp(qRound(double(pixel.x() - kMargin) / m_cellWidth), 0, m_columns);
    const int row = std::clamp((pixel.y() - kMargin) / m_cellHeight, 0, m_rows - 1);
    return {column, firstVisibleLine() + row};
}

void TerminalWidget::updateMetrics()
{
    const QFontMetricsF metrics(font());
    m_cellWidth = std::max(1, qCeil(metrics.horizontalAdvance(QLatin1Char('M'))));
    m_cellHeight = std::max(1, qCeil(metrics.lineSpacing()));
    m_ascent = qCeil(metrics.ascent());
}

void TerminalWidget::updateSize()
{
    const int columns = std::max(2, (viewport()->width() - 2 * kMargin) / m_cellWidth);
    const int rows = std::max(1, (viewport()->height() - 2 * kMargin) / m_cellHeight);
    if (columns == m_columns && rows == m_rows)
        return;
    m_columns = columns;
    m_rows = rows;
    vterm_set_size(m_vterm, rows, columns);
    updateScrollBar(true);
    vterm_screen_flush_damage(m_screen);
    Q_EMIT sizeChanged(columns, rows);
}

QSize TerminalWidget::sizeHint() const
{
    return {80 * m_cellWidth + 2 * kMargin + verticalScrollBar()->sizeHint().width() + 2 * frameWidth(),
            24 * m_cellHeight + 2 * kMargin + 2 * frameWidth()};
}

// -- painting --------------------------------------------------------------------------

std::optional<std::pair<QPoint, QPoint>> TerminalWidget::selection() const
{
    QPoint start = m_selectionAnchor, end = m_selectionEnd;
    if (start == end || start.y() < 0)
        return std::nullopt;
    if (std::pair(end.y(), end.x()) < std::pair(start.y(), start.x()))
        std::swap(start, end);
    return std::pair(start, end);
}

bool TerminalWidget::isSelected(int line, int column) const
{
    const auto range = selection();
    if (!range)
        return false;
    const auto pos = std::pair(line, column);
    return pos >= std::pair(range->first.y(), range->first.x())
           && pos < std::pair(range->second.y(), range->second.x());
}

void TerminalWidget::paintEvent(QPaintEvent *event)
{
    QPainter painter(viewport());
    const QColor background(m_reverseScreen ? kDefaultForeground : kDefaultBackground);
    painter.fillRect(event->rect(), background);
    const QRect dirty = event->rect();
    const int firstRow = std::max(0, (dirty.top() - kMargin) / m_cellHeight);
    const int lastRow = std::min(m_rows - 1, (dirty.bottom() - kMargin) / m_cellHeight);
    const int firstLine = firstVisibleLine();
    const int cursorRow = int(m_scrollback.size()) + m_cursor.row - firstLine;
    QFont cellFont = font();
    painter.setFont(cellFont);
    for (int row = firstRow; row <= lastRow; ++row) {
        const int line = firstLine + row;
        for (int column = 0; column < m_columns;) {
            const VTermScreenCell cell = cellAtLine(line, column);
            const int width = std::max(1, int(cell.width));
            CellStyle style = styleOf(cell);
            if (isSelected(line, column))
                std::swap(style.foreground, style.background);
            const bool cursorHere = m_cursorVisible && row == cursorRow && column == m_cursor.col;
            const bool block = cursorHere && hasFocus() && m_cursorShape == VTERM_PROP_CURSORSHAPE_BLOCK;
            if (block)
                std::swap(style.foreground, style.background);
            const QRect rect = cellRect(row, column, width);
            if (style.background != background)
                painter.fillRect(rect, style.background);
            if (!style.text.isEmpty() && style.text != QStringLiteral(" ")) {
                if (cellFont.bold() != style.bold || cellFont.italic() != style.italic
                    || cellFont.underline() != style.underline) {
                    cellFont.setBold(style.bold);
                    cellFont.setItalic(style.italic);
                    cellFont.setUnderline(style.underline);
                    painter.setFont(cellFont);
                }
                painter.setPen(style.foreground);
                painter.drawText(rect.left(), rect.top() + m_ascent, style.text);
            } else if (style.underline) {
                painter.fillRect(rect.left(), rect.top() + m_ascent + 1, rect.width(), 1, style.foreground);
            }
            if (cursorHere && !block) {
                // Without focus a hollow box; else the shape asked for by DECSCUSR.
                const QColor cursorColour(kDefaultForeground);
                if (!hasFocus()) {
                    painter.setPen(cursorColour);
                    painter.setBrush(Qt::NoBrush);
                    painter.drawRect(rect.adjusted(0, 0, -1, -1));
                } else if (m_cursorShape == VTERM_PROP_CURSORSHAPE_UNDERLINE)
                    painter.fillRect(rect.left(), rect.bottom() - 1, rect.width(), 2, cursorColour);
                else
                    painter.fillRect(rect.left(), rect.top(), 2, rect.height(), cursorColour);
            }
            column += width;
        }
    }
}

void TerminalWidget::scrollContentsBy(int, int)
{
    viewport()->update();
}

void TerminalWidget::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateSize();
}

void TerminalWidget::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        updateMetrics();
        updateSize();
        viewport()->update();
    }
}

void TerminalWidget::focusInEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusInEvent(event);
    vterm_state_focus_in(m_state); // xterm "?1004" focus reports, when the app asked
    flushOutput();
    viewport()->update();
}

void TerminalWidget::focusOutEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusOutEvent(event);
    vterm_state_focus_out(m_state);
    flushOutput();
    viewport()->update();
}

} // namespace podbay::gui
