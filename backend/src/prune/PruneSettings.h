#pragma once
// `prune` options and settings: --older-than (default [prune] older_than, else 7d),
// --user NAME | --all-users, --dry-run; [prune] min_uid bounds --all-users.

#include "CommandContext.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::prune {

struct Age
{
    std::string text;          // "7d"
    std::int64_t seconds = 0;
};

// "7d", "36h", "2w": a number 1..36500 (days; hours and weeks scaled to the same bound)
// and a unit. std::nullopt for anything else, including a number without a unit.
std::optional<Age> parseAge(std::string_view text);

struct PruneOptions
{
    std::optional<std::string> olderThan;
    std::optional<std::string> user;
    bool allUsers = false;
    bool dryRun = false;
};

// Throws HelperError(E_USAGE) naming the bad argument.
PruneOptions parsePruneOptions(std::span<const std::string> args);

struct PruneSettings
{
    Age olderThan{"7d", 7 * 86400};
    std::uint64_t minUid = 1000; // --all-users: accounts from this uid
    std::vector<std::string> warnings;
};

// Throws HelperError: E_USAGE for a bad --older-than, E_BAD_INPUT for bad settings.
PruneSettings resolvePruneSettings(const CommandContext &ctx, const PruneOptions &options);

} // namespace podbay::helper::prune
