#include "TomlValue.h"

#include "HelperError.h"

#include <podbay/protocol/Protocol.h>

#include <sstream>
#include <stdexcept>

// toml++ 3.3 checks its own parser state with assert(): a table header whose key starts
// with a character no key can start with (`[=x]`) fails one, which aborted the helper in
// a build without NDEBUG, e.g. root's `prune` reading a user's storage.conf (found by
// fuzz/storage_conf). A failed check throws instead and the file is refused like any other
// invalid TOML. (With NDEBUG the check is compiled out and the parser reports the key.)
#define TOML_ASSERT(expr) ((expr) ? static_cast<void>(0) : throw std::logic_error("toml++ check failed: " #expr))
#include <toml++/toml.h>

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
    } catch (const std::logic_error &) {
        throw HelperError(protocol::error::kBadInput, source + ": not valid TOML (a key or table header is malformed)",
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
