#include "NodeFacts.h"

#include "HelperError.h"
#include "process/PodmanVersion.h"
#include "user/Site.h"

#include <cstdlib>
#include <map>
#include <mutex>
#include <unistd.h>

namespace podbay::helper::rpc {
namespace fs = std::filesystem;

std::optional<fs::path> findInPath(std::string_view name)
{
    const char *env = std::getenv("PATH");
    // The default search path of execvp(3) when PATH is unset.
    std::string_view path = env ? env : "/usr/local/bin:/bin:/usr/bin";
    while (!path.empty()) {
        const std::size_t colon = path.find(':');
        const std::string_view dir = path.substr(0, colon);
        path = colon == std::string_view::npos ? std::string_view() : path.substr(colon + 1);
        if (dir.empty() || dir.front() != '/')
            continue; // relative PATH entries would depend on the working directory
        const fs::path candidate = fs::path(dir) / name;
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0)
            return candidate;
    }
    return std::nullopt;
}

namespace {

nlohmann::json tool(std::string_view name)
{
    const auto path = findInPath(name);
    return {{"present", path.has_value()}, {"path", path ? path->string() : std::string()}};
}

int nvidiaDevices(const CommandContext &context)
{
    // /dev/nvidia0, /dev/nvidia1, ...: one per GPU (nvidiactl, nvidia-uvm are not GPUs).
    int count = 0;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(context.systemPath("/dev"), ec)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > 6 && name.starts_with("nvidia")
            && name.find_first_not_of("0123456789", 6) == std::string::npos)
            ++count;
    }
    return count;
}

// `podman version` costs tens of milliseconds and does not change while a server runs:
// asked once per process (and root, for fixture trees), so hello stays cheap.
std::string podmanVersionText(const CommandContext &context)
{
    static std::mutex mutex;
    static std::map<std::string, std::string> known;
    const std::lock_guard lock(mutex);
    const auto [it, inserted] = known.try_emplace(context.root.string());
    if (inserted) {
        const auto version = process::podmanVersion(context);
        it->second = version ? version->text() : std::string();
    }
    return it->second;
}

nlohmann::json podman(const CommandContext &context)
{
    nlohmann::json facts = tool("podman");
    facts["version"] = facts.at("present").get<bool>() ? podmanVersionText(context) : std::string();
    return facts;
}

// The site registry from helper.conf; a broken helper.conf must not keep hello (the first
// call of every session, and how clients learn what is wrong) from answering.
nlohmann::json registry(const CommandContext &context)
{
    try {
        const user::Site site = user::loadSite(context);
        return {{"address", site.registry}, {"insecure", site.insecure}};
    } catch (const HelperError &e) {
        return {{"address", ""}, {"insecure", false}, {"error", e.what()}};
    }
}

} // namespace

nlohmann::json nodeFacts(const CommandContext &context)
{
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    return {
        {"hostname", host},
        {"podman", podman(context)},
        {"registry", registry(context)},
        {"apptainer", tool("apptainer")},
        {"slurm", tool("sbatch")},
        {"gpus", nvidiaDevices(context)},
    };
}

} // namespace podbay::helper::rpc
