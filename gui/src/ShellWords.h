#pragma once
// A command line typed by a user who knows a shell, split into the argv the helper takes
// (run.podman has no shell, docs/protocol.md). QProcess::splitCommand knows only double
// quotes; users write 'single quotes' too.

#include <QStringList>

#include <optional>

namespace podbay::gui {

// POSIX.1-2017 XCU 2.2 quoting and 2.6.5 field splitting on blanks and newlines: '...'
// literal, "..." with \ escaping $ ` " \ and newline, \ outside quotes escaping the next
// character. No expansions: $X and * stay as typed. nullopt for an unterminated quote.
std::optional<QStringList> splitShellWords(const QString &line);

} // namespace podbay::gui
