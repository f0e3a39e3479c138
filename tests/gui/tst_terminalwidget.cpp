// TerminalWidget on its own (offscreen, no SSH): escape sequences in, screen text, cell
// colours and the cursor out; keys in, the bytes a terminal sends out (xterm ctlseqs);
// resizing, scrollback, bracketed paste and selection.
#include <TerminalWidget.h>

#include <QApplication>
#include <QClipboard>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using podbay::gui::TerminalWidget;

class TestTerminalWidget : public QObject
{
    Q_OBJECT

    // What the widget sends for one key press.
    static QByteArray bytesFor(TerminalWidget &terminal, int key, Qt::KeyboardModifiers mods = Qt::NoModifier,
                               const QString &text = {})
    {
        QSignalSpy sent(&terminal, &TerminalWidget::sendData);
        QKeyEvent press(QEvent::KeyPress, key, mods, text);
        QApplication::sendEvent(&terminal, &press);
        QByteArray all;
        for (const QList<QVariant> &args : sent)
            all += args.at(0).toByteArray();
        return all;
    }

    // Shown at 80x24 cells (its size hint), as a user would see it.
    static bool showSized(TerminalWidget &terminal)
    {
        terminal.resize(terminal.sizeHint());
        terminal.show();
        return QTest::qWaitForWindowExposed(&terminal);
    }

    static QString row(const TerminalWidget &terminal, int r)
    {
        return terminal.screenText().split(QLatin1Char('\n')).value(r);
    }

private Q_SLOTS:
    void textAndCursor()
    {
        TerminalWidget terminal;
        terminal.feed("hello\r\nworld");
        QCOMPARE(row(terminal, 0), QStringLiteral("hello"));
        QCOMPARE(row(terminal, 1), QStringLiteral("world"));
        QCOMPARE(terminal.cursorPosition(), QPoint(5, 1));
        // CUP (ECMA-48 8.3.21) is 1-based; ED 2 (8.3.39) clears the screen.
        terminal.feed("\x1b[2J\x1b[3;7HX");
        QCOMPARE(row(terminal, 0), QString());
        QCOMPARE(row(terminal, 2), QStringLiteral("      X"));
        QCOMPARE(terminal.cursorPosition(), QPoint(7, 2));
        // UTF-8, a double-width character, and a sequence split across two feeds.
        terminal.feed("\x1b[H\x1b[2K\xc3\xa4\xe4\xb8\xad!\x1b[");
        terminal.feed("1mB");
        QCOMPARE(row(terminal, 0), QStringLiteral("ä中!B"));
        QVERIFY(terminal.cellAt(0, 4).bold);
        QCOMPARE(terminal.cursorPosition(), QPoint(5, 0));
        terminal.feed("\x1b[?25l"); // DECTCEM off
        QVERIFY(!terminal.cursorVisible());
    }

    void colours()
    {
        TerminalWidget terminal;
        const TerminalWidget::CellStyle plain = [&] {
            terminal.feed("p");
            return terminal.cellAt(0, 0);
        }();
        // SGR 31 (ANSI red), 38;5;196 (256-colour cube: pure red), 48;2 (RGB background),
        // 7 (reverse), 4 (underline), 1;34 (bold blue is shown bright blue).
        terminal.feed("\x1b[31mR\x1b[0m\x1b[38;5;196mC\x1b[0m\x1b[48;2;1;2;3mB\x1b[0m\x1b[7mV\x1b[0m"
                      "\x1b[4mU\x1b[0m\x1b[1;34mb\x1b[0m\x1b[34mn");
        QCOMPARE(terminal.cellAt(0, 1).text, QStringLiteral("R"));
        QCOMPARE(terminal.cellAt(0, 1).foreground, QColor(0xcc, 0x00, 0x00));
        QCOMPARE(terminal.cellAt(0, 1).background, plain.background);
        QCOMPARE(terminal.cellAt(0, 2).foreground, QColor(0xff, 0x00, 0x00));
        QCOMPARE(terminal.cellAt(0, 3).background, QColor(1, 2, 3));
        QCOMPARE(terminal.cellAt(0, 3).foreground, plain.foreground);
        QCOMPARE(terminal.cellAt(0, 4).foreground, plain.background);
        QCOMPARE(terminal.cellAt(0, 4).background, plain.foreground);
        QVERIFY(terminal.cellAt(0, 5).underline);
        QVERIFY(!terminal.cellAt(0, 4).underline);
        QCOMPARE(terminal.cellAt(0, 6).foreground, QColor(0x72, 0x9f, 0xcf)); // colour 12
        QCOMPARE(terminal.cellAt(0, 7).foreground, QColor(0x34, 0x65, 0xa4)); // colour 4
        QVERIFY(plain.foreground != plain.background);
    }

