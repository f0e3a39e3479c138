// The storage.conf editor (storage/StorageConfEdit.h, containers-storage.conf(5)): any
// bytes as the file are either refused with HelperError or edited into a file that holds
// the value, and editing that file again changes nothing.
// Input: the file; the first byte picks one of the values the helper could set.

#include "FuzzInput.h"

#include "HelperError.h"
#include "storage/StorageConfEdit.h"

#include <array>
#include <string>

using namespace podbay::helper;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // Values that passed the helper's path checks (no quotes, backslashes, controls).
    static constexpr std::array<std::string_view, 4> kValues{
        "/var/tmp/podbay-storage/$USER", "/local/containers/$UID", "/tmp/x", "/scratch/containers storage/$USER"};
    const std::string_view value = size ? kValues[data[0] % kValues.size()] : kValues[0];
    const std::string_view text = size ? podbay::fuzz::asText(data + 1, size - 1) : std::string_view();
    try {
        const storage::ConfEdit edit = storage::setRootlessStoragePath(text, value, "/etc/containers/storage.conf");
        if (edit.text.find(value) == std::string::npos)
            podbay::fuzz::broken("the edited file does not hold the value");
        const storage::ConfEdit again =
            storage::setRootlessStoragePath(edit.text, value, "/etc/containers/storage.conf");
        if (again.text != edit.text || again.how != "unchanged")
            podbay::fuzz::broken("editing the edited file changed it again");
    } catch (const HelperError &) {
    }
    (void)storage::minimalStorageConf(value);
    return 0;
}
