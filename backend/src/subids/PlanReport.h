#pragma once
// How `subids plan` and `subids sync` show a plan: readable text, or with --json one
// document with the same content as data (every change, the diffs, the warnings).

#include "Planner.h"
#include "RangeAnalysis.h"

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace podbay::helper::subids {

struct PlanContext
{
    std::string command;  // "plan" or "sync"
    std::string strategy;
    std::string source;   // "nss" or the passwd file
    bool dryRun = false;
    bool withDiff = false;
    std::string statePath;
    std::vector<std::string> configWarnings; // unknown config keys, skipped accounts
    std::vector<Analysis> analyses;          // of the new subuid and subgid
    // Set by sync after writing.
    bool subuidWritten = false, subgidWritten = false, stateWritten = false;
    std::string stop; // why sync did not write (e.g. too many removals); empty otherwise
};

nlohmann::json planToJson(const Plan &plan, const PlanContext &context);
void printPlanText(std::ostream &out, const Plan &plan, const PlanContext &context);

// Findings as JSON (shared with `check`).
nlohmann::json findingsToJson(const std::vector<Analysis> &analyses);
void printFindingsText(std::ostream &out, const std::vector<Analysis> &analyses);

} // namespace podbay::helper::subids
