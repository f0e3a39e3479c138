#include "UserMethods.h"

#include "HelperError.h"
#include "Params.h"
#include "Podman.h"
#include "Site.h"
#include "rpc/NodeFacts.h"
#include "workflow/RunLines.h"
#include "workflow/ShellWords.h"

#include <podbay/protocol/Protocol.h>

#include <filesystem>

#include <unistd.h>

namespace podbay::helper::user {
namespace {

std::vector<std::string> commandArgv(const nlohmann::json &params)
{
    std::vector<std::string> argv;
    if (!params.contains("command") || params.at("command").is_null())
        return argv;
    const auto &command = params.at("command");
    if (!command.is_array() || command.size() > 256)
        throw HelperError(protocol::error::kBadInput, "parameter \"command\" must be an array of at most 256 strings",
                          R"(example: "command": ["python3", "train.py", "--epochs", "3"])");
    for (const auto &word : command) {
        if (!word.is_string() || word.get<std::string>().size() > 64 * 1024)
            throw HelperError(protocol::error::kBadInput, "parameter \"command\" must hold only strings");
        argv.push_back(word.get<std::string>());
    }
    return argv;
}

// A directory the user names for a download: absolute, existing, canonical, writable by
// the user (the helper runs as the user, so access(2) answers for them).
std::filesystem::path userDirectory(const std::string &text)
{
    const std::filesystem::path path(text);
    if (!path.is_absolute())
        throw HelperError(protocol::error::kBadInput, "the directory must be an absolute path", "example: /home/you/sif");
    std::error_code ec;
    const std::filesystem::path canonical = std::filesystem::canonical(path, ec);
    if (ec || !std::filesystem::is_directory(canonical))
        throw HelperError(protocol::error::kNotFound, text + " is not an existing directory");
    if (::access(canonical.c_str(), W_OK) != 0)
        throw HelperError(protocol::error::kForbidden, "you cannot write to " + canonical.string());
    return canonical;
}

} // namespace

nlohmann::json runPodman(rpc::Call &call)
{
    const Site site = loadSite(call.context());
    const Account me = currentAccount();
    const validate::ImageReference image = resolveImage(site, requireString(call.params(), "image", 512));
    const bool gpu = optionalBool(call.params(), "gpu", false);
    const auto seconds = boundedInteger(call.params(), "timeoutSeconds", 1, 24 * 3600, 3600);

    // $HOME bound at the same path with the user's own uid inside (--userns=keep-id), as
    // Apptainer does, so results land in the home directory owned by the user.
    std::vector<std::string> args{"run", "--rm", "--userns=keep-id", "--volume", me.home + ":" + me.home,
                                  "--workdir", me.home, "--env", "HOME=" + me.home};
    for (auto &a : tlsArgs(site, image))
        args.push_back(a);
    if (gpu) {
        if (rpc::nodeFacts(call.context()).value("gpus", 0) == 0)
            throw HelperError(protocol::error::kNotFound, "this login node has no NVIDIA GPU",
                              "run without GPU here, or submit a Slurm job with GPUs");
        args.insert(args.end(), {"--device", "nvidia.com/gpu=all"}); // CDI (podman-run(1) --device)
    }
    args.push_back(image.toString());
    for (auto &word : commandArgv(call.params()))
        args.push_back(word);
    ToolOptions options;
    options.timeout = std::chrono::seconds(seconds);
    options.streamLog = true;
    const auto result = user::runPodman(call, args, options);
    if (result.cancelled)
        throw HelperError(protocol::error::kCancelled, "the run was cancelled");
    // 125: podman itself failed; 126/127: the command could not be run (podman-run(1)).
    if (result.exitCode && *result.exitCode >= 125 && *result.exitCode <= 127)
        throwToolError(result, "running " + image.toString());
    return {{"image", image.toString()},
            {"exitCode", result.exitCode.value_or(128 + result.signal.value_or(0))},
            {"output", result.out},
            {"truncated", result.truncated}};
}

nlohmann::json runApptainerPull(rpc::Call &call)
{
    const Site site = loadSite(call.context());
    const validate::ImageReference image = resolveImage(site, requireString(call.params(), "image", 512));
    const std::filesystem::path directory = userDirectory(requireString(call.params(), "directory", 4096));
    const bool insecure = site.insecure && image.domain == site.registry;
    const std::string sif = (directory / workflow::sifName(image)).string();
    const std::vector<std::string> argv = workflow::apptainerPullArgv(image, insecure, sif);
    const workflow::RunLines lines = workflow::runLines(image, insecure);
    nlohmann::json out{{"image", image.toString()},
                       {"sif", sif},
                       {"argv", argv},
                       {"exec", "apptainer exec " + workflow::shellQuote(sif) + " COMMAND"}};
    if (optionalBool(call.params(), "dryRun", false)) {
        out["ran"] = false;
        return out;
    }
    if (!rpc::findInPath("apptainer"))
        throw HelperError(protocol::error::kNotFound, "Apptainer is not installed on this login node",
                          "run it where Apptainer is installed: " + lines.apptainerPull);
    ToolOptions options;
    options.timeout = std::chrono::hours(2);
    options.streamLog = true;
    call.progress(-1, "pulling " + image.toString() + " into " + sif);
    const auto result = runTool(call, argv, options);
    if (!result.succeeded())
        throwToolError(result, "apptainer pull");
    out["ran"] = true;
    return out;
}

} // namespace podbay::helper::user
