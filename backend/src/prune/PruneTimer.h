#pragma once
// The daily prune timer (resources/systemd/podbay-prune.service and .timer) as files for
// `podbay-helper setup`: /etc/systemd/system/podbay-prune.{service,timer}, and the
// timers.target.wants symlink that `systemctl enable` would make (systemctl(1): enable
// creates the symlinks the unit's [Install] section names), so it works on a host where
// setup cannot talk to systemd. After a change, systemd needs `systemctl daemon-reload`.

#include "CommandContext.h"
#include "sysfile/FileChange.h"

#include <filesystem>
#include <string>
#include <vector>

namespace podbay::helper::prune {

inline constexpr std::string_view kPruneServicePath = "/etc/systemd/system/podbay-prune.service";
inline constexpr std::string_view kPruneTimerPath = "/etc/systemd/system/podbay-prune.timer";
inline constexpr std::string_view kPruneTimerWantsPath = "/etc/systemd/system/timers.target.wants/podbay-prune.timer";

struct PruneTimerPlan
{
    std::vector<sysfile::FileChange> files;
    bool enabled = false; // the wants symlink exists
    std::vector<std::string> drift() const;
};

PruneTimerPlan planPruneTimer(const CommandContext &ctx);

// Writes the files and makes the symlink. Throws HelperError(E_IO).
void applyPruneTimer(const CommandContext &ctx, const PruneTimerPlan &plan);

} // namespace podbay::helper::prune
