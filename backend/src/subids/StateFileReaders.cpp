#include "StateFileReaders.h"

#include "SubidFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <vector>

namespace podbay::helper::subids {
namespace {

// {"version": 1, "subuid": [LINE...], "subgid": [LINE...], other keys ignored}; every
// LINE must be an entry line (subuid(5)). Throws std::invalid_argument on anything else.
class StateReader final : public nlohmann::json_sax<nlohmann::json>
{
public:
    explicit StateReader(ManagedState &state) : m_state(state) {}

    void finish() const
    {
        if (!m_version)
            throw std::invalid_argument("key 'version' not found");
        if (*m_version != kStateVersion)
            throw std::invalid_argument("unsupported version " + std::to_string(*m_version));
        if (!m_seenSubuid || !m_seenSubgid)
            throw std::invalid_argument(std::string("key '") + (m_seenSubuid ? "subgid" : "subuid") + "' not found");
    }

    bool null() override { return scalar("null"); }
    bool boolean(bool) override { return scalar("a boolean"); }
    bool number_integer(number_integer_t value) override { return number(value); }
    bool number_unsigned(number_unsigned_t value) override
    {
        return number(static_cast<std::int64_t>(std::min<number_unsigned_t>(value, 1U << 30)));
    }
    bool number_float(number_float_t, const string_t &) override { return scalar("a fraction"); }
    bool binary(binary_t &) override { return scalar("binary data"); }

    bool string(string_t &value) override
    {
        if (m_skip > 0 || (m_where == Where::Value && m_expect == Expect::Ignored))
            return true;
        if (m_where != Where::List)
            return scalar("a string");
        if (!parseEntry(value))
            throw std::invalid_argument("'" + value + "' is not an entry line");
        m_list->append(value);
        return true;
    }

    bool start_object(std::size_t) override { return open(false); }
    bool start_array(std::size_t) override { return open(true); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }

    bool key(string_t &name) override
    {
        if (m_skip > 0)
            return true;
        m_key = name;
        m_list = nullptr;
        m_expect = Expect::Ignored; // "about", and keys of later versions
        if (name == "version") {
            m_expect = Expect::Version;
        } else if (name == "subuid" || name == "subgid") {
            m_expect = Expect::List;
            m_list = name == "subuid" ? &m_state.subuid : &m_state.subgid;
            (name == "subuid" ? m_seenSubuid : m_seenSubgid) = true;
        }
        return true;
    }

    bool parse_error(std::size_t, const std::string &, const nlohmann::detail::exception &error) override
    {
        throw std::invalid_argument(error.what());
    }

private:
    enum class Where { Top, Value, List }; // before the document, a value in it, inside subuid/subgid
    enum class Expect { Version, List, Ignored };

    bool open(bool array)
    {
        if (m_skip > 0 || (m_where == Where::Value && m_expect == Expect::Ignored)) {
            ++m_skip; // the value of an ignored key, with everything nested in it
            return true;
        }
        if (m_where == Where::Top && !array) {
            m_where = Where::Value;
            return true;
        }
        if (m_where == Where::Value && m_expect == Expect::List && array) {
            m_where = Where::List;
            return true;
        }
        return scalar(array ? "an array" : "an object");
    }

    bool close()
    {
        if (m_skip > 0)
            --m_skip;
        else if (m_where == Where::List)
            m_where = Where::Value;
        return true;
    }

    bool number(std::int64_t value)
    {
        if (m_skip == 0 && m_where == Where::Value && m_expect == Expect::Version) {
            m_version = value;
            return true;
        }
        return scalar("a number");
    }

    bool scalar(const char *what)
    {
        if (m_skip > 0 || (m_where == Where::Value && m_expect == Expect::Ignored))
            return true;
        if (m_where == Where::Top)
            throw std::invalid_argument("the document is not an object");
        throw std::invalid_argument(std::string("unexpected ") + what + " in '" + m_key + "'");
    }

