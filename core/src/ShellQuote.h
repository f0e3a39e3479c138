#pragma once

#include <QString>
#include <QStringList>

namespace podbay::core {

// An SSH exec request is a single string that the login node's shell parses
// (RFC 4254 section 6.5), so every word we send is POSIX single-quoted.
QString shellQuote(const QString &word);
QString shellJoin(const QStringList &words);

} // namespace podbay::core
