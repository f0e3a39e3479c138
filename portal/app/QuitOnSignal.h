#pragma once
// SIGTERM and SIGINT end podbay-portal through the event loop: QCoreApplication::exec()
// returns, the PortalServer is destroyed and every session closes its SSH connection (the
// helper on the login node sees EOF, not a dropped TCP connection), and valgrind or
// LeakSanitizer see a normal exit. Without it the default action kills the process mid-request.
// A signal handler may only call async-signal-safe functions (signal-safety(7)), so it writes
// one byte to a socketpair that a QSocketNotifier reads in the main thread (the pattern of
// Qt's "Calling Qt Functions From Unix Signal Handlers").

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace podbay::portal {

inline int quitSignalFds[2] = {-1, -1};

inline void quitSignalHandler(int)
{
    const char byte = 1;
    // The only failure is a full buffer, which means a quit is already pending.
    [[maybe_unused]] const auto written = ::write(quitSignalFds[0], &byte, 1);
}

// Call once, after the QCoreApplication exists. Returns false if the signals keep their
// default action (no socketpair or sigaction failed).
inline bool quitOnTerminationSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, quitSignalFds) != 0)
        return false;
    auto *notifier = new QSocketNotifier(quitSignalFds[1], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [notifier] {
        char byte;
        while (::read(quitSignalFds[1], &byte, 1) > 0) {
        }
        notifier->setEnabled(false);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = quitSignalHandler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGTERM, &action, nullptr) == 0 && ::sigaction(SIGINT, &action, nullptr) == 0;
}

} // namespace podbay::portal
