#include "ToolkitPackages.h"

#include "config/TextLines.h"
#include "sysfile/AtomicFile.h"

#include <map>

namespace podbay::helper::nvidia {
namespace {

constexpr std::string_view kRepo = "https://nvidia.github.io/libnvidia-container";

// os-release(5): shell-like KEY=value lines, values optionally in single or double quotes.
std::map<std::string, std::string> parseOsRelease(std::string_view text)
{
    std::map<std::string, std::string> values;
    config::forEachLine(text, [&](std::string_view line, int) {
        const std::size_t eq = line.find('=');
        if (line.empty() || line.front() == '#' || eq == std::string_view::npos)
            return;
        std::string_view value = line.substr(eq + 1);
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
            value = value.substr(1, value.size() - 2);
        values.emplace(std::string(line.substr(0, eq)), std::string(value));
    });
    return values;
}

bool mentions(const std::string &words, std::initializer_list<std::string_view> names)
{
    for (std::size_t pos = 0; pos < words.size();) {
        const std::size_t end = std::min(words.find(' ', pos), words.size());
        const std::string_view word = std::string_view(words).substr(pos, end - pos);
        for (const std::string_view name : names)
            if (word == name)
                return true;
        pos = end + 1;
    }
    return false;
}

} // namespace

nlohmann::json ToolkitPackages::toJson() const
{
    return {{"distribution", distribution}, {"manager", manager}, {"commands", commands}, {"installed", installed}};
}

ToolkitPackages toolkitPackages(const CommandContext &ctx, bool installed)
{
    auto text = sysfile::readFileIfExists(ctx.systemPath("/etc/os-release"));
    if (!text)
        text = sysfile::readFileIfExists(ctx.systemPath("/usr/lib/os-release"));
    const auto values = parseOsRelease(text.value_or(""));
    const auto get = [&](const std::string &key) {
        const auto it = values.find(key);
        return it == values.end() ? std::string() : it->second;
    };
    ToolkitPackages plan;
    plan.installed = installed;
    plan.distribution = get("PRETTY_NAME").empty() ? get("ID") : get("PRETTY_NAME");
    const std::string family = get("ID") + " " + get("ID_LIKE");
    const std::string repo(kRepo);
    if (mentions(family, {"debian", "ubuntu"})) {
        plan.manager = "apt";
        plan.commands = {
            "curl -fsSL " + repo + "/gpgkey | gpg --dearmor -o /usr/share/keyrings/nvidia-container-toolkit-keyring.gpg",
            "curl -fsSL " + repo + "/stable/deb/nvidia-container-toolkit.list | sed 's#deb https://#deb "
            "[signed-by=/usr/share/keyrings/nvidia-container-toolkit-keyring.gpg] https://#g' > "
            "/etc/apt/sources.list.d/nvidia-container-toolkit.list",
            "apt-get update",
            "apt-get install -y nvidia-container-toolkit"};
    } else if (mentions(family, {"rhel", "fedora", "centos", "rocky", "almalinux", "ol"})) {
        plan.manager = "dnf";
        plan.commands = {"curl -fsSL " + repo + "/stable/rpm/nvidia-container-toolkit.repo -o "
                         "/etc/yum.repos.d/nvidia-container-toolkit.repo",
                         "dnf install -y nvidia-container-toolkit"};
    } else if (mentions(family, {"sles", "suse", "opensuse", "opensuse-leap"})) {
        plan.manager = "zypper";
        plan.commands = {"zypper addrepo " + repo + "/stable/rpm/nvidia-container-toolkit.repo",
                         "zypper --gpg-auto-import-keys install -y nvidia-container-toolkit"};
    }
    if (!plan.manager.empty())
        plan.commands.push_back("podbay-helper nvidia setup   # then writes the CDI spec with nvidia-ctk");
    return plan;
}

} // namespace podbay::helper::nvidia
