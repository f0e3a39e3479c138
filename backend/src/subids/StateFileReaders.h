#pragma once
// The two readers of the state file (ManagedState.h); parseManagedState tries the first,
// then the second.

#include "ManagedState.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace podbay::helper::subids {

inline constexpr int kStateVersion = 1;

// The layout serialiseManagedState writes (any spacing; printable ASCII strings without
// escapes), read by plain scanning, the lines left as views into `text`, which the sets
// keep. std::nullopt for anything else, including another version; the lines are not
// checked to be entry lines (the caller does, ManagedSet::rebase spares most of it).
// A JSON parser takes about ten times longer for the 6 MB of a 100,000-user site.
// `expected` is how many lines each list likely holds (subuid, subgid; the files' line
// counts): room for them is reserved up front, so that the lists never grow by copying.
std::optional<ManagedState> readOwnLayout(std::shared_ptr<const std::string> text,
                                          std::pair<std::size_t, std::size_t> expected = {0, 0});

// Any JSON layout, streamed (nlohmann's SAX parser): {"version": 1, "subuid": [LINE...],
// "subgid": [LINE...]}, other keys ignored, every LINE an entry line. Throws
// std::invalid_argument saying what is wrong.
ManagedState readAnyLayout(std::string_view text);

} // namespace podbay::helper::subids
