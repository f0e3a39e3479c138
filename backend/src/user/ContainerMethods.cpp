#include "UserMethods.h"

#include "Doctor.h"
#include "HelperError.h"
#include "Params.h"
#include "Podman.h"
#include "Site.h"
#include "WorkingContainer.h"
#include "validate/ImageReference.h"
#include "validate/Names.h"

#include <podbay/protocol/Protocol.h>

namespace podbay::helper::user {
namespace {

// A long-lived no-op process as the working container's PID 1, so steps can `podman
// exec` into it; 2^31-1 s because busybox sleep has no "infinity". The base image's own
// ENTRYPOINT/CMD are restored at commit.
constexpr std::string_view kKeepAlive = "2147483647";

nlohmann::json parseJsonOutput(const std::string &text, std::string_view what)
{
    nlohmann::json json = nlohmann::json::parse(text.empty() ? "[]" : text, nullptr, false);
    if (json.is_discarded() || !json.is_array())
        throw HelperError(protocol::error::kInternal, std::string(what) + " printed something that is not JSON");
    return json;
}

// The name of a working container of this user, with its history; E_NOT_FOUND otherwise.
std::pair<std::string, History> workingContainer(const rpc::Call &call, const Account &me)
{
    const std::string name = requireString(call.params(), "container", 64);
    validate::checkContainerName(name);
    std::optional<History> history = loadHistory(me.home, name);
    if (!history)
        throw HelperError(protocol::error::kNotFound, "there is no working container named " + name,
                          "create one from a base image first (containers.create)");
    return {name, std::move(*history)};
}

} // namespace

validate::ImageReference resolveImage(const Site &site, const std::string &text)
{
    validate::ImageReference image = validate::parseImageReference(text);
    // A name without a registry means the site registry: podman's short-name resolution
    // would otherwise ask on a terminal we do not have, or search registries the site
    // never chose (containers-registries.conf(5), "short-name-mode").
    if (image.domain.empty() && !site.registry.empty())
        image = validate::parseImageReference(site.registry + "/" + text);
    return image;
}

std::vector<std::string> tlsArgs(const Site &site, const validate::ImageReference &image)
{
    if (site.insecure && image.domain == site.registry)
        return {"--tls-verify=false"};
    return {};
}

nlohmann::json imagesList(rpc::Call &call)
{
    const nlohmann::json images = parseJsonOutput(podmanOrThrow(call, {"images", "--format", "json"}, "listing images"),
                                                  "podman images");
    nlohmann::json out = nlohmann::json::array();
    for (const auto &image : images) {
        nlohmann::json labels = image.value("Labels", nlohmann::json::object());
        out.push_back({{"id", image.value("Id", "")},
                       {"names", image.value("Names", nlohmann::json::array())},
                       {"created", image.value("Created", 0)},
                       {"size", image.value("Size", 0)},
                       {"base", labels.is_object() ? labels.value(std::string(kBaseLabel), "") : ""}});
    }
    return {{"images", out}};
}

nlohmann::json containersList(rpc::Call &call)
{
    const Account me = currentAccount();
    const nlohmann::json list = parseJsonOutput(
        podmanOrThrow(call, {"ps", "--all", "--format", "json"}, "listing containers"), "podman ps");
    nlohmann::json out = nlohmann::json::array();
    for (const auto &c : list) {
        const auto names = c.value("Names", nlohmann::json::array());
        const std::string name = names.empty() ? "" : names.front().get<std::string>();
        const auto labels = c.value("Labels", nlohmann::json::object());
        const bool working = labels.is_object() && labels.contains(std::string(kWorkingLabel));
        nlohmann::json entry{{"name", name},
                             {"id", c.value("Id", "")},
                             {"image", c.value("Image", "")},
                             {"state", c.value("State", "")},
                             {"working", working}};
        if (working) {
            try {
                validate::checkContainerName(name);
                if (auto history = loadHistory(me.home, name))
                    entry["steps"] = history->steps.size();
            } catch (const HelperError &) {
                // A container someone else named: listed, never touched.
            }
        }
        out.push_back(entry);
    }
    return {{"containers", out}};
}

nlohmann::json containersCreate(rpc::Call &call)
{
    const Site site = loadSite(call.context());
    const Account me = currentAccount();
    const validate::ImageReference image = resolveImage(site, requireString(call.params(), "image", 512));
    const std::string name = requireString(call.params(), "name", 64);
    validate::checkContainerName(name);
    if (loadHistory(me.home, name))
        throw HelperError(protocol::error::kBadInput, "a working container named " + name + " exists already",
                          "pick another name, or remove the old one");
    requireSubordinateIds(call, me);

    call.progress(0.05, "pulling " + image.toString());
    std::vector<std::string> pull{"pull"};
    for (auto &arg : tlsArgs(site, image))
        pull.push_back(arg);
    pull.push_back(image.toString());
    ToolOptions longRun;
    longRun.timeout = std::chrono::minutes(30);
    longRun.streamLog = true;
    podmanOrThrow(call, pull, "pulling " + image.toString(), longRun);

    call.progress(0.8, "creating " + name);
    const std::string ref = image.toString();
    const std::string id =
        podmanOrThrow(call,
                      {"create", "--name", name, "--label", std::string(kWorkingLabel) + "=1", "--label",
                       std::string(kBaseLabel) + "=" + ref, "--entrypoint", "sleep", ref, std::string(kKeepAlive)},
                      "creating container " + name);
    History history{ref, nowRfc3339(), {}};
    saveHistory(me.home, name, history);
    const auto started = runPodman(call, {"start", name});
    if (!started.succeeded()) {
        // Nothing half-made is left behind.
        runPodman(call, {"rm", "--force", "--time", "0", name});
        removeHistory(me.home, name);
        throwToolError(started, "starting container " + name);
    }
    call.progress(1.0, "ready");
    std::string trimmed = id.substr(0, id.find('\n'));
    return {{"container", name}, {"id", trimmed}, {"image", ref}};
}

nlohmann::json containersRemove(rpc::Call &call)
{
    const Account me = currentAccount();
    auto [name, history] = workingContainer(call, me);
    const auto result = runPodman(call, {"rm", "--force", "--time", "0", name});
    if (!result.succeeded() && classifyToolError(result.err) != protocol::error::kNotFound)
        throwToolError(result, "removing " + name);
    removeHistory(me.home, name);
    return {{"container", name}, {"removed", true}};
}

nlohmann::json containersHistory(rpc::Call &call)
{
    const Account me = currentAccount();
    auto [name, history] = workingContainer(call, me);
    nlohmann::json out = history.toJson();
    out["container"] = name;
    return out;
}

nlohmann::json containersContainerfile(rpc::Call &call)
{
    const Account me = currentAccount();
    auto [name, history] = workingContainer(call, me);
    return {{"container", name}, {"containerfile", workflow::containerfile(history.base, history.steps)}};
}

nlohmann::json stepsRun(rpc::Call &call)
{
    const Account me = currentAccount();
    auto [name, history] = workingContainer(call, me);
    const std::string command = requireString(call.params(), "command", 64 * 1024);
    const auto seconds = boundedInteger(call.params(), "timeoutSeconds", 1, 24 * 3600, 6 * 3600);

    // Idempotent: a container stopped by a reboot of the login node starts again.
    const auto started = runPodman(call, {"start", name});
    if (!started.succeeded())
        throwToolError(started, "starting container " + name);

    workflow::Step step{command, 0, nowRfc3339()};
    ToolOptions options;
    options.timeout = std::chrono::seconds(seconds);
    options.streamLog = true;
    // The one place user text reaches a shell: the user's own container, as the user
    // (architecture.md, "Input rules").
    const auto result = runPodman(call, {"exec", name, "/bin/sh", "-c", command}, options);
    if (result.cancelled)
        step.exitCode = 130; // as a shell reports an interrupted command
    else if (result.timedOut)
        step.exitCode = 124; // as timeout(1) does
    else if (result.exitCode)
        step.exitCode = *result.exitCode;
    else
        step.exitCode = 128 + result.signal.value_or(0);
    // podman exec's own failures (no such container, OCI runtime errors) are 125-127
    // with "Error:" on stderr (podman-exec(1), "Exit Status"); those are not steps.
    if (step.exitCode >= 125 && step.exitCode <= 127 && result.err.starts_with("Error:"))
        throwToolError(result, "running the step in " + name);
    history.steps.push_back(step);
    saveHistory(me.home, name, history);
    if (result.cancelled)
        throw HelperError(protocol::error::kCancelled, "the step was cancelled",
                          "it is kept in the history with exit code 130; anything it changed stays in the container");
    return {{"container", name},
            {"step", history.steps.size()},
            {"exitCode", step.exitCode},
            {"output", result.out},
            {"truncated", result.truncated}};
}

} // namespace podbay::helper::user
