#include "StorageConfEdit.h"

#include "HelperError.h"
#include "storage/TomlLayout.h"
#include "storage/TomlValue.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>

namespace podbay::helper::storage {
namespace {

constexpr std::string_view kKey = "rootless_storage_path";

using Kind = TomlStatement::Kind;

std::string assignment(std::string_view value)
{
    return std::string(kKey) + " = \"" + std::string(value) + "\"";
}

// "\r\n" when the line starting at `begin` ends with CRLF, else "\n". A last line without
// a newline takes the ending of the file's first line.
std::string lineEndingAt(std::string_view text, std::size_t begin)
{
    std::size_t nl = text.find('\n', begin);
    if (nl == std::string_view::npos)
        nl = text.find('\n');
    return nl != std::string_view::npos && nl > 0 && text[nl - 1] == '\r' ? "\r\n" : "\n";
}

std::string indentAt(std::string_view text, std::size_t begin)
{
    std::size_t end = begin;
    while (end < text.size() && (text[end] == ' ' || text[end] == '\t'))
        ++end;
    return std::string(text.substr(begin, end - begin));
}

// "#rootless_storage_path = ...", "# rootless_storage_path=...": the distribution's
// file documents the key as a comment in [storage].
bool isCommentedOutKey(std::string_view comment)
{
    const std::size_t start = comment.find_first_not_of("# \t");
    if (start == std::string_view::npos || !comment.substr(start).starts_with(kKey))
        return false;
    const std::size_t next = comment.find_first_not_of(" \t", start + kKey.size());
    return next != std::string_view::npos && comment[next] == '=';
}

int lineAt(std::string_view text, std::size_t offset)
{
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

} // namespace

ConfEdit setRootlessStoragePath(std::string_view text, std::string_view value, const std::string &source)
{
    if (tomlString(text, source, {"storage", kKey}) == value) // also validates the file
        return {std::string(text), "unchanged", 0};

    const std::vector<TomlStatement> statements = scanToml(text, source);
    ConfEdit edit;
    std::size_t keyOffset = 0;
    const auto active = std::ranges::find_if(statements, [](const TomlStatement &st) {
        return st.kind == Kind::KeyValue && st.path == std::vector<std::string>{"storage", std::string(kKey)};
    });
    const auto table = std::ranges::find_if(statements, [](const TomlStatement &st) {
        return st.kind == Kind::Table && st.path == std::vector<std::string>{"storage"};
    });
    if (active != statements.end()) {
        // Only the value's bytes change: key spelling, spacing and a trailing comment stay.
        edit.text = std::string(text.substr(0, active->valueBegin)) + "\"" + std::string(value) + "\""
                  + std::string(text.substr(active->valueEnd));
        edit.how = "replaced the value";
        keyOffset = active->lineBegin;
    } else if (table != statements.end()) {
        const auto end = std::find_if(table + 1, statements.end(), [](const TomlStatement &st) {
            return st.kind == Kind::Table || st.kind == Kind::ArrayTable;
        });
        auto anchor = table;
        edit.how = "added to [storage]";
        for (auto it = table + 1; it != end; ++it) {
            if (it->kind == Kind::Comment && isCommentedOutKey(it->comment)) {
                anchor = it;
                edit.how = "added after the commented-out default";
                break;
            }
            if (it->kind == Kind::KeyValue)
                anchor = it;
        }
        const std::string nl = lineEndingAt(text, anchor->lineBegin);
        const std::string indent = anchor == table ? std::string() : indentAt(text, anchor->lineBegin);
        const std::size_t at = anchor->lineEnd;
        const std::string before = at == text.size() && !text.empty() && text.back() != '\n' ? nl : "";
        edit.text = std::string(text.substr(0, at)) + before + indent + assignment(value) + nl
                  + std::string(text.substr(at));
        keyOffset = at + before.size();
    } else {
        const std::string nl = lineEndingAt(text, 0);
        std::string before;
        if (!text.empty())
            before = text.back() == '\n' ? nl : nl + nl;
        edit.text = std::string(text) + before + "[storage]" + nl + assignment(value) + nl;
        edit.how = "added a [storage] table";
        keyOffset = text.size() + before.size() + std::string_view("[storage]").size() + nl.size();
    }
    edit.line = lineAt(edit.text, keyOffset);

    // The edit must give a valid file that holds exactly the value (e.g. a [storage] table
    // that was defined through dotted keys cannot be added again).
    try {
        if (tomlString(edit.text, source, {"storage", kKey}) != value)
            throw HelperError(protocol::error::kBadInput, "the value did not end up in [storage]");
    } catch (const HelperError &e) {
        throw HelperError(protocol::error::kBadInput,
                          "cannot set " + std::string(kKey) + " in " + source + " without rewriting it: " + e.what(),
                          "add `" + assignment(value) + "` to the [storage] table by hand");
    }
    return edit;
}

std::string minimalStorageConf(std::string_view value)
{
    return "# containers-storage.conf(5): where Podman, Buildah and Skopeo keep images and containers.\n"
           "# Written by `podbay-helper storage configure` because neither this file nor the\n"
           "# distribution's /usr/share/containers/storage.conf existed. driver, runroot and graphroot\n"
           "# are the upstream defaults: once this file exists, containers/storage takes them from here.\n"
           "[storage]\n"
           "driver = \"overlay\"\n"
           "runroot = \"/run/containers/storage\"\n"
           "graphroot = \"/var/lib/containers/storage\"\n"
         + assignment(value) + "\n";
}

} // namespace podbay::helper::storage
