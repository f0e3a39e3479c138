// /etc/subuid and /etc/subgid as the helper reads them (subids/SubidFile.h, subuid(5)):
// any bytes either parse into lines or throw HelperError; a parsed file serialises to text
// that parses to the same lines, and every entry's range fits the id space.

#include "FuzzInput.h"

#include "HelperError.h"
#include "subids/SubidFile.h"

#include <string>

using namespace podbay::helper;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text = podbay::fuzz::asText(data, size);
    for (std::string_view rest = text; !rest.empty();)
        (void)subids::parseEntry(podbay::fuzz::takeLine(rest));
    try {
        const subids::SubidFile file = subids::SubidFile::parse(std::string(text), "/etc/subuid");
        for (const subids::SubidLine &line : file.lines)
            if (const auto entry = line.entry(); entry && entry->start + entry->count > subids::kMaxFieldValue * 2)
                podbay::fuzz::broken("an entry's range overflows");
        const std::string again = file.serialise();
        const subids::SubidFile reparsed = subids::SubidFile::parse(again, "/etc/subuid");
        if (reparsed.lines.size() != file.lines.size() || reparsed.serialise() != again)
            podbay::fuzz::broken("serialise() does not parse back to the same lines");
        for (std::size_t i = 0; i < file.lines.size(); ++i)
            if (file.lines[i].text != reparsed.lines[i].text || file.lines[i].isEntry() != reparsed.lines[i].isEntry())
                podbay::fuzz::broken("a line changed through serialise()");
    } catch (const HelperError &) {
        // A malformed file is refused with a message naming the line: the expected outcome.
    }
    return 0;
}
