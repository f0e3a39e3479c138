#pragma once
// What the GUI tests share: finding a widget by object name (a missing one ends the test
// with its name), saving a window as a PNG for docs/screenshots (PODBAY_SCREENSHOTS), and
// connecting a main window to the local login node.
#include "LoginNodeEnv.h"

#include <ConnectPage.h>
#include <MainWindow.h>

#include <QCoreApplication>
#include <QPushButton>
#include <QTest>
#include <QWidget>

namespace podbay::test {

template<typename T>
T *child(QWidget &window, const char *name)
{
    T *widget = window.findChild<T *>(QLatin1String(name));
    if (!widget)
        qFatal("no widget named %s", name);
    return widget;
}

inline bool screenshot(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("PODBAY_SCREENSHOTS");
    if (dir.isEmpty())
        return true;
    QCoreApplication::processEvents();
    return widget.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

// Connects `window` as WHO (ALICE, BOB, ...) with the Connect button; true when connected.
inline bool connectAs(gui::MainWindow &window, const LoginNodeEnv &node, const QString &who)
{
    window.connectPage()->setProfile(node.profile(who));
    QTest::mouseClick(child<QPushButton>(window, "connectButton"), Qt::LeftButton);
    return QTest::qWaitFor([&] { return window.connection()->state() == core::Connection::State::Connected; },
                           20000);
}

} // namespace podbay::test
