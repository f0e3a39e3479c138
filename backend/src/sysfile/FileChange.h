#pragma once
// One planned change of one system file, the unit every admin command of the helper is
// built from: plan (read what is there, compute what should be), show (`--dry-run` diff,
// `--json`), apply (atomic replace, audit line). Planning never writes, so a dry run and
// a real run see the same plan, and a second run of an idempotent command plans nothing.

#include "CommandContext.h"
#include "sysfile/AtomicFile.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace podbay::helper::sysfile {

struct FileChange
{
    // The path as the admin knows it ("/etc/containers/storage.conf"), for diffs and JSON.
    std::filesystem::path displayPath;
    // Where it is on this run (under --root).
    std::filesystem::path path;
    std::optional<std::string> before; // nullopt: the file does not exist
    std::optional<std::string> after;  // nullopt: the file is to be removed
    WriteOptions options;              // mode/owner of a new file, FILE- backup

    bool changes() const { return before != after; }
    // "create", "modify", "remove" or "unchanged".
    std::string action() const;
    // `diff -u` text ("--- /etc/x" / "+++ /etc/x (planned)"), empty when unchanged.
    std::string diff() const;
    // {"path", "action", "diff"}
    nlohmann::json toJson() const;
};

// Reads `absolute` under ctx.root as it is now; `after` starts equal to `before`.
FileChange readForChange(const CommandContext &ctx, const std::filesystem::path &absolute);

// readForChange with `after` set to `content`; a new file gets `mode`.
FileChange plannedFile(const CommandContext &ctx, const std::filesystem::path &absolute, std::string content,
                       mode_t mode = 0644);

// Applies one change (no-op when unchanged): writeFileAtomically, or unlink for a removal
// (keeping FILE- when options.keepBackup). Parent directories of a new file are created
// 0755. Throws HelperError(E_IO).
void apply(const FileChange &change);

// Applies every change in order, then writes one audit line per changed file.
// Returns how many files changed.
std::size_t applyAll(const std::vector<FileChange> &changes, std::string_view command);

// The concatenated diffs, for --dry-run output.
std::string diffAll(const std::vector<FileChange> &changes);

} // namespace podbay::helper::sysfile
