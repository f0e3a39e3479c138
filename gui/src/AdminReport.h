#pragma once
// How the Admin page shows the helper's admin reports (docs/protocol.md, "Admin commands
// as methods"): part names and states in words, a light per state, and the reports
// themselves as HTML with coloured unified diffs (and as plain text for tests and copying).

#include "Widgets.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace podbay::gui {

// The two rows of the Admin page that are not parts of `admin.status` but commands of
// their own (admin.setup, admin.prune).
inline const QString kSetupRow = QStringLiteral("setup");
inline const QString kPruneRow = QStringLiteral("prune");

// The states of `podbay-helper status` and `setup` (backend/src/setup/SetupCommand.cpp).
Light stateLight(const QString &state);
QString stateWord(const QString &state);
QString partTitle(const QString &name);

// Renders a helper command's JSON report: every file change as its unified diff (`files[]`
// with `path`, `action`, `diff`, docs/protocol.md "Admin commands as methods"), the other
// actions, drift, notes and warnings as lists, per part for `setup` and `status`. The reports
// differ per command, so this walks them by these shared member names.
class ReportRenderer
{
public:
    ReportRenderer(bool dark, QString fixedFamily) : m_dark(dark), m_fixed(std::move(fixedFamily)) {}

    void walk(const QJsonObject &object);
    bool empty() const { return m_text.isEmpty(); }
    // A report without the shared members (prune's users), as indented JSON.
    void raw(const QJsonObject &report);
    void prepend(const QString &line);
    QString html() const { return m_html; }
    QString text() const { return m_text; }

private:
    void heading(const QString &title);
    void list(const QString &title, const QStringList &items, bool fixed = false);
    // One user of `prune`: what it selects (containers by name, images by their names).
    void pruned(const QJsonObject &user);
    void diff(const QJsonObject &file);
    // Fixed pitch, + green and - red in shades readable on the palette's background.
    void block(const QString &text);

    bool m_dark;
    QString m_fixed;
    QString m_html;
    QString m_text;
};

} // namespace podbay::gui
