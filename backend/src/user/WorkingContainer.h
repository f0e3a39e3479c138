#pragma once
// A working container: a podman container made from a base image that the user changes
// step by step before committing it. Its history (base image and every step with its exit
// code) lives in ~/.local/share/podbay/containers/NAME.json (XDG base directory spec:
// $XDG_DATA_HOME, default ~/.local/share), so steps survive the connection, and becomes the
// image's labels and a reproducing Containerfile at commit.

#include "workflow/Containerfile.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace podbay::helper::user {

// Labels on working containers and on the images made from them.
inline constexpr std::string_view kWorkingLabel = "podbay.working";
inline constexpr std::string_view kBaseLabel = "podbay.base";
inline constexpr std::string_view kStepsLabel = "podbay.steps";

struct History
{
    std::string base;
    std::string created;
    std::vector<workflow::Step> steps;

    nlohmann::json toJson() const;
    static History fromJson(const nlohmann::json &json);
};

// The directory of history files for the current user.
std::filesystem::path historyDirectory(const std::string &home);
std::filesystem::path historyPath(const std::string &home, const std::string &container);

std::optional<History> loadHistory(const std::string &home, const std::string &container);
// Written atomically (temp file + rename), mode 0600.
void saveHistory(const std::string &home, const std::string &container, const History &history);
void removeHistory(const std::string &home, const std::string &container);

// RFC 3339 UTC time of now, e.g. 2026-11-28T17:40:00Z.
std::string nowRfc3339();

} // namespace podbay::helper::user
