#pragma once
// Which lines of /etc/subuid and /etc/subgid the helper wrote: a JSON file
// (default /var/lib/podbay/subids.json), one list of entry lines per file. A separate file
// rather than marker comments, because useradd's automatic allocation sorts the whole
// file and moves every comment to the end (shadow lib/subordinateio.c, find_free_range
// and commonio_sort), which would scramble a marked block. Exact lines are recorded, so
// an entry edited by hand or by usermod is no longer the helper's.

#include "ManagedSet.h"

#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace podbay::helper::subids {

struct ManagedState
{
    ManagedSet subuid;
    ManagedSet subgid;
};

// A missing file is an empty state; a damaged one throws HelperError(E_BAD_INPUT).
// Read as a stream (SAX): at 100,000 users the file is 6 MB, and a JSON tree of it
// would be several times that.
ManagedState loadManagedState(const std::filesystem::path &path);
// The same for a file's content already read. With the files given, the lines that are
// lines of those files are stored as views into them (ManagedSet::rebase); the state
// file's text is not kept.
ManagedState parseManagedState(std::string text, const std::filesystem::path &path, const SubidFile *subuid = nullptr,
                               const SubidFile *subgid = nullptr);
// One file's list: `lines`, then `more` (the lines a sync keeps listed until the files
// are written), in the order given (the order of the files).
struct ManagedLists
{
    std::span<const std::string_view> lines;
    std::span<const std::string_view> more = {};
};
std::string serialiseManagedState(const ManagedLists &subuid, const ManagedLists &subgid);

} // namespace podbay::helper::subids
