#include "TomlLayout.h"

#include "HelperError.h"

#include <podbay/protocol/Protocol.h>

namespace podbay::helper::storage {
namespace {

bool isBareKeyChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

class Scanner
{
public:
    Scanner(std::string_view text, const std::string &source) : m_text(text), m_source(source) {}

    std::vector<TomlStatement> run()
    {
        std::vector<std::string> table;
        while (m_pos < m_text.size()) {
            const std::size_t lineBegin = m_pos;
            const int line = m_line;
            skipSpaces();
            if (atEol()) {
                endLine();
                continue;
            }
            TomlStatement st;
            st.lineBegin = lineBegin;
            st.line = line;
            if (peek() == '#') {
                ++m_pos;
                const std::size_t begin = m_pos;
                while (m_pos < m_text.size() && m_text[m_pos] != '\n')
                    ++m_pos;
                st.comment = std::string(m_text.substr(begin, m_pos - begin));
                if (!st.comment.empty() && st.comment.back() == '\r')
                    st.comment.pop_back();
            } else if (peek() == '[') {
                ++m_pos;
                st.kind = TomlStatement::Kind::Table;
                if (peek() == '[') {
                    ++m_pos;
                    st.kind = TomlStatement::Kind::ArrayTable;
                }
                st.path = keyPath();
                expect(']');
                if (st.kind == TomlStatement::Kind::ArrayTable)
                    expect(']');
                table = st.path;
                finishLine();
            } else {
                st.kind = TomlStatement::Kind::KeyValue;
                st.path = table;
                for (std::string &part : keyPath())
                    st.path.push_back(std::move(part));
                expect('=');
                skipSpaces();
                st.valueBegin = m_pos;
                value();
                st.valueEnd = m_pos;
                finishLine();
            }
            endLine();
            st.lineEnd = m_pos;
            m_statements.push_back(std::move(st));
        }
        return std::move(m_statements);
    }

private:
    [[noreturn]] void fail(const std::string &what) const
    {
        throw HelperError(protocol::error::kBadInput, m_source + ":" + std::to_string(m_line) + ": " + what,
                          "fix the file by hand; it must be valid TOML (containers-storage.conf(5))");
    }

    char peek(std::size_t ahead = 0) const
    {
        return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
    }
    bool startsWith(std::string_view s) const { return m_text.substr(m_pos).starts_with(s); }
    bool atEol() const { return m_pos >= m_text.size() || peek() == '\n' || (peek() == '\r' && peek(1) == '\n'); }

    void skipSpaces()
    {
        while (peek() == ' ' || peek() == '\t')
            ++m_pos;
    }

    // Whitespace, newlines and comments, as allowed between array elements.
    void skipBlankLines()
    {
        for (;;) {
            skipSpaces();
            if (peek() == '#') {
                while (m_pos < m_text.size() && peek() != '\n')
                    ++m_pos;
            } else if (peek() == '\r' && peek(1) == '\n') {
                m_pos += 2;
                ++m_line;
            } else if (peek() == '\n') {
                ++m_pos;
                ++m_line;
            } else {
                return;
            }
        }
    }

    void expect(char c)
    {
        skipSpaces();
        if (peek() != c)
            fail(std::string("expected '") + c + "'");
        ++m_pos;
    }

    // After a statement: optional spaces and a comment, then the end of the line.
    void finishLine()
    {
        skipSpaces();
        if (peek() == '#')
            while (m_pos < m_text.size() && peek() != '\n')
                ++m_pos;
        if (!atEol())
            fail("unexpected text after a value");
    }

    void endLine()
    {
        if (peek() == '\r' && peek(1) == '\n')
            ++m_pos;
        if (peek() == '\n') {
            ++m_pos;
            ++m_line;
        }
    }

