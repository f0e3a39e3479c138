#include "UserMethods.h"

#include "Doctor.h"
#include "HelperError.h"
#include "Params.h"
#include "Podman.h"
#include "Site.h"
#include "WorkingContainer.h"
#include "process/Subprocess.h"
#include "validate/ImageReference.h"
#include "validate/Names.h"
#include "workflow/RunLines.h"

#include <podbay/protocol/Protocol.h>

#include <filesystem>
#include <fstream>

#include <stdlib.h>
#include <unistd.h>

namespace podbay::helper::user {
namespace {

// The commit author: git's user.name when the user set one (what they sign work with),
// else the GECOS full name, else the account name.
std::string authorOf(const rpc::Call &call, const Account &me)
{
    try {
        const auto git = runTool(call, {"git", "config", "--global", "user.name"});
        if (git.succeeded()) {
            std::string name = git.out.substr(0, git.out.find('\n'));
            if (!name.empty())
                return name;
        }
    } catch (const HelperError &) {
        // git is not installed: fall through.
    }
    return me.gecos.empty() ? me.name : me.gecos;
}

// `<registry>/<namespace>/<name>:<tag>`, checked piece by piece.
validate::ImageReference targetReference(const Site &site, const Account &me, const nlohmann::json &params)
{
    if (site.registry.empty())
        throw HelperError(protocol::error::kNotFound, "no site registry is configured on this login node",
                          "the admin sets [registry] address in /etc/podbay/helper.conf");
    const std::string name = requireString(params, "name", 128);
    const std::string tag = optionalString(params, "tag", 128).value_or("latest");
    validate::checkPathComponent(name, "image name");
    validate::checkTag(tag);
    return validate::parseImageReference(site.registry + "/" + namespaceOf(me) + "/" + name + ":" + tag);
}

// ENTRYPOINT and CMD of the base image as --change values (Containerfile JSON form), so
// the image does not inherit the working container's keep-alive `sleep`.
std::vector<std::string> restoreBaseConfig(const rpc::Call &call, const std::string &base)
{
    const std::string text = podmanOrThrow(call, {"image", "inspect", "--format", "json", base}, "inspecting " + base);
    const nlohmann::json inspect = nlohmann::json::parse(text, nullptr, false);
    nlohmann::json config = inspect.is_array() && !inspect.empty() ? inspect[0].value("Config", nlohmann::json::object())
                                                                    : nlohmann::json::object();
    const auto entrypoint = config.value("Entrypoint", nlohmann::json::array());
    const auto cmd = config.value("Cmd", nlohmann::json::array());
    return {"--change", "ENTRYPOINT " + (entrypoint.is_array() ? entrypoint : nlohmann::json::array()).dump(),
            "--change", "CMD " + (cmd.is_array() ? cmd : nlohmann::json::array()).dump()};
}

// Untags `ref` locally. It must run even for a cancelled call, so it runs outside the
// call's stop token; a failure is ignored (the tag may never have been made).
void removeLocalImage(const validate::ImageReference &ref)
{
    process::SubprocessOptions options;
    options.unsetEnvironment = {"XDG_RUNTIME_DIR"};
    process::runSubprocess({"podman", "image", "rm", ref.toString()}, options);
}

// Pushes `ref` and removes the local tag whatever happens, so no partial image is left
// tagged; returns the pushed manifest's digest.
std::string pushAndUntag(const rpc::Call &call, const Site &site, const validate::ImageReference &ref)
{
    char dirTemplate[] = "/tmp/podbay-push-XXXXXX";
    const char *dir = ::mkdtemp(dirTemplate);
    if (!dir)
        throw HelperError(protocol::error::kIo, "cannot create a temporary directory in /tmp");
    const std::filesystem::path digestFile = std::filesystem::path(dir) / "digest";
    std::vector<std::string> push{"push", "--digestfile", digestFile.string()};
    for (auto &arg : tlsArgs(site, ref))
        push.push_back(arg);
    push.push_back(ref.toString());
    ToolOptions options;
    options.timeout = std::chrono::hours(2);
    options.streamLog = true;
    const auto pushed = runPodman(call, push, options);
    std::string digest;
    std::ifstream(digestFile) >> digest;
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    // What the site's upload script did with `podman image rm`: the login node's storage
    // is not where images live.
    removeLocalImage(ref);
    if (!pushed.succeeded())
        throwToolError(pushed, "pushing " + ref.toString());
    return digest;
}

nlohmann::json publishedResult(const Site &site, const validate::ImageReference &ref, const std::string &digest)
{
    return {{"image", ref.toString()}, {"digest", digest}, {"run", runLinesJson(site, ref)}};
}

} // namespace

nlohmann::json imagesPublish(rpc::Call &call)
{
    const Site site = loadSite(call.context());
    const Account me = currentAccount();
    const std::string container = requireString(call.params(), "container", 64);
    validate::checkContainerName(container);
    const std::optional<History> history = loadHistory(me.home, container);
    if (!history)
        throw HelperError(protocol::error::kNotFound, "there is no working container named " + container,
                          "create one from a base image first (containers.create)");
    const validate::ImageReference ref = targetReference(site, me, call.params());

    call.progress(0.05, "committing " + container);
    nlohmann::json steps = history->toJson().at("steps");
    std::vector<std::string> commit{"commit", "--quiet", "--author", authorOf(call, me)};
    for (auto &arg : restoreBaseConfig(call, history->base))
        commit.push_back(arg);
    // podman commit takes a LABEL change verbatim after '=' (no quote processing), and
    // compact JSON holds no newline.
    commit.insert(commit.end(), {"--change", "LABEL " + std::string(kBaseLabel) + "=" + history->base, "--change",
                                 "LABEL " + std::string(kStepsLabel) + "=" + steps.dump(), container, ref.toString()});
    ToolOptions options;
    options.timeout = std::chrono::hours(1);
    const auto committed = runPodman(call, commit, options);
    if (!committed.succeeded()) {
        removeLocalImage(ref);
        throwToolError(committed, "committing " + container);
    }
    call.progress(0.4, "pushing " + ref.toString());
    const std::string digest = pushAndUntag(call, site, ref);
    call.progress(1.0, "pushed " + ref.toString());
    nlohmann::json out = publishedResult(site, ref, digest);
    out["containerfile"] = workflow::containerfile(history->base, history->steps);
    return out;
}

nlohmann::json imagesBuild(rpc::Call &call)
{
    const Site site = loadSite(call.context());
    const Account me = currentAccount();
    const std::string containerfile = requireString(call.params(), "containerfile", 1024 * 1024);
    const validate::ImageReference ref = targetReference(site, me, call.params());
    const bool push = optionalBool(call.params(), "push", true);
    requireSubordinateIds(call, me);

    // The build context is an empty private directory holding only the Containerfile:
    // nothing of the user's home is sent to the build by accident.
    char dirTemplate[] = "/tmp/podbay-build-XXXXXX";
    const char *dir = ::mkdtemp(dirTemplate);
    if (!dir)
        throw HelperError(protocol::error::kIo, "cannot create a temporary directory in /tmp");
    const std::filesystem::path context(dir);
    std::ofstream(context / "Containerfile", std::ios::binary) << containerfile;

    call.progress(-1, "building " + ref.toString());
    std::vector<std::string> build{"build", "--file", (context / "Containerfile").string(), "--tag", ref.toString()};
    // FROM lines naming the site registry need plain http there too.
    if (site.insecure)
        build.push_back("--tls-verify=false");
    build.push_back(context.string());
    ToolOptions options;
    options.timeout = std::chrono::hours(6);
    options.streamLog = true;
    const auto built = runPodman(call, build, options);
    std::error_code ec;
    std::filesystem::remove_all(context, ec);
    if (!built.succeeded()) {
        removeLocalImage(ref);
        throwToolError(built, "building " + ref.toString());
    }
    if (!push)
        return {{"image", ref.toString()}, {"pushed", false}};
    call.progress(0.7, "pushing " + ref.toString());
    nlohmann::json out = publishedResult(site, ref, pushAndUntag(call, site, ref));
    out["pushed"] = true;
    call.progress(1.0, "pushed " + ref.toString());
    return out;
}

} // namespace podbay::helper::user
