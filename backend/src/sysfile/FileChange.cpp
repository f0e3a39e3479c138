#include "FileChange.h"

#include "HelperError.h"
#include "sysfile/Audit.h"
#include "sysfile/UnifiedDiff.h"

#include <podbay/protocol/Protocol.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include <unistd.h>

namespace podbay::helper::sysfile {

std::string FileChange::action() const
{
    if (!changes())
        return "unchanged";
    if (!before)
        return "create";
    if (!after)
        return "remove";
    return "modify";
}

std::string FileChange::diff() const
{
    if (!changes())
        return {};
    const std::string name = displayPath.string();
    return textDiff(before ? name : "/dev/null", after ? name + " (planned)" : "/dev/null", before.value_or(""),
                    after.value_or(""));
}

nlohmann::json FileChange::toJson() const
{
    return {{"path", displayPath.string()}, {"action", action()}, {"diff", diff()}};
}

FileChange readForChange(const CommandContext &ctx, const std::filesystem::path &absolute)
{
    FileChange change;
    change.displayPath = absolute;
    change.path = ctx.systemPath(absolute);
    change.before = readFileIfExists(change.path);
    change.after = change.before;
    return change;
}

FileChange plannedFile(const CommandContext &ctx, const std::filesystem::path &absolute, std::string content,
                       mode_t mode)
{
    FileChange change = readForChange(ctx, absolute);
    change.after = std::move(content);
    change.options.newFileMode = mode;
    return change;
}

void apply(const FileChange &change)
{
    if (!change.changes())
        return;
    if (change.after) {
        std::error_code ec;
        std::filesystem::create_directories(change.path.parent_path(), ec);
        if (ec)
            throw HelperError(protocol::error::kIo,
                              "cannot create " + change.path.parent_path().string() + ": " + ec.message());
        writeFileAtomically(change.path, *change.after, change.options);
        return;
    }
    if (change.options.keepBackup && change.before) {
        WriteOptions backup;
        backup.keepBackup = false;
        writeFileAtomically(change.path.string() + "-", *change.before, backup);
    }
    if (::unlink(change.path.c_str()) != 0 && errno != ENOENT)
        throw HelperError(protocol::error::kIo, "cannot remove " + change.path.string() + ": " + std::strerror(errno));
}

std::size_t applyAll(const std::vector<FileChange> &changes, std::string_view command)
{
    std::size_t changed = 0;
    for (const FileChange &change : changes) {
        if (!change.changes())
            continue;
        apply(change);
        ++changed;
        audit(command, change.action() + " " + change.displayPath.string());
    }
    return changed;
}

std::string diffAll(const std::vector<FileChange> &changes)
{
    std::string out;
    for (const FileChange &change : changes)
        out += change.diff();
    return out;
}

} // namespace podbay::helper::sysfile