    ManagedState &m_state;
    ManagedSet *m_list = nullptr;
    std::string m_key;
    Where m_where = Where::Top;
    Expect m_expect = Expect::Ignored;
    int m_skip = 0;
    bool m_seenSubuid = false;
    bool m_seenSubgid = false;
    std::optional<std::int64_t> m_version;
};

// The state file as the helper writes it, read by plain scanning: an object of "version"
// (a whole number), "subuid"/"subgid" (arrays of strings) and other keys with string
// values, every string printable ASCII without escapes. Anything else, and another
// version, gives std::nullopt, and the file goes through the JSON parser, which reads
// every form and words the error. The lines are checked to be entry lines by the caller.
// A JSON parser takes about ten times longer for the 6 MB of a 100,000-user site.
class OwnLayoutReader
{
public:
    explicit OwnLayoutReader(std::shared_ptr<const std::string> text) : m_storage(std::move(text)), m_text(*m_storage) {}

    std::optional<ManagedState> read(std::pair<std::size_t, std::size_t> expected)
    {
        std::vector<std::string_view> lists[2];
        // Reserved room that is never used costs no memory (its pages are never touched);
        // growing by doubling would copy 200,000 views at 100,000 users.
        lists[0].reserve(expected.first);
        lists[1].reserve(expected.second);
        bool seen[2] = {false, false};
        bool version = false;
        if (!literal('{'))
            return std::nullopt;
        do {
            const auto key = string();
            if (!key || !literal(':'))
                return std::nullopt;
            if (*key == "subuid" || *key == "subgid") {
                const int k = *key == "subuid" ? 0 : 1;
                if (seen[k] || !list(lists[k]))
                    return std::nullopt;
                seen[k] = true;
            } else if (*key == "version") {
                if (version || !wholeNumberIs(kStateVersion))
                    return std::nullopt;
                version = true;
            } else if (!string()) {
                return std::nullopt;
            }
        } while (literal(','));
        if (!literal('}') || !atEnd() || !version || !seen[0] || !seen[1])
            return std::nullopt;

        ManagedState state;
        state.subuid.adopt(std::move(lists[0]), m_storage);
        state.subgid.adopt(std::move(lists[1]), m_storage);
        return state;
    }

private:
    void space()
    {
        while (m_at < m_text.size() && (m_text[m_at] == ' ' || m_text[m_at] == '\n' || m_text[m_at] == '\t' || m_text[m_at] == '\r'))
            ++m_at;
    }
    bool literal(char c)
    {
        space();
        if (m_at < m_text.size() && m_text[m_at] == c) {
            ++m_at;
            return true;
        }
        return false;
    }
    bool atEnd()
    {
        space();
        return m_at == m_text.size();
    }
    std::optional<std::string_view> string()
    {
        if (!literal('"'))
            return std::nullopt;
        const std::size_t start = m_at;
        for (; m_at < m_text.size(); ++m_at) {
            const auto c = static_cast<unsigned char>(m_text[m_at]);
            if (c == '"')
                return m_text.substr(start, m_at++ - start);
            if (c == '\\' || c < 0x20 || c >= 0x7f)
                return std::nullopt;
        }
        return std::nullopt;
    }
    bool list(std::vector<std::string_view> &out)
    {
        if (!literal('['))
            return false;
        if (literal(']'))
            return true;
        do {
            const auto s = string();
            if (!s)
                return false;
            out.push_back(*s);
        } while (literal(','));
        return literal(']');
    }
    bool wholeNumberIs(int expected)
    {
        space();
        const std::size_t start = m_at;
        while (m_at < m_text.size() && m_text[m_at] >= '0' && m_text[m_at] <= '9')
            ++m_at;
        return m_text.substr(start, m_at - start) == std::to_string(expected);
    }

    std::shared_ptr<const std::string> m_storage;
    std::string_view m_text;
    std::size_t m_at = 0;
};

} // namespace

std::optional<ManagedState> readOwnLayout(std::shared_ptr<const std::string> text,
                                          std::pair<std::size_t, std::size_t> expected)
{
    return OwnLayoutReader(std::move(text)).read(expected);
}

ManagedState readAnyLayout(std::string_view text)
{
    ManagedState state;
    StateReader reader(state);
    nlohmann::json::sax_parse(text, &reader);
    reader.finish();
    return state;
}

} // namespace podbay::helper::subids
