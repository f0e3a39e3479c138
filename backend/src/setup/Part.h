#pragma once
// One part of `podbay-helper setup` / `status`: something /etc/podbay/helper.conf can ask
// for (subids, storage, docker alias, ldap order, registry, ...). A part plans what it would
// change without writing anything; setup applies the plans, status shows them as drift.
// A new part is a function returning a Part, added to the list in Parts.cpp with one line.

#include "CommandContext.h"
#include "config/IniFile.h"
#include "sysfile/FileChange.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::setup {

// A change that is not a whole-file replacement: a directory, a chmod, an account.
struct Action
{
    std::string description; // "create /scratch/containers (mode 1777)": shown and audited
    std::function<void()> run;
};

struct PartPlan
{
    std::vector<Action> actions;            // run first: what the files refer to must exist
    std::vector<sysfile::FileChange> files; // then these, through sysfile::applyAll
    std::vector<std::string> notes;         // facts and warnings for the admin
    std::string blocked;                    // non-empty: the part must not be applied, and why
    // When set, replaces the default apply (actions, then files), e.g. for a part that takes
    // locks; `actions` and `files` then only describe what it does.
    std::function<void()> apply;

    bool changes() const;
};

struct Part
{
    std::string_view name; // "storage"
    // What helper.conf asks of this part ("rootless storage under /scratch"); empty when
    // helper.conf does not configure it, so setup skips it.
    std::function<std::string(const config::IniFile &)> configured;
    // Throws HelperError when the part cannot be planned (bad setting, unreadable file).
    std::function<PartPlan(const CommandContext &, const config::IniFile &)> plan;
};

// Applies a plan (its own `apply`, or the actions then the files), one audit line per
// action and file, tagged `command`.
void applyPlan(const PartPlan &plan, std::string_view command);

} // namespace podbay::helper::setup
