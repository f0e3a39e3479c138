#include "PruneSelection.h"

#include "HelperError.h"

#include <podbay/protocol/Protocol.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace podbay::helper::prune {
namespace {

using nlohmann::json;

json parseArray(std::string_view text, std::string_view what)
{
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return json::array(); // some podman versions print nothing for an empty list
    json document = json::parse(text, nullptr, false);
    if (!document.is_array())
        throw HelperError(protocol::error::kBadInput, std::string(what) + " did not print a JSON array",
                          "is podman working for this user? try the command by hand");
    return document;
}

std::string text(const json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Seconds since the epoch; anything else (a missing field, podman's zero time
// -62135596800) counts as 0, which never makes an item old enough to go: an item whose
// age is unknown stays.
std::int64_t seconds(const json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer())
        return 0;
    return std::max<std::int64_t>(0, it->get<std::int64_t>());
}

bool removableState(const std::string &state)
{
    // libpod container states that have no process: never running, paused or stopping.
    return state == "exited" || state == "stopped" || state == "created" || state == "configured";
}

} // namespace

std::string Image::label() const
{
    return names.empty() ? id.substr(0, 12) : names.front();
}

std::vector<Container> parseContainers(std::string_view input)
{
    std::vector<Container> containers;
    for (const json &item : parseArray(input, "podman ps -a --format json")) {
        if (!item.is_object() || text(item, "Id").empty())
            continue;
        Container c;
        c.id = text(item, "Id");
        const auto names = item.find("Names");
        if (names != item.end() && names->is_array() && !names->empty() && names->front().is_string())
            c.name = names->front().get<std::string>();
        c.state = text(item, "State");
        c.imageId = text(item, "ImageID");
        c.created = seconds(item, "Created");
        c.lastUsed = std::max({c.created, seconds(item, "StartedAt"), seconds(item, "ExitedAt")});
        c.infra = item.value("IsInfra", false);
        c.pod = text(item, "Pod");
        containers.push_back(std::move(c));
    }
    return containers;
}

std::vector<Image> parseImages(std::string_view input)
{
    std::vector<Image> images;
    for (const json &item : parseArray(input, "podman images --format json")) {
        if (!item.is_object() || text(item, "Id").empty())
            continue;
        Image image;
        image.id = text(item, "Id");
        image.parentId = text(item, "ParentId");
        // Podman 4 prints "Names"; "RepoTags" is the Docker-compatible field (null when none).
        for (const char *key : {"Names", "RepoTags"}) {
            const auto names = item.find(key);
            if (names == item.end() || !names->is_array() || !image.names.empty())
                continue;
            for (const json &name : *names)
                if (name.is_string())
                    image.names.push_back(name.get<std::string>());
        }
        image.created = seconds(item, "Created");
        if (const auto size = item.find("Size"); size != item.end() && size->is_number_unsigned())
            image.size = size->get<std::uint64_t>();
        images.push_back(std::move(image));
    }
    return images;
}

Selection selectForPrune(const std::vector<Container> &containers, const std::vector<Image> &images, std::int64_t cutoff)
{
    Selection selection;
    std::map<std::string, std::string> usedBy; // image id -> a remaining container
    for (const Container &c : containers) {
        std::string reason;
        if (!c.pod.empty() || c.infra)
            reason = "belongs to a pod (podman pod rm removes it)";
        else if (!removableState(c.state))
            reason = c.state.empty() ? "state unknown" : c.state;
        else if (c.lastUsed == 0)
            reason = "time of last use unknown";
        else if (c.lastUsed >= cutoff)
            reason = "used recently";
        if (reason.empty()) {
            selection.containers.push_back(c);
            continue;
        }
        selection.keptContainers.push_back({c.name.empty() ? c.id.substr(0, 12) : c.name, reason});
        usedBy.emplace(c.imageId, (c.name.empty() ? c.id.substr(0, 12) : c.name) + " (" + c.state + ")");
    }

    std::map<std::string, std::string> keep; // image id -> reason
    for (const Image &image : images) {
        if (const auto it = usedBy.find(image.id); it != usedBy.end())
            keep.emplace(image.id, "used by container " + it->second);
        else if (image.created == 0)
            keep.emplace(image.id, "creation time unknown");
        else if (image.created >= cutoff)
            keep.emplace(image.id, "newer than the cutoff");
    }
    // Parents of kept images stay, up the chain.
    for (bool grew = true; grew;) {
        grew = false;
        for (const Image &image : images)
            if (keep.contains(image.id) && !image.parentId.empty() && !keep.contains(image.parentId)
                && std::ranges::any_of(images, [&](const Image &i) { return i.id == image.parentId; })) {
                keep.emplace(image.parentId, "parent of kept image " + image.label());
                grew = true;
            }
    }

    std::vector<Image> candidates;
    for (const Image &image : images) {
        if (const auto it = keep.find(image.id); it != keep.end())
            selection.keptImages.push_back({image.label(), it->second});
        else
            candidates.push_back(image);
    }
    // Children first: take an image only once no remaining candidate names it as parent.
    while (!candidates.empty()) {
        const auto leaf = std::ranges::find_if(candidates, [&](const Image &image) {
            return std::ranges::none_of(candidates, [&](const Image &other) { return other.parentId == image.id; });
        });
        const auto next = leaf == candidates.end() ? candidates.begin() : leaf; // a cycle: podman will say
        selection.estimatedBytes += next->size;
        selection.images.push_back(*next);
        candidates.erase(next);
    }
    return selection;
}

} // namespace podbay::helper::prune