    void keys_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<Qt::KeyboardModifiers>("mods");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("bytes");
        const auto none = Qt::KeyboardModifiers(Qt::NoModifier);
        QTest::newRow("a") << int(Qt::Key_A) << none << "a" << QByteArray("a");
        QTest::newRow("Shift+A") << int(Qt::Key_A) << Qt::KeyboardModifiers(Qt::ShiftModifier) << "A" << QByteArray("A");
        QTest::newRow("ü") << int(Qt::Key_Udiaeresis) << none << "ü" << QByteArray("\xc3\xbc");
        QTest::newRow("Enter") << int(Qt::Key_Return) << none << "\r" << QByteArray("\r");
        QTest::newRow("keypad Enter") << int(Qt::Key_Enter) << Qt::KeyboardModifiers(Qt::KeypadModifier) << "\r"
                                      << QByteArray("\r");
        QTest::newRow("Shift+Enter") << int(Qt::Key_Return) << Qt::KeyboardModifiers(Qt::ShiftModifier) << "\r"
                                     << QByteArray("\r");
        QTest::newRow("Tab") << int(Qt::Key_Tab) << none << "\t" << QByteArray("\t");
        QTest::newRow("Shift+Tab") << int(Qt::Key_Backtab) << Qt::KeyboardModifiers(Qt::ShiftModifier) << ""
                                   << QByteArray("\x1b[Z");
        QTest::newRow("Backspace") << int(Qt::Key_Backspace) << none << "\x08" << QByteArray("\x7f");
        QTest::newRow("Escape") << int(Qt::Key_Escape) << none << "\x1b" << QByteArray("\x1b");
        QTest::newRow("Up") << int(Qt::Key_Up) << none << "" << QByteArray("\x1b[A");
        QTest::newRow("Down") << int(Qt::Key_Down) << none << "" << QByteArray("\x1b[B");
        QTest::newRow("Right") << int(Qt::Key_Right) << none << "" << QByteArray("\x1b[C");
        QTest::newRow("Left") << int(Qt::Key_Left) << none << "" << QByteArray("\x1b[D");
        QTest::newRow("Ctrl+Left") << int(Qt::Key_Left) << Qt::KeyboardModifiers(Qt::ControlModifier) << ""
                                   << QByteArray("\x1b[1;5D");
        QTest::newRow("Home") << int(Qt::Key_Home) << none << "" << QByteArray("\x1b[H");
        QTest::newRow("End") << int(Qt::Key_End) << none << "" << QByteArray("\x1b[F");
        QTest::newRow("PgUp") << int(Qt::Key_PageUp) << none << "" << QByteArray("\x1b[5~");
        QTest::newRow("PgDn") << int(Qt::Key_PageDown) << none << "" << QByteArray("\x1b[6~");
        QTest::newRow("Delete") << int(Qt::Key_Delete) << none << "" << QByteArray("\x1b[3~");
        QTest::newRow("F1") << int(Qt::Key_F1) << none << "" << QByteArray("\x1bOP");
        QTest::newRow("F5") << int(Qt::Key_F5) << none << "" << QByteArray("\x1b[15~");
        QTest::newRow("F12") << int(Qt::Key_F12) << none << "" << QByteArray("\x1b[24~");
        QTest::newRow("Ctrl+C") << int(Qt::Key_C) << Qt::KeyboardModifiers(Qt::ControlModifier) << "\x03"
                                << QByteArray("\x03");
        QTest::newRow("Ctrl+D") << int(Qt::Key_D) << Qt::KeyboardModifiers(Qt::ControlModifier) << "\x04"
                                << QByteArray("\x04");
        QTest::newRow("Ctrl+Z") << int(Qt::Key_Z) << Qt::KeyboardModifiers(Qt::ControlModifier) << "\x1a"
                                << QByteArray("\x1a");
        QTest::newRow("Ctrl+]") << int(Qt::Key_BracketRight) << Qt::KeyboardModifiers(Qt::ControlModifier) << ""
                                << QByteArray("\x1d");
        QTest::newRow("Alt+b") << int(Qt::Key_B) << Qt::KeyboardModifiers(Qt::AltModifier) << "b"
                               << QByteArray("\x1b"
                                             "b");
        // AltGr on Windows arrives as Ctrl+Alt with the character (German keyboard: @).
        QTest::newRow("AltGr+Q") << int(Qt::Key_Q) << Qt::KeyboardModifiers(Qt::ControlModifier | Qt::AltModifier)
                                 << "@" << QByteArray("@");
    }

    void keys()
    {
        QFETCH(int, key);
        QFETCH(Qt::KeyboardModifiers, mods);
        QFETCH(QString, text);
        QFETCH(QByteArray, bytes);
#ifdef Q_OS_MACOS
        if (mods & Qt::ControlModifier)
            mods = (mods & ~Qt::ControlModifier) | Qt::MetaModifier;
#endif
        TerminalWidget terminal;
        QCOMPARE(bytesFor(terminal, key, mods, text), bytes);
    }

    // DECCKM (xterm ctlseqs "?1"): in application cursor mode the arrows are SS3 A..D.
    void applicationCursorKeys()
    {
        TerminalWidget terminal;
        terminal.feed("\x1b[?1h");
        QCOMPARE(bytesFor(terminal, Qt::Key_Up), QByteArray("\x1bOA"));
        terminal.feed("\x1b[?1l");
        QCOMPARE(bytesFor(terminal, Qt::Key_Up), QByteArray("\x1b[A"));
    }

    // The application's question "where is the cursor?" (DSR 6, ECMA-48 8.3.35) is answered
    // through sendData like a key.
    void answersCursorReport()
    {
        TerminalWidget terminal;
        QSignalSpy sent(&terminal, &TerminalWidget::sendData);
        terminal.feed("ab\x1b[6n");
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.at(0).at(0).toByteArray(), QByteArray("\x1b[1;3R"));
    }

    void resizeEmitsSize()
    {
        TerminalWidget terminal;
        QSignalSpy sized(&terminal, &TerminalWidget::sizeChanged);
        QVERIFY(showSized(terminal));
        QCOMPARE(terminal.columns(), 80);
        QCOMPARE(terminal.rows(), 24);
        terminal.resize(terminal.width() / 2, terminal.height() / 2);
        QTRY_VERIFY(!sized.isEmpty());
        const QList<QVariant> last = sized.last();
        QVERIFY(last.at(0).toInt() < 80 && last.at(0).toInt() >= 38);
        QVERIFY(last.at(1).toInt() < 24 && last.at(1).toInt() >= 10);
        QCOMPARE(last.at(0).toInt(), terminal.columns());
        QCOMPARE(last.at(1).toInt(), terminal.rows());
        // The text wraps at the new width.
        terminal.feed(QByteArray(terminal.columns() + 3, 'x'));
        QCOMPARE(row(terminal, 1), QStringLiteral("xxx"));
    }

    void scrollback()
    {
        TerminalWidget terminal;
        QVERIFY(showSized(terminal));
        QCOMPARE(terminal.rows(), 24);
        QVERIFY(terminal.scrollbackLimit() >= 1000);
        for (int i = 1; i <= 1200; ++i)
            terminal.feed(QStringLiteral("line %1\r\n").arg(i).toUtf8());
        QCOMPARE(terminal.scrollbackLines(), 1200 - 23);
        QCOMPARE(row(terminal, 0), QStringLiteral("line 1178"));
        QCOMPARE(terminal.scrolledBack(), 0);
        // Scrolled back to the top: the first line is still there.
        terminal.verticalScrollBar()->setValue(0);
        QCOMPARE(row(terminal, 0), QStringLiteral("line 1"));
        QCOMPARE(terminal.scrolledBack(), 1200 - 23);
        // New output does not move a view that was scrolled back; typing goes to the bottom.
        terminal.feed("more\r\n");
        QCOMPARE(row(terminal, 0), QStringLiteral("line 1"));
        bytesFor(terminal, Qt::Key_A, Qt::NoModifier, QStringLiteral("a"));
        QCOMPARE(terminal.scrolledBack(), 0);
        QCOMPARE(row(terminal, 22), QStringLiteral("more"));
        // The oldest lines go once the limit is reached.
        terminal.setScrollbackLimit(100);
        QCOMPARE(terminal.scrollbackLines(), 100);
        terminal.verticalScrollBar()->setValue(0);
        QCOMPARE(row(terminal, 0), QStringLiteral("line 1079"));
        // The alternate screen (less, vi) does not add to the scrollback.
        terminal.feed("\x1b[?1049h");
        for (int i = 0; i < 50; ++i)
            terminal.feed("alt\r\n");
        QCOMPARE(terminal.scrollbackLines(), 100);
        terminal.feed("\x1b[?1049l");
        terminal.scrollToBottom();
        QCOMPARE(row(terminal, 22), QStringLiteral("more"));
    }

    void pasteBracketedOnlyWhenAsked()
    {
        TerminalWidget terminal;
        QSignalSpy sent(&terminal, &TerminalWidget::sendData);
        terminal.pasteText(QStringLiteral("echo a\necho b"));
        QCOMPARE(sent.last().at(0).toByteArray(), QByteArray("echo a\recho b"));
        terminal.feed("\x1b[?2004h"); // the shell asks for bracketed paste (xterm ctlseqs)
        terminal.pasteText(QStringLiteral("x\x1b[201~y"));
        QCOMPARE(sent.last().at(0).toByteArray(), QByteArray("\x1b[200~xy\x1b[201~"));
        QGuiApplication::clipboard()->setText(QStringLiteral("from clipboard"));
        QCOMPARE(bytesFor(terminal, Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier),
                 QByteArray("\x1b[200~from clipboard\x1b[201~"));
    }

    void mouseSelectionCopies()
    {
        TerminalWidget terminal;
        QVERIFY(showSized(terminal));
        terminal.feed("first line\r\nsecond line");
        // From the middle of row 0 ("line") to after "second" on row 1.
        const QRect cells = terminal.viewport()->rect();
        const double cw = double(cells.width() - 6) / terminal.columns();
        const int ch = (terminal.viewport()->height() - 6) / terminal.rows();
        const auto at = [&](int column, int r) { return QPoint(3 + int(column * cw), 3 + r * ch + ch / 2); };
        QTest::mousePress(terminal.viewport(), Qt::LeftButton, {}, at(6, 0));
        QTest::mouseMove(terminal.viewport(), at(6, 1));
        QTest::mouseRelease(terminal.viewport(), Qt::LeftButton, {}, at(6, 1));
        QCOMPARE(terminal.selectedText(), QStringLiteral("line\nsecond"));
        QGuiApplication::clipboard()->clear();
        bytesFor(terminal, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("line\nsecond"));
        // A plain Ctrl+C is the interrupt, not a copy.
        QCOMPARE(bytesFor(terminal, Qt::Key_C, Qt::ControlModifier, QStringLiteral("\x03")), QByteArray("\x03"));
    }

    // Output repaints what libvterm reports as damaged, not the whole terminal.
    void repaintsOnlyDamage()
    {
        TerminalWidget terminal;
        QVERIFY(showSized(terminal));
        struct PaintRecorder : QObject
        {
            QRegion painted;
            bool eventFilter(QObject *, QEvent *event) override
            {
                if (event->type() == QEvent::Paint)
                    painted += static_cast<QPaintEvent *>(event)->region();
                return false;
            }
        } recorder;
        terminal.viewport()->installEventFilter(&recorder);
        QApplication::processEvents();
        recorder.painted = {};
        terminal.feed("\x1b[10;20Hx");
        QTRY_VERIFY(!recorder.painted.isEmpty());
        // The new character and the cursor's old and new cells: a few cells, not the screen.
        qint64 area = 0;
        for (const QRect &rect : recorder.painted)
            area += qint64(rect.width()) * rect.height();
        const qint64 screen = qint64(terminal.viewport()->width()) * terminal.viewport()->height();
        QVERIFY2(area * 50 < screen, qPrintable(QStringLiteral("%1 of %2 pixels").arg(area).arg(screen)));
    }

    // A rendered terminal (what the screenshot test looks at by eye): the default
    // background fills the widget, a coloured cell is painted in its colour.
    void paints()
    {
        TerminalWidget terminal;
        QVERIFY(showSized(terminal));
        terminal.feed("\x1b[42m   \x1b[0m");
        const QImage image = terminal.viewport()->grab().toImage();
        const QColor background = terminal.cellAt(5, 5).background;
        QCOMPARE(image.pixelColor(image.width() - 4, image.height() - 4), background);
        const QColor green = terminal.cellAt(0, 1).background;
        QCOMPARE(green, QColor(0x4e, 0x9a, 0x06));
        const double cw = double(terminal.viewport()->width() - 6) / terminal.columns();
        QCOMPARE(image.pixelColor(3 + int(1.5 * cw), 6), green);
    }
};

QTEST_MAIN(TestTerminalWidget)
#include "tst_terminalwidget.moc"