    // key ( '.' key )*, each bare, "basic" or 'literal'.
    std::vector<std::string> keyPath()
    {
        std::vector<std::string> path;
        for (;;) {
            skipSpaces();
            if (peek() == '"' || peek() == '\'') {
                const std::size_t begin = m_pos;
                singleLineString(peek());
                path.emplace_back(m_text.substr(begin + 1, m_pos - begin - 2));
            } else {
                const std::size_t begin = m_pos;
                while (isBareKeyChar(peek()))
                    ++m_pos;
                if (m_pos == begin)
                    fail("expected a key");
                path.emplace_back(m_text.substr(begin, m_pos - begin));
            }
            skipSpaces();
            if (peek() != '.')
                return path;
            ++m_pos;
        }
    }

    void singleLineString(char quote)
    {
        ++m_pos;
        while (peek() != quote) {
            if (m_pos >= m_text.size() || peek() == '\n')
                fail("unterminated string");
            if (quote == '"' && peek() == '\\')
                ++m_pos;
            ++m_pos;
        }
        ++m_pos;
    }

    // """...""" or '''...''': up to two more quotes right before the delimiter belong to
    // the content (TOML 1.0, "Multi-line basic strings").
    void multiLineString(char quote)
    {
        m_pos += 3;
        const std::string delimiter(3, quote);
        for (;;) {
            if (m_pos >= m_text.size())
                fail("unterminated multi-line string");
            if (quote == '"' && peek() == '\\') {
                if (peek(1) == '\n')
                    ++m_line;
                m_pos += 2;
                continue;
            }
            if (startsWith(delimiter)) {
                m_pos += 3;
                for (int extra = 0; extra < 2 && peek() == quote; ++extra)
                    ++m_pos;
                return;
            }
            if (peek() == '\n')
                ++m_line;
            ++m_pos;
        }
    }

    // After an element of an array or inline table: a comma, or the closing bracket (left in place).
    void separator(char close, std::string_view what)
    {
        if (peek() == ',')
            ++m_pos;
        else if (peek() != close)
            fail(std::string("expected ',' or '") + close + "' in " + std::string(what));
    }

    void value()
    {
        if (startsWith("\"\"\"") || startsWith("'''")) {
            multiLineString(peek());
        } else if (peek() == '"' || peek() == '\'') {
            singleLineString(peek());
        } else if (peek() == '[') {
            ++m_pos;
            for (;;) {
                skipBlankLines();
                if (peek() == ']')
                    break;
                value();
                skipBlankLines();
                separator(']', "an array");
            }
            ++m_pos;
        } else if (peek() == '{') {
            ++m_pos;
            skipSpaces();
            while (peek() != '}') {
                keyPath();
                expect('=');
                skipSpaces();
                value();
                skipSpaces();
                separator('}', "an inline table");
                skipSpaces();
            }
            ++m_pos;
        } else {
            bareValue();
        }
    }

    // Numbers, booleans, dates and times. A date-time may use a space instead of 'T'
    // (TOML 1.0, "Offset Date-Time"): 1979-05-27 07:32:00Z.
    void bareValue()
    {
        const std::size_t begin = m_pos;
        const auto scan = [&] {
            while (m_pos < m_text.size() && std::string_view(" \t\r\n,]}#").find(peek()) == std::string_view::npos)
                ++m_pos;
        };
        scan();
        if (m_pos == begin)
            fail("expected a value");
        const std::string_view token = m_text.substr(begin, m_pos - begin);
        if (token.size() == 10 && token[4] == '-' && token[7] == '-' && peek() == ' ' && isDigit(peek(1))
            && isDigit(peek(2)) && peek(3) == ':') {
            ++m_pos;
            scan();
        }
    }

    std::string_view m_text;
    const std::string &m_source;
    std::size_t m_pos = 0;
    int m_line = 1;
    std::vector<TomlStatement> m_statements;
};

} // namespace

std::vector<TomlStatement> scanToml(std::string_view text, const std::string &source)
{
    return Scanner(text, source).run();
}

} // namespace podbay::helper::storage
