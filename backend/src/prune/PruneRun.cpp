#include "PruneRun.h"

#include "HelperError.h"
#include "config/TextLines.h"
#include "sysfile/Audit.h"
#include "sysfile/DiskUsage.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>

namespace podbay::helper::prune {
namespace {

using namespace std::chrono_literals;

process::SubprocessResult podman(const PodmanUser &user, std::vector<std::string> args, std::chrono::milliseconds timeout)
{
    return process::runSubprocess(podmanArgv(user, std::move(args)), podmanOptions(timeout));
}

std::string listOrThrow(const PodmanUser &user, std::vector<std::string> args)
{
    const std::string what = "podman " + args.front();
    const process::SubprocessResult result = podman(user, std::move(args), 2min);
    if (!result.succeeded())
        throw HelperError(protocol::error::kIo, what + " as " + user.name + " failed (" + result.describe() + "): " + config::lastLine(result.err));
    return result.out;
}

nlohmann::json keptJson(const std::vector<Kept> &kept)
{
    nlohmann::json list = nlohmann::json::array();
    for (const Kept &k : kept)
        list.push_back({{"name", k.what}, {"reason", k.reason}});
    return list;
}

} // namespace

nlohmann::json UserPrune::toJson(bool dryRun) const
{
    nlohmann::json containers = nlohmann::json::array();
    for (const Container &c : selection.containers)
        containers.push_back({{"id", c.id},
                              {"name", c.name},
                              {"state", c.state},
                              {"lastUsed", c.lastUsed},
                              {"removed", std::ranges::find(removedContainers, c.id) != removedContainers.end()}});
    nlohmann::json images = nlohmann::json::array();
    for (const Image &i : selection.images)
        images.push_back({{"id", i.id},
                          {"names", i.names},
                          {"created", i.created},
                          {"size", i.size},
                          {"removed", std::ranges::find(removedImages, i.id) != removedImages.end()}});
    return {{"user", user.name},
            {"uid", user.uid},
            {"graphRoot", graphRoot},
            {"containers", {{"selected", containers}, {"kept", keptJson(selection.keptContainers)}}},
            {"images", {{"selected", images}, {"kept", keptJson(selection.keptImages)}}},
            {"estimatedBytes", selection.estimatedBytes},
            {"freedBytes", freedBytes ? nlohmann::json(*freedBytes) : nlohmann::json()},
            {"dryRun", dryRun},
            {"errors", errors}};
}

UserPrune pruneUser(const PodmanUser &user, std::int64_t cutoff, bool dryRun)
{
    UserPrune result;
    result.user = user;
    try {
        const auto containers = parseContainers(listOrThrow(user, {"ps", "--all", "--format", "json"}));
        const auto images = parseImages(listOrThrow(user, {"images", "--format", "json"}));
        result.selection = selectForPrune(containers, images, cutoff);
        if (dryRun || (result.selection.containers.empty() && result.selection.images.empty()))
            return result;
        std::string root = listOrThrow(user, {"info", "--format", "{{.Store.GraphRoot}}"});
        root.erase(root.find_last_not_of("\r\n") + 1);
        result.graphRoot = root;
    } catch (const HelperError &e) {
        result.errors.push_back(e.what());
        return result;
    }

    const sysfile::DiskUsage before = sysfile::diskUsage(result.graphRoot);
    for (const Container &c : result.selection.containers) {
        const auto run = podman(user, {"rm", c.id}, 5min);
        if (run.succeeded())
            result.removedContainers.push_back(c.id);
        else
            result.errors.push_back("podman rm " + (c.name.empty() ? c.id : c.name) + ": " + config::lastLine(run.err));
    }
    for (const Image &image : result.selection.images) {
        // By id when it has at most one name; podman refuses an id with several names
        // without --force, so those go by name (the last name removes the image).
        std::vector<std::string> args{"rmi"};
        if (image.names.size() <= 1)
            args.push_back(image.id);
        else
            args.insert(args.end(), image.names.begin(), image.names.end());
        const auto run = podman(user, std::move(args), 5min);
        if (run.succeeded())
            result.removedImages.push_back(image.id);
        else
            result.errors.push_back("podman rmi " + image.label() + ": " + config::lastLine(run.err));
    }
    const sysfile::DiskUsage after = sysfile::diskUsage(result.graphRoot);
    result.freedBytes = before.bytes > after.bytes ? before.bytes - after.bytes : 0;
    sysfile::audit("prune", user.name + ": removed " + std::to_string(result.removedContainers.size()) + " containers, "
                                + std::to_string(result.removedImages.size()) + " images, freed "
                                + std::to_string(*result.freedBytes) + " bytes");
    return result;
}

} // namespace podbay::helper::prune
