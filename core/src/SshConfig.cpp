#include "SshConfig.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace podbay::core {
namespace {

// OpenSSH refuses deeper Include nesting (readconf.c READCONF_MAX_DEPTH is 16).
constexpr int kMaxIncludeDepth = 16;

// Splits a line into a keyword and its arguments: "Key value", "Key=value" or
// "Key = value"; double quotes group words (ssh_config(5), "arguments may
// optionally be enclosed in double quotes").
QStringList tokens(const QString &line)
{
    static const QRegularExpression keywordSplit(QStringLiteral(R"(^([^\s=]+)\s*(?:=\s*|\s+|$)(.*)$)"));
    const QRegularExpressionMatch match = keywordSplit.match(line);
    if (!match.hasMatch())
        return {};
    QStringList words{match.captured(1)};
    QString current;
    bool quoted = false;
    bool inWord = false;
    for (const QChar c : match.captured(2)) {
        if (c == QLatin1Char('"')) {
            quoted = !quoted;
            inWord = true;
        } else if (!quoted && c.isSpace()) {
            if (inWord)
                words << current;
            current.clear();
            inWord = false;
        } else {
            current += c;
            inWord = true;
        }
    }
    if (inWord)
        words << current;
    return words;
}

QString expandTilde(const QString &path)
{
    if (path == QLatin1String("~"))
        return QDir::homePath();
    if (path.startsWith(QLatin1String("~/")))
        return QDir::homePath() + path.mid(1);
    return path;
}

// The TOKENS of ssh_config(5) that make sense before connecting.
QString expandTokens(const QString &value, const ConnectionProfile &profile)
{
    QString out;
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value[i] != QLatin1Char('%') || i + 1 == value.size()) {
            out += value[i];
            continue;
        }
        switch (value[++i].toLatin1()) {
        case '%': out += QLatin1Char('%'); break;
        case 'd': out += QDir::homePath(); break;
        case 'h': out += profile.host; break;
        case 'p': out += QString::number(profile.port); break;
        case 'r': out += profile.user; break;
        case 'u': out += qEnvironmentVariable("USER"); break;
        default: out += QLatin1Char('%') + value[i]; break;
        }
    }
    return out;
}

} // namespace

bool SshConfig::hostMatches(const QStringList &patterns, const QString &host)
{
    bool matched = false;
    for (const QString &raw : patterns) {
        const bool negated = raw.startsWith(QLatin1Char('!'));
        const QString pattern = negated ? raw.mid(1) : raw;
        // '*' any run of characters, '?' exactly one; everything else literal.
        QString regex;
        for (const QChar c : pattern)
            regex += c == QLatin1Char('*')   ? QStringLiteral(".*")
                     : c == QLatin1Char('?') ? QStringLiteral(".")
                                             : QRegularExpression::escape(QString(c));
        const QRegularExpression re(QRegularExpression::anchoredPattern(regex),
                                    QRegularExpression::CaseInsensitiveOption);
        if (re.match(host).hasMatch()) {
            if (negated)
                return false; // a negated match vetoes the whole line
            matched = true;
        }
    }
    return matched;
}

SshConfig SshConfig::parse(const QString &text, const QString &sshDir)
{
    SshConfig config;
    config.m_blocks << Block{};
    config.parseInto(text, sshDir, 0);
    return config;
}

SshConfig SshConfig::loadUserConfig()
{
    const QString dir = QDir::homePath() + QStringLiteral("/.ssh");
    QFile file(dir + QStringLiteral("/config"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return parse(QString(), dir);
    return parse(QString::fromUtf8(file.readAll()), dir);
}

void SshConfig::parseInto(const QString &text, const QString &sshDir, int depth)
{
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')))
            continue;
        QStringList words = tokens(trimmed);
        if (words.isEmpty())
            continue;
        const QString keyword = words.takeFirst().toLower();
        if (keyword == QLatin1String("host")) {
            m_blocks << Block{words, false, {}};
        } else if (keyword == QLatin1String("match")) {
            m_blocks << Block{{}, true, {}};
        } else if (keyword == QLatin1String("include")) {
            if (depth >= kMaxIncludeDepth)
                continue;
            for (const QString &word : words) {
                QString path = expandTilde(word);
                if (QDir::isRelativePath(path))
                    path = sshDir + QLatin1Char('/') + path;
                const QFileInfo info(path);
                const QStringList matches =
                    QDir(info.path()).entryList({info.fileName()}, QDir::Files, QDir::Name);
                for (const QString &name : matches) {
                    QFile included(info.path() + QLatin1Char('/') + name);
                    if (included.open(QIODevice::ReadOnly | QIODevice::Text))
                        parseInto(QString::fromUtf8(included.readAll()), sshDir, depth + 1);
                }
            }
        } else if (!words.isEmpty()) {
            m_blocks.last().options.append({keyword, words.join(QLatin1Char(' '))});
        }
    }
}

QStringList SshConfig::hostAliases() const
{
    QStringList aliases;
    for (const Block &block : m_blocks)
        for (const QString &pattern : block.patterns)
            if (!pattern.contains(QLatin1Char('*')) && !pattern.contains(QLatin1Char('?'))
                && !pattern.startsWith(QLatin1Char('!')) && !aliases.contains(pattern))
                aliases << pattern;
    return aliases;
}

ConnectionProfile SshConfig::resolve(const QString &alias, ConnectionProfile base) const
{
    QString hostName, user, port, proxyJump;
    QStringList identities;
    for (const Block &block : m_blocks) {
        const bool applies = block.patterns.isEmpty() ? !block.isMatch : hostMatches(block.patterns, alias);
        if (!applies)
            continue;
        for (const auto &[keyword, value] : block.options) {
            // "the first obtained value will be used" (ssh_config(5)); IdentityFile
            // accumulates instead.
            if (keyword == QLatin1String("hostname") && hostName.isNull())
                hostName = value;
            else if (keyword == QLatin1String("user") && user.isNull())
                user = value;
            else if (keyword == QLatin1String("port") && port.isNull())
                port = value;
            else if (keyword == QLatin1String("proxyjump") && proxyJump.isNull())
                proxyJump = value;
            else if (keyword == QLatin1String("identityfile"))
                identities << value;
        }
    }
    ConnectionProfile profile = std::move(base);
    profile.host = alias;
    if (!hostName.isNull())
        profile.host = expandTokens(hostName, profile); // %h is the alias here
    if (!user.isNull())
        profile.user = user;
    bool ok = false;
    const int portNumber = port.toInt(&ok);
    if (ok && portNumber > 0 && portNumber < 65536)
        profile.port = portNumber;
    if (!proxyJump.isNull() && proxyJump.compare(QLatin1String("none"), Qt::CaseInsensitive) != 0)
        profile.jumpHost = proxyJump;
    if (!identities.isEmpty())
        profile.identityFile = expandTilde(expandTokens(identities.first(), profile));
    return profile;
}

} // namespace podbay::core
