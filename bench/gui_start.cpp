// bench/gui-start's measuring program: the desktop app's main window as `podbay` builds
// it (translations, MainWindow), timed from the process's start (the kernel's start time
// in /proc/self/stat, proc(5) field 22) to the window's first expose, then connected to
// the local login node as alice; after a second of idle, the resident set (VmRSS in
// /proc/self/status). Prints one JSON line.
#include <ConnectPage.h>
#include <MainWindow.h>
#include <Translations.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>
#include <QWindow>

#include <unistd.h>

namespace {

// Milliseconds since this process started (proc(5): starttime in clock ticks after boot,
// against /proc/uptime).
double msSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    QFile uptime(QStringLiteral("/proc/uptime"));
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // Fields after the command name in parentheses, which may hold spaces.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    const double startTicks = fields.value(19).toDouble(); // field 22 overall
    const double upSeconds = uptime.readAll().split(' ').value(0).toDouble();
    return (upSeconds - startTicks / double(::sysconf(_SC_CLK_TCK))) * 1000.0;
}

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

class FirstExpose : public QObject
{
public:
    double shownAtMs = -1;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Expose && shownAtMs < 0)
            shownAtMs = msSinceProcessStart();
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    podbay::gui::installTranslations(app);
    podbay::gui::MainWindow window;
    FirstExpose expose;
    // Expose events go to the native window (QWindow), not to the widget.
    window.winId();
    window.windowHandle()->installEventFilter(&expose);
    window.show();
    QElapsedTimer waited;
    waited.start();
    while (expose.shownAtMs < 0 && waited.elapsed() < 10000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    const qint64 rssShown = residentKiB();

    window.connectPage()->setProfile(podbay::core::Connection::profileFromEnvironment());
    QMetaObject::invokeMethod(window.findChild<QObject *>(QStringLiteral("connectButton")), "click");
    while (window.connection()->state() != podbay::core::Connection::State::Connected && waited.elapsed() < 30000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    const bool connected = window.connection()->state() == podbay::core::Connection::State::Connected;
    QElapsedTimer idle;
    idle.start();
    while (idle.elapsed() < 1000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    const QJsonObject out{{QStringLiteral("shown_ms"), expose.shownAtMs},
                          {QStringLiteral("rss_shown_kib"), rssShown},
                          {QStringLiteral("connected"), connected},
                          {QStringLiteral("rss_connected_idle_kib"), residentKiB()}};
    QTextStream(stdout) << QJsonDocument(out).toJson(QJsonDocument::Compact) << '\n';
    return connected ? 0 : 1;
}
