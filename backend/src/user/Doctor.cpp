#include "Doctor.h"

#include "HelperError.h"
#include "Params.h"
#include "Podman.h"
#include "config/HelperConf.h"
#include "process/SelfCommand.h"
#include "rpc/NodeFacts.h"
#include "subids/Checker.h"
#include "subids/SubidsSettings.h"
#include "sysfile/Audit.h"

#include <podbay/protocol/Protocol.h>

#include <filesystem>
#include <fstream>

#include <sys/statfs.h>
#include <unistd.h>

namespace podbay::helper::user {
namespace {

namespace fs = std::filesystem;

DoctorCheck ok(std::string id, std::string title, std::string detail)
{
    return {std::move(id), std::move(title), "ok", std::move(detail), {}, {}};
}

DoctorCheck problem(std::string id, std::string title, std::string status, std::string detail, std::string remedy,
                    std::string fix = {})
{
    return {std::move(id), std::move(title), std::move(status), std::move(detail), std::move(remedy), std::move(fix)};
}

// statfs(2) f_type of network and cluster filesystems (linux/magic.h; Lustre, GPFS and
// BeeGFS from their sources): no user xattrs for overlay before Linux 5.9, and slow.
std::string networkFsName(long type)
{
    switch (static_cast<unsigned long>(type)) {
    case 0x6969: return "NFS";
    case 0x0BD00BD0: return "Lustre";
    case 0x47504653: return "GPFS";
    case 0x19830326: return "BeeGFS";
    case 0x00C36400: return "CephFS";
    case 0xFF534D42: return "CIFS";
    case 0xFE534D42: return "SMB2";
    case 0x01021997: return "9p";
    default: return {};
    }
}

// Runs podman for the target: directly when we are the target, through runuser(1) with
// the target's HOME when we are root (helpdesk). argv only.
process::SubprocessResult podmanFor(const rpc::Call &call, const Account &target, bool asRoot,
                                    std::vector<std::string> args)
{
    if (!asRoot)
        return user::runPodman(call, std::move(args));
    std::vector<std::string> argv{"runuser", "-u", target.name, "--", "env", "-u", "XDG_RUNTIME_DIR",
                                  "HOME=" + target.home, "USER=" + target.name, "LOGNAME=" + target.name, "podman"};
    argv.insert(argv.end(), args.begin(), args.end());
    process::SubprocessOptions options;
    options.stop = call.stopToken();
    options.timeout = std::chrono::seconds(60);
    options.workingDirectory = fs::is_directory(target.home) ? target.home : "/";
    return process::runSubprocess(argv, options);
}

void accountChecks(const Account &target, std::vector<DoctorCheck> &checks)
{
    std::error_code ec;
    if (!fs::is_directory(target.home, ec)) {
        checks.push_back(problem("home", "Home directory", "fail", target.home + " does not exist",
                                 "the account was created without a home; ask the helpdesk"));
        return;
    }
    struct statfs st{};
    std::string type = "local";
    if (::statfs(target.home.c_str(), &st) == 0 && !networkFsName(st.f_type).empty())
        type = networkFsName(st.f_type);
    checks.push_back(ok("home", "Home directory", target.home + " (" + type + ")"));
}

void subidChecks(const rpc::Call &call, const Account &target, std::vector<DoctorCheck> &checks)
{
    const subids::SubidsSettings settings = subids::resolveSettings(call.context(), {});
    const subids::CheckReport report = subids::runCheck(call.context(), settings, target.name);
    const nlohmann::json &user = report.document.at("user");
    for (const std::string file : {"subuid", "subgid"}) {
        const auto size = user.at(file).value("size", std::uint64_t(0));
        const std::string title = "Subordinate " + std::string(file == "subuid" ? "user" : "group") + " ids (/etc/" + file + ")";
        std::string findings;
        bool error = false;
        for (const auto &finding : user.at("problems").value("findings", nlohmann::json::array())) {
            if (finding.value("file", "") != "/etc/" + file)
                continue;
            findings += (findings.empty() ? "" : "; ") + finding.value("message", "");
            error = error || finding.value("severity", "") == "error";
        }
        if (size == 0)
            checks.push_back(problem(file, title, "fail", target.name + " has no range in /etc/" + file,
                                     "an admin creates the ranges (podbay-helper subids sync)", "create-ranges"));
        else if (size < 65536 || error)
            checks.push_back(problem(file, title, error ? "fail" : "warn",
                                     std::to_string(size) + " ids" + (findings.empty() ? "" : ": " + findings),
                                     "an admin checks the ranges (podbay-helper subids check --user " + target.name + ")",
                                     "create-ranges"));
        else
            checks.push_back(ok(file, title, std::to_string(size) + " ids" + (findings.empty() ? "" : " (" + findings + ")")));
    }
    std::string broken;
    for (const auto &tool : report.document.value("tools", nlohmann::json::array()))
        if (!tool.value("ok", false))
            broken += (broken.empty() ? "" : ", ") + tool.value("name", "");
    if (broken.empty())
        checks.push_back(ok("idmap-tools", "newuidmap and newgidmap", "setuid root or file capabilities"));
    else
        checks.push_back(problem("idmap-tools", "newuidmap and newgidmap", "fail", broken + " cannot map ids",
                                 "an admin installs uidmap (Debian) / shadow-utils (EL) with setuid root or "
                                 "file capabilities"));
}

} // namespace

void requireSubordinateIds(const rpc::Call &call, const Account &target)
{
    const subids::SubidsSettings settings = subids::resolveSettings(call.context(), {});
    const subids::CheckReport report = subids::runCheck(call.context(), settings, target.name);
    const nlohmann::json &user = report.document.at("user");
    for (const std::string file : {"subuid", "subgid"})
        if (user.at(file).value("size", std::uint64_t(0)) == 0)
            throw HelperError(protocol::error::kNoSubuid, target.name + " has no range in /etc/" + file,
                              "rootless containers need subordinate ids: run Doctor and send its report to the "
                              "helpdesk (the admin fix is create-ranges)");
}

namespace {

void kernelCheck(std::vector<DoctorCheck> &checks)
{
    long max = -1;
    std::ifstream("/proc/sys/user/max_user_namespaces") >> max;
    long clone = 1; // Debian's knob; absent elsewhere means allowed
    std::ifstream("/proc/sys/kernel/unprivileged_userns_clone") >> clone;
    if (max == 0 || clone == 0)
        checks.push_back(problem("userns", "Kernel user namespaces", "fail",
                                 max == 0 ? "user.max_user_namespaces is 0" : "kernel.unprivileged_userns_clone is 0",
                                 "an admin enables them with sysctl (user.max_user_namespaces=15000)"));
    else
        checks.push_back(ok("userns", "Kernel user namespaces", "enabled"));
}

void storageChecks(const rpc::Call &call, const Account &target, bool asRoot, std::vector<DoctorCheck> &checks)
{
    const fs::path personal = fs::path(target.home) / ".config/containers/storage.conf";
    std::error_code ec;
    if (fs::exists(personal, ec))
        checks.push_back(problem("personal-storage-conf", "Personal storage.conf", "warn",
                                 personal.string() + " overrides the site's storage settings",
                                 "remove it unless you know why it is there (rm " + personal.string() + ")"));
    else
        checks.push_back(ok("personal-storage-conf", "Personal storage.conf", "none; the site settings apply"));

    const auto info = podmanFor(call, target, asRoot, {"info", "--format", "json"});
    if (!info.succeeded()) {
        const std::string_view code = classifyToolError(info.err);
        const std::string last = info.err.substr(0, 400);
        if (code == protocol::error::kNoSubuid)
            checks.push_back(problem("podman-info", "podman info", "fail", last,
                                     "an admin creates the subordinate id ranges", "create-ranges"));
        else
            checks.push_back(problem("podman-info", "podman info", "fail", last,
                                     "an admin resets the user's podman state (podman system migrate)", "migrate"));
        return;
    }
    const nlohmann::json doc = nlohmann::json::parse(info.out, nullptr, false);
    if (doc.is_discarded()) {
        checks.push_back(problem("podman-info", "podman info", "fail", "printed no JSON", "report this to the helpdesk"));
        return;
    }
    checks.push_back(ok("podman-info", "podman info", "podman " + doc["version"].value("Version", "?") + " works"));

    // The mapping podman uses must be the one in /etc/subuid; after a range change the
    // old pause process keeps the old one until `podman system migrate`.
    const auto uidmap = doc["host"]["idMappings"].value("uidmap", nlohmann::json::array());
    std::uint64_t mapped = 0;
    for (const auto &m : uidmap)
        mapped += m.value("size", std::uint64_t(0));
    if (mapped <= 1)
        checks.push_back(problem("id-mappings", "Podman's id mappings", "fail", "podman maps only the user's own id",
                                 "an admin creates ranges, then the user runs: podman system migrate", "migrate"));
    else
        checks.push_back(ok("id-mappings", "Podman's id mappings", std::to_string(mapped) + " ids mapped"));

    const std::string graphRoot = doc["store"].value("graphRoot", "");
    struct statfs st{};
    if (graphRoot.empty() || ::statfs(fs::path(graphRoot).c_str(), &st) != 0) {
        checks.push_back(problem("storage", "Container storage", "warn", "cannot inspect " + graphRoot, ""));
        return;
    }
    const std::string network = networkFsName(st.f_type);
    const double freeGiB = double(st.f_bavail) * double(st.f_bsize) / (1024.0 * 1024 * 1024);
    char freeText[32];
    std::snprintf(freeText, sizeof freeText, "%.1f GiB free", freeGiB);
    if (!network.empty())
        checks.push_back(problem("storage", "Container storage", "fail", graphRoot + " is on " + network,
                                 "an admin points rootless storage at local disk (podbay-helper storage configure)",
                                 "storage"));
    else if (freeGiB < 1.0)
        checks.push_back(problem("storage", "Container storage", "fail", graphRoot + ": " + freeText,
                                 "remove old images and containers (podman system prune)"));
    else if (freeGiB < 5.0)
        checks.push_back(problem("storage", "Container storage", "warn", graphRoot + ": " + freeText,
                                 "remove old images and containers (podman system prune)"));
    else
        checks.push_back(ok("storage", "Container storage", graphRoot + ": " + freeText));
}

void runtimeDirCheck(const Account &target, bool asRoot, std::vector<DoctorCheck> &checks)
{
    const char *runtime = asRoot ? nullptr : std::getenv("XDG_RUNTIME_DIR");
    if (runtime && !fs::is_directory(runtime))
        checks.push_back(problem("runtime-dir", "Runtime directory", "warn",
                                 std::string("XDG_RUNTIME_DIR=") + runtime + " does not exist",
                                 "unset XDG_RUNTIME_DIR in your shell startup files (podman then uses /tmp)"));
    else
        checks.push_back(ok("runtime-dir", "Runtime directory",
                            runtime ? runtime : "/tmp/podman-run-" + std::to_string(target.uid)));
}

void registryCheck(const rpc::Call &call, const Site &site, std::vector<DoctorCheck> &checks)
{
    if (site.registry.empty()) {
        checks.push_back(problem("registry", "Site registry", "warn", "no registry configured",
                                 "an admin sets [registry] address in /etc/podbay/helper.conf"));
        return;
    }
    const std::string url = (site.insecure ? "http://" : "https://") + site.registry + "/v2/";
    const auto result = runTool(call, {"curl", "--silent", "--output", "/dev/null", "--write-out", "%{http_code}",
                                       "--max-time", "10", url});
    // GET /v2/ answers 200, or 401 when the registry wants a login (distribution spec).
    if (result.out == "200" || result.out == "401")
        checks.push_back(ok("registry", "Site registry", site.registry + " answers"));
    else
        checks.push_back(problem("registry", "Site registry", "fail", site.registry + " does not answer",
                                 "ask the helpdesk whether the registry is down"));
}

void gpuCheck(const rpc::Call &call, std::vector<DoctorCheck> &checks)
{
    if (rpc::nodeFacts(call.context()).value("gpus", 0) == 0)
        return;
    for (const char *spec : {"/etc/cdi/nvidia.yaml", "/etc/cdi/nvidia.json", "/var/run/cdi/nvidia.yaml"})
        if (fs::exists(call.context().systemPath(spec))) {
            checks.push_back(ok("gpu-cdi", "GPU (CDI spec)", spec));
            return;
        }
    checks.push_back(problem("gpu-cdi", "GPU (CDI spec)", "fail", "this node has GPUs but no CDI spec",
                             "an admin runs: podbay-helper nvidia setup", "nvidia"));
}

Account targetFrom(const rpc::Call &call)
{
    const std::string name = requireString(call.params(), "user", 32);
    std::optional<Account> account = lookupAccount(name);
    if (!account)
        throw HelperError(protocol::error::kNotFound, "there is no user " + name, "check the spelling of the name");
    return *account;
}

} // namespace

std::vector<DoctorCheck> runDoctor(const rpc::Call &call, const Account &target, bool asRoot)
{
    const Site site = loadSite(call.context());
    std::vector<DoctorCheck> checks;
    accountChecks(target, checks);
    subidChecks(call, target, checks);
    kernelCheck(checks);
    runtimeDirCheck(target, asRoot, checks);
    storageChecks(call, target, asRoot, checks);
    registryCheck(call, site, checks);
    gpuCheck(call, checks);
    return checks;
}

nlohmann::json doctorReport(const Account &target, const std::vector<DoctorCheck> &checks)
{
    nlohmann::json list = nlohmann::json::array();
    std::string worst = "ok";
    for (const DoctorCheck &c : checks) {
        list.push_back({{"id", c.id}, {"title", c.title}, {"status", c.status}, {"detail", c.detail},
                        {"remedy", c.remedy}, {"fix", c.fix}});
        if (c.status == "fail" || (c.status == "warn" && worst == "ok"))
            worst = c.status;
    }
    return {{"user", target.name}, {"uid", target.uid}, {"status", worst}, {"checks", list}};
}

nlohmann::json doctorRun(rpc::Call &call)
{
    const Account me = currentAccount();
    return doctorReport(me, runDoctor(call, me, false));
}

nlohmann::json doctorUser(rpc::Call &call)
{
    const Account target = targetFrom(call);
    sysfile::audit("doctor.user", "checked " + target.name + " for " + call.caller().user);
    return doctorReport(target, runDoctor(call, target, true));
}

namespace {

// `podbay-helper [--root R] [--config C] --json ARGS...` (process/SelfCommand.h).
std::vector<std::string> helperCommand(const CommandContext &ctx, std::initializer_list<std::string> args)
{
    std::vector<std::string> argv = process::selfCommand(ctx);
    argv.insert(argv.end(), args);
    return argv;
}

} // namespace

nlohmann::json adminFix(rpc::Call &call)
{
    const Account target = targetFrom(call);
    const std::string fix = requireString(call.params(), "fix", 32);
    const bool dryRun = optionalBool(call.params(), "dryRun", false);
    std::vector<std::string> argv;
    bool helper = true; // argv is a helper command answering JSON (else: podman as the user)
    if (fix == "create-ranges") {
        // The subids command itself: it plans for every user at once, keeps foreign
        // entries and locks like shadow-utils.
        argv = helperCommand(call.context(), {"subids", "sync"});
    } else if (fix == "storage") {
        // Rootless storage on local disk where helper.conf says; without a path there is
        // nothing this fix can choose for the admin.
        const auto path = config::loadHelperConf(call.context()).ini.string("storage", "path");
        if (!path || path->empty())
            throw HelperError(protocol::error::kBadInput, "helper.conf names no [storage] path",
                              "set [storage] path = DIR in /etc/podbay/helper.conf, or run admin.storage.configure");
        argv = helperCommand(call.context(), {"storage", "configure", "--path", *path});
    } else if (fix == "nvidia") {
        argv = helperCommand(call.context(), {"nvidia", "setup"});
    } else if (fix == "migrate") {
        helper = false;
        argv = {"runuser", "-u", target.name, "--", "env", "-u", "XDG_RUNTIME_DIR", "HOME=" + target.home,
                "podman", "system", "migrate"};
        if (dryRun)
            return {{"user", target.name}, {"fix", fix}, {"dryRun", true}, {"wouldRun", argv}};
    } else {
        throw HelperError(protocol::error::kBadInput, "unknown fix '" + fix + "'",
                          "fixes: create-ranges, storage, nvidia, migrate (the doctor report names the fix for each "
                          "check)");
    }
    if (helper && dryRun)
        argv.push_back("--dry-run");
    if (!dryRun)
        sysfile::audit("admin.fix", fix + " for " + target.name);
    process::SubprocessOptions options;
    options.stop = call.stopToken();
    options.timeout = std::chrono::minutes(5);
    options.workingDirectory = "/";
    const auto result = process::runSubprocess(argv, options);
    const nlohmann::json detail = nlohmann::json::parse(result.out, nullptr, false);
    // A helper command's own error (its code and hint) is the answer; a report printed
    // with a non-zero status (warnings) is still a result.
    if (helper && !result.cancelled && detail.is_object() && detail.contains("error") && detail["error"].is_object())
        throw HelperError(detail["error"].value("code", std::string(protocol::error::kIo)),
                          detail["error"].value("message", "fix " + fix + " failed"), detail["error"].value("hint", ""));
    if (!result.succeeded() && (!helper || detail.is_discarded() || result.cancelled || result.timedOut))
        throwToolError(result, "fix " + fix + " for " + target.name);
    nlohmann::json out{{"user", target.name}, {"fix", fix}, {"dryRun", dryRun}};
    out["result"] = detail.is_discarded() ? nlohmann::json(result.out) : detail;
    return out;
}

} // namespace podbay::helper::user
