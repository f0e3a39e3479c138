#pragma once
// Where things are in a TOML document (https://toml.io/en/v1.0.0), by byte offset, so a
// config file can be edited in place without re-serialising it: every byte the edit does
// not touch stays as it was (comments, CRLF line ends, key order, quoting).
// Only the statements of the document are reported: table headers, key/value pairs and
// whole-line comments. Lines inside multi-line strings ("""/''') and inside multi-line
// arrays or inline tables belong to the value that contains them, so a line reading
// `[storage]` inside a string is never taken for a header.
// The scanner checks structure only; callers validate the document with a real TOML
// parser (TomlValue.h) before and after an edit.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::storage {

struct TomlStatement
{
    enum class Kind { Table, ArrayTable, KeyValue, Comment };
    Kind kind = Kind::Comment;
    // Table/ArrayTable: the table's key path. KeyValue: the full path (table + dotted key).
    std::vector<std::string> path;
    std::size_t lineBegin = 0; // first byte of the statement's first line
    std::size_t lineEnd = 0;   // just past the '\n' ending its last line (or the end of the text)
    std::size_t valueBegin = 0, valueEnd = 0; // KeyValue: the value's bytes
    std::string comment;                      // Comment: the text after '#'
    int line = 0;                             // 1-based line of the first byte
};

// Throws HelperError(E_BAD_INPUT) "SOURCE:LINE: ..." on input it cannot follow.
std::vector<TomlStatement> scanToml(std::string_view text, const std::string &source);

} // namespace podbay::helper::storage
