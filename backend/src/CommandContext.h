#pragma once
// What every helper command receives: the global options and where to print.

#include <filesystem>
#include <ostream>
#include <span>
#include <string>

namespace podbay::helper {

struct CommandContext
{
    CommandContext(std::ostream &out, std::ostream &err) : out(out), err(err) {}

    // --root DIR: every system path is resolved under it, so admin commands are
    // testable on a fixture tree (architecture.md, "System files the helper owns").
    std::filesystem::path root = "/";
    // --config FILE; empty means <root>/etc/podbay/helper.conf.
    std::filesystem::path configPath;
    bool json = false;
    std::ostream &out;
    std::ostream &err;

    // Resolves an absolute system path (e.g. "/etc/subuid") under `root`.
    std::filesystem::path systemPath(const std::filesystem::path &absolute) const
    {
        return root / absolute.relative_path();
    }
};

using Args = std::span<const std::string>;

} // namespace podbay::helper
