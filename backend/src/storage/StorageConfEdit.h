#pragma once
// Setting `rootless_storage_path` in the [storage] table of containers-storage.conf(5)
// as a text edit: the one line that carries the value is replaced or inserted, every other
// byte of the file stays as it was (comments, blank lines, CRLF, key order).

#include <string>
#include <string_view>

namespace podbay::helper::storage {

struct ConfEdit
{
    std::string text; // the new file
    // What was done: "unchanged", "replaced the value", "added after the commented-out
    // default", "added to [storage]", "added a [storage] table".
    std::string how;
    int line = 0; // 1-based line of the key in the new text (0 when unchanged)
};

// `value` is the path to set (already validated: no quotes, backslashes or control
// characters). Throws HelperError(E_BAD_INPUT) naming `source` when the file is not
// valid TOML, or when the edit would not give a valid file that holds the value.
ConfEdit setRootlessStoragePath(std::string_view text, std::string_view value, const std::string &source);

// The file written when neither /etc/containers/storage.conf nor the distribution's
// /usr/share/containers/storage.conf exists.
std::string minimalStorageConf(std::string_view value);

} // namespace podbay::helper::storage
