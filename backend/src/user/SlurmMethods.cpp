#include "UserMethods.h"

#include "HelperError.h"
#include "Params.h"
#include "Podman.h"
#include "Site.h"
#include "WorkingContainer.h"
#include "sysfile/AtomicFile.h"
#include "workflow/SlurmScript.h"

#include <podbay/protocol/Protocol.h>

#include <charconv>
#include <filesystem>
#include <fstream>

namespace podbay::helper::user {
namespace {

std::vector<std::string> slurmEnvironment(const Site &site)
{
    if (site.slurmConf.empty())
        return {};
    return {"SLURM_CONF=" + site.slurmConf};
}

std::filesystem::path jobsDirectory(const Account &me)
{
    return historyDirectory(me.home).parent_path() / "jobs";
}

std::string jobIdParam(const rpc::Call &call)
{
    // Slurm job ids are decimal; array and het jobs have "_N" / "+N" parts we do not make.
    const auto id = boundedInteger(call.params(), "jobId", 1, 4'000'000'000LL, 0);
    if (id == 0)
        throw HelperError(protocol::error::kBadInput, "parameter \"jobId\" is required");
    return std::to_string(id);
}

workflow::JobSpec jobFrom(const rpc::Call &call, const Site &site, const Account &me)
{
    const nlohmann::json &p = call.params();
    workflow::JobSpec spec;
    spec.name = optionalString(p, "name", 64).value_or("podbay");
    spec.partition = optionalString(p, "partition", 64).value_or("");
    spec.timeLimit = optionalString(p, "time", 32).value_or("01:00:00");
    spec.cpus = static_cast<int>(boundedInteger(p, "cpus", 1, 4096, 1));
    spec.memory = optionalString(p, "memory", 16).value_or("");
    spec.gpus = static_cast<int>(boundedInteger(p, "gpus", 0, 64, 0));
    const std::string runtime = optionalString(p, "runtime", 16).value_or("podman");
    if (runtime == "podman") {
        spec.runtime = workflow::JobSpec::Runtime::Podman;
        const validate::ImageReference image = resolveImage(site, requireString(p, "image", 512));
        spec.image = image.toString();
        spec.tlsVerify = tlsArgs(site, image).empty();
    } else if (runtime == "apptainer") {
        spec.runtime = workflow::JobSpec::Runtime::Apptainer;
        spec.image = requireString(p, "image", 4096);
    } else {
        throw HelperError(protocol::error::kBadInput, "parameter \"runtime\" must be podman or apptainer");
    }
    spec.command = requireString(p, "command", 64 * 1024);
    spec.output = (jobsDirectory(me) / "slurm-%j.out").string();
    workflow::checkJob(spec);
    return spec;
}

// `scontrol show job -o ID` prints Key=Value pairs on one line (scontrol(1)).
std::string field(const std::string &line, const std::string &key)
{
    const std::string needle = " " + key + "=";
    auto at = (" " + line).find(needle);
    if (at == std::string::npos)
        return {};
    at += needle.size() - 1; // back in `line` coordinates
    const auto end = line.find(' ', at);
    return line.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

} // namespace

nlohmann::json slurmScript(rpc::Call &call)
{
    const Site site = loadSite(call.context());
    const Account me = currentAccount();
    return {{"script", workflow::renderBatchScript(jobFrom(call, site, me))}};
}

nlohmann::json slurmSubmit(rpc::Call &call)
{
    const Site site = loadSite(call.context());
    const Account me = currentAccount();
    const workflow::JobSpec spec = jobFrom(call, site, me);
    const std::string script = workflow::renderBatchScript(spec);
    std::error_code ec;
    std::filesystem::create_directories(jobsDirectory(me), ec);
    // Kept next to the output, so the user can see (and resubmit) exactly what ran.
    const std::filesystem::path file = jobsDirectory(me) / (spec.name + "-" + nowRfc3339() + ".sh");
    sysfile::WriteOptions options;
    options.keepBackup = false;
    options.newFileMode = 0700;
    sysfile::writeFileAtomically(file, script, options);

    ToolOptions tool;
    tool.extraEnvironment = slurmEnvironment(site);
    // sbatch exports the caller's environment into the job (sbatch(1) --export=ALL);
    // the script itself unsets XDG_RUNTIME_DIR for podman.
    const auto result = runTool(call, {"sbatch", "--parsable", file.string()}, tool);
    if (!result.succeeded())
        throwToolError(result, "sbatch");
    // --parsable: "jobid[;cluster]".
    const std::string id = result.out.substr(0, result.out.find_first_of(";\n"));
    std::int64_t jobId = 0;
    std::from_chars(id.data(), id.data() + id.size(), jobId);
    return {{"jobId", jobId}, {"script", script}, {"scriptPath", file.string()},
            {"output", (jobsDirectory(me) / ("slurm-" + id + ".out")).string()}};
}

nlohmann::json slurmJobs(rpc::Call &call)
{
    const Site site = loadSite(call.context());
    const Account me = currentAccount();
    ToolOptions tool;
    tool.extraEnvironment = slurmEnvironment(site);
    // squeue(1) --format: %i id, %j name, %T state, %M time used, %l limit, %P partition,
    // %R reason or nodes. '|' cannot occur in these fields except the name, which is last
    // in our split.
    const auto result =
        runTool(call, {"squeue", "--noheader", "--user", me.name, "--format", "%i|%T|%M|%l|%P|%R|%j"}, tool);
    if (!result.succeeded())
        throwToolError(result, "squeue");
    nlohmann::json jobs = nlohmann::json::array();
    std::size_t at = 0;
    while (at < result.out.size()) {
        const auto nl = result.out.find('\n', at);
        const std::string line = result.out.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
        at = nl == std::string::npos ? result.out.size() : nl + 1;
        std::vector<std::string> parts;
        std::size_t from = 0;
        for (int i = 0; i < 6; ++i) {
            const auto bar = line.find('|', from);
            if (bar == std::string::npos)
                break;
            parts.push_back(line.substr(from, bar - from));
            from = bar + 1;
        }
        if (parts.size() != 6)
            continue;
        jobs.push_back({{"jobId", std::stoll(parts[0])}, {"state", parts[1]}, {"time", parts[2]},
                        {"timeLimit", parts[3]}, {"partition", parts[4]}, {"reason", parts[5]},
                        {"name", line.substr(from)}});
    }
    return {{"jobs", jobs}};
}

nlohmann::json slurmOutput(rpc::Call &call)
{
    const Site site = loadSite(call.context());
    const Account me = currentAccount();
    const std::string id = jobIdParam(call);
    const auto offset = boundedInteger(call.params(), "offset", 0, std::int64_t(1) << 40, 0);
    ToolOptions tool;
    tool.extraEnvironment = slurmEnvironment(site);
    std::string state = "UNKNOWN";
    std::filesystem::path path = jobsDirectory(me) / ("slurm-" + id + ".out");
    const auto show = runTool(call, {"scontrol", "show", "job", "--oneliner", id}, tool);
    if (show.succeeded()) {
        if (field(show.out, "UserId").rfind(me.name + "(", 0) != 0)
            throw HelperError(protocol::error::kForbidden, "job " + id + " is not yours");
        state = field(show.out, "JobState");
        if (const std::string out = field(show.out, "StdOut"); !out.empty())
            path = out;
    }
    // The helper runs as the user: the file system decides what they may read.
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw HelperError(protocol::error::kNotFound, "job " + id + " has no output file (yet)",
                          "a job writes its output once it starts running");
    in.seekg(0, std::ios::end);
    const std::int64_t size = in.tellg();
    const std::int64_t from = std::min<std::int64_t>(offset, size);
    const std::int64_t count = std::min<std::int64_t>(size - from, 1024 * 1024);
    std::string text(static_cast<std::size_t>(count), '\0');
    in.seekg(from);
    in.read(text.data(), count);
    return {{"jobId", std::stoll(id)}, {"state", state}, {"path", path.string()}, {"offset", from},
            {"nextOffset", from + count}, {"size", size}, {"text", text}};
}

nlohmann::json slurmCancel(rpc::Call &call)
{
    const Site site = loadSite(call.context());
    const std::string id = jobIdParam(call);
    ToolOptions tool;
    tool.extraEnvironment = slurmEnvironment(site);
    // scancel(1) refuses other users' jobs itself ("Access/permission denied").
    const auto result = runTool(call, {"scancel", id}, tool);
    if (!result.succeeded())
        throwToolError(result, "scancel " + id);
    return {{"jobId", std::stoll(id)}, {"cancelled", true}};
}

} // namespace podbay::helper::user
