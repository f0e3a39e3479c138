#include "SssdServers.h"

#include "ldap/ServerOrder.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace podbay::helper::ldap {
namespace {

constexpr std::array<std::string_view, 3> kServerKeys{"ldap_uri", "ad_server", "ipa_server"};

std::string_view trim(std::string_view s)
{
    const std::size_t first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::string lower(std::string_view s)
{
    std::string out(s);
    std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

struct Line
{
    std::string_view content; // without "\n" and a final '\r'
    std::string_view ending;  // "\r\n", "\n" or ""
};

std::vector<Line> splitLines(std::string_view text)
{
    std::vector<Line> lines;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        std::string_view ending = nl == std::string_view::npos ? std::string_view() : text.substr(nl, 1);
        if (!line.empty() && line.back() == '\r' && !ending.empty()) {
            line.remove_suffix(1);
            ending = text.substr(nl - 1, 2);
        }
        lines.push_back({line, ending});
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    }
    return lines;
}

bool isContinuation(std::string_view content)
{
    const std::string_view t = trim(content);
    return !content.empty() && (content.front() == ' ' || content.front() == '\t') && !t.empty() && t.front() != '#'
        && t.front() != ';' && t.front() != '[' && t.find('=') == std::string_view::npos;
}

// The value with its server names in the host's order; slots (leading/trailing spaces of
// each item, the commas) stay where they are.
std::string reorder(std::string_view value, std::string_view seed, ServerList &list)
{
    struct Item
    {
        std::string_view lead, name, trail;
    };
    std::vector<Item> items;
    std::size_t pos = 0;
    for (;;) {
        const std::size_t comma = value.find(',', pos);
        const std::string_view raw = value.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
        const std::string_view name = trim(raw);
        const std::size_t lead = name.empty() ? raw.size() : static_cast<std::size_t>(name.data() - raw.data());
        items.push_back({raw.substr(0, lead), name, raw.substr(lead + name.size())});
        if (comma == std::string_view::npos)
            break;
        pos = comma + 1;
    }
    const auto movable = [](const Item &item) { return !item.name.empty() && item.name != "_srv_"; };
    std::vector<std::string> names;
    for (const Item &item : items)
        if (movable(item))
            names.emplace_back(item.name);
    list.before = names;
    list.after = names.size() < 2 ? names : hostOrder(names, seed);

    std::string out;
    std::size_t next = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            out += ',';
        out += items[i].lead;
        out += movable(items[i]) ? list.after[next++] : std::string(items[i].name);
        out += items[i].trail;
    }
    return out;
}

} // namespace

ServerShuffle shuffleServers(std::string_view text, std::string_view hostname)
{
    ServerShuffle result;
    const std::vector<Line> lines = splitLines(text);
    std::string section;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line &line = lines[i];
        std::string out(line.content);
        const std::string_view t = trim(line.content);
        const std::size_t eq = t.find('=');
        if (t.size() >= 2 && t.front() == '[' && t.back() == ']') {
            section = std::string(trim(t.substr(1, t.size() - 2)));
        } else if (section.starts_with("domain/") && !t.empty() && t.front() != '#' && t.front() != ';'
                   && eq != std::string_view::npos) {
            const std::string_view key = trim(t.substr(0, eq));
            if (std::ranges::find(kServerKeys, lower(key)) != kServerKeys.end()) {
                ServerList list{section, std::string(key), static_cast<int>(i + 1), {}, {}};
                if (i + 1 < lines.size() && isContinuation(lines[i + 1].content)) {
                    result.notes.push_back("line " + std::to_string(i + 1) + ": [" + section + "] " + std::string(key)
                                           + " continues on the next line; left as is");
                } else {
                    // Everything after '=' in the raw line is the value (sssd.conf has no inline comments).
                    const std::size_t rawEq = line.content.find('=');
                    out = std::string(line.content.substr(0, rawEq + 1))
                        + reorder(line.content.substr(rawEq + 1), std::string(hostname) + "\n" + section, list);
                    result.lists.push_back(std::move(list));
                }
            }
        }
        result.text += out;
        result.text += line.ending;
    }
    return result;
}

} // namespace podbay::helper::ldap
