#include "DockerAlias.h"

#include "sysfile/AtomicFile.h"

#include <array>

#include <sys/stat.h>

namespace podbay::helper::dockeralias {
namespace {

constexpr std::string_view kMarker = "# Managed by podbay-helper docker-alias";

// The directories of a default login PATH (Debian's /etc/profile, EL's pathmunge), where a
// real docker would be found.
constexpr std::array<std::string_view, 6> kPathDirs{"/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
                                                    "/usr/bin",        "/sbin",          "/bin"};

FileState stateOf(const std::optional<std::string> &content, std::string_view path)
{
    if (!content)
        return FileState::Absent;
    if (*content == managedContent(path))
        return FileState::Managed;
    if (content->starts_with(kMarker))
        return FileState::Modified;
    return FileState::Foreign;
}

} // namespace

std::string_view stateName(FileState state)
{
    switch (state) {
    case FileState::Absent:
        return "absent";
    case FileState::Managed:
        return "managed";
    case FileState::Modified:
        return "modified";
    case FileState::Foreign:
        return "foreign";
    }
    return "unknown";
}

std::string managedContent(std::string_view path)
{
    if (path == kNodocker)
        return std::string(kMarker) + ": while this file exists, podman-docker's `docker` wrapper\n"
               "# does not print \"Emulate Docker CLI using podman\". `podbay-helper docker-alias disable`\n"
               "# removes it unless it was changed.\n";
    return std::string(kMarker) + ": `podbay-helper docker-alias disable` removes this file\n"
           "# unless it was changed. Lets `docker` run rootless Podman, but only where no real docker is\n"
           "# installed: the check runs at every login, so a docker installed later takes over by itself.\n"
           "if ! command -v docker >/dev/null 2>&1; then\n"
           "    alias docker=podman\n"
           "fi\n";
}

bool AliasPlan::changes() const
{
    for (const auto &file : files)
        if (file.changes())
            return true;
    return false;
}

nlohmann::json AliasPlan::toJson() const
{
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t i = 0; i < files.size(); ++i) {
        nlohmann::json entry = files[i].toJson();
        entry["state"] = stateName(states[i]);
        list.push_back(std::move(entry));
    }
    return {{"files", list}, {"changed", changes()}, {"warnings", warnings}};
}

AliasPlan planAlias(const CommandContext &ctx, bool enable)
{
    AliasPlan plan;
    for (const std::string_view path : {kProfileScript, kNodocker}) {
        sysfile::FileChange change = sysfile::readForChange(ctx, path);
        const FileState state = stateOf(change.before, path);
        change.options.newFileMode = 0644;
        change.options.keepBackup = false; // only the helper's own content is ever replaced or removed
        if (enable && state == FileState::Absent)
            change.after = managedContent(path);
        else if (!enable && state == FileState::Managed)
            change.after.reset();
        if (state == FileState::Modified)
            plan.warnings.push_back(std::string(path) + " was changed after podbay-helper wrote it; left as is"
                                    + (enable ? " (remove it and run `docker-alias enable` again for the helper's version)"
                                              : " (remove it by hand if it should go)"));
        else if (state == FileState::Foreign && (!enable || path == kProfileScript))
            plan.warnings.push_back(std::string(path) + " was not written by podbay-helper; left as is");
        plan.files.push_back(std::move(change));
        plan.states.push_back(state);
    }
    return plan;
}

bool AliasStatus::enabled() const
{
    return (profile == FileState::Managed || profile == FileState::Modified) && nodocker != FileState::Absent;
}

bool AliasStatus::aliasAtLogin() const
{
    return (profile == FileState::Managed || profile == FileState::Modified) && !docker;
}

nlohmann::json AliasStatus::toJson() const
{
    return {{"enabled", enabled()},
            {"aliasAtLogin", aliasAtLogin()},
            {"files",
             {{{"path", kProfileScript}, {"state", stateName(profile)}},
              {{"path", kNodocker}, {"state", stateName(nodocker)}}}},
            {"docker",
             docker ? nlohmann::json{{"path", *docker}, {"podmanWrapper", dockerIsPodmanWrapper}} : nlohmann::json()}};
}

std::string AliasStatus::text() const
{
    std::string out = std::string("docker alias: ") + (enabled() ? "enabled" : "disabled") + "\n";
    out += "  " + std::string(kProfileScript) + ": " + std::string(stateName(profile)) + "\n";
    out += "  " + std::string(kNodocker) + ": " + std::string(stateName(nodocker)) + "\n";
    if (!docker)
        out += "  docker program: none";
    else
        out += "  docker program: " + *docker + (dockerIsPodmanWrapper ? " (podman-docker's wrapper)" : " (a real docker)");
    out += aliasAtLogin() ? "; login shells get alias docker=podman\n" : "; login shells get no alias\n";
    return out;
}

AliasStatus aliasStatus(const CommandContext &ctx)
{
    AliasStatus status;
    status.profile = stateOf(sysfile::readFileIfExists(ctx.systemPath(kProfileScript)), kProfileScript);
    status.nodocker = stateOf(sysfile::readFileIfExists(ctx.systemPath(kNodocker)), kNodocker);
    for (const std::string_view dir : kPathDirs) {
        const std::string program = std::string(dir) + "/docker";
        struct stat st{};
        if (::stat(ctx.systemPath(program).c_str(), &st) != 0 || !S_ISREG(st.st_mode) || !(st.st_mode & 0111))
            continue;
        status.docker = program;
        // podman-docker's /usr/bin/docker is a small shell script that execs podman.
        if (st.st_size < 4096) {
            const auto text = sysfile::readFileIfExists(ctx.systemPath(program));
            status.dockerIsPodmanWrapper = text && text->starts_with("#!") && text->find("podman") != std::string::npos;
        }
        break;
    }
    return status;
}

} // namespace podbay::helper::dockeralias
