#include "ShellQuote.h"

namespace podbay::core {

QString shellQuote(const QString &word)
{
    // Inside single quotes nothing is special except the quote itself, which is
    // closed, escaped and reopened: ' -> '\'' (POSIX.1-2017 XCU 2.2.2).
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString shellJoin(const QStringList &words)
{
    QStringList quoted;
    quoted.reserve(words.size());
    for (const QString &word : words)
        quoted << shellQuote(word);
    return quoted.join(QLatin1Char(' '));
}

} // namespace podbay::core
