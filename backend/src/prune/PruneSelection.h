#pragma once
// Which containers and images of one user's rootless storage `prune` removes, decided from
// `podman ps -a --format json` and `podman images --format json` alone (a pure function,
// so the rules are unit-tested on recorded output):
//  - a container goes when it is not running (exited, stopped, created, configured) and its
//    last activity (the latest of created, started, exited) is before the cutoff; containers
//    of a pod and infra containers stay (`podman pod rm` owns them);
//  - an image goes when it was created before the cutoff (the image's own Created, as
//    `podman image prune --filter until=` uses) and no remaining container uses it; the
//    parent of a kept image stays (podman refuses to remove it).
// Images are removed children first, so a parent is never asked to go before its child.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::prune {

struct Container
{
    std::string id;
    std::string name;
    std::string state;
    std::string imageId;
    std::int64_t created = 0;
    std::int64_t lastUsed = 0;
    bool infra = false;
    std::string pod;
};

struct Image
{
    std::string id;
    std::string parentId;
    std::vector<std::string> names;
    std::int64_t created = 0;
    std::uint64_t size = 0;

    // The first name, or the short id for an untagged image.
    std::string label() const;
};

struct Kept
{
    std::string what;
    std::string reason;
};

struct Selection
{
    std::vector<Container> containers; // to remove
    std::vector<Image> images;         // to remove, children before parents
    std::vector<Kept> keptContainers;
    std::vector<Kept> keptImages;
    std::uint64_t estimatedBytes = 0; // sum of the images' sizes (shared layers counted once per image)
};

// Throws HelperError(E_BAD_INPUT) when the text is not the JSON array podman prints.
std::vector<Container> parseContainers(std::string_view json);
std::vector<Image> parseImages(std::string_view json);

Selection selectForPrune(const std::vector<Container> &containers, const std::vector<Image> &images,
                         std::int64_t cutoff);

} // namespace podbay::helper::prune
