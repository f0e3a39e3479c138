#include "TomlValue.h"

#include "HelperError.h"

#include <podbay/protocol/Protocol.h>

#include <toml++/toml.h>

#include <sstream>

namespace podbay::helper::storage {
namespace {

toml::table parse(std::string_view text, const std::string &source)
{
    try {
        return toml::parse(text, source);
    } catch (const toml::parse_error &e) {
        std::ostringstream where;
        where << source << ':' << e.source().begin.line << ':' << e.source().begin.column << ": "
              << e.description();
        throw HelperError(protocol::error::kBadInput, where.str(),
                          "fix the file by hand; it must be valid TOML (containers-storage.conf(5))");
    }
}

} // namespace

void validateToml(std::string_view text, const std::string &source)
{
    parse(text, source);
}

std::optional<std::string> tomlString(std::string_view text, const std::string &source,
                                      std::initializer_list<std::string_view> path)
{
    const toml::table doc = parse(text, source);
    toml::node_view<const toml::node> node{doc};
    std::string dotted;
    for (const std::string_view key : path) {
        node = node[key];
        dotted += (dotted.empty() ? "" : ".") + std::string(key);
    }
    if (!node)
        return std::nullopt;
    if (const auto value = node.value<std::string>(); value && node.is_string())
        return value;
    throw HelperError(protocol::error::kBadInput, source + ": " + dotted + " is not a string",
                      "fix the file by hand (containers-storage.conf(5))");
}

} // namespace podbay::helper::storage
