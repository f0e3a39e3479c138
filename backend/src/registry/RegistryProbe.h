#pragma once
// Asking the running registry (OCI distribution spec v1.0, "API Version Check" and
// "Listing Repositories"): GET /v2/ answers 200 (or 401 with auth) on any registry, and
// GET /v2/_catalog?n=N pages through the repository names with Link: <...>; rel="next".

#include "registry/ListenAddress.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace podbay::helper::registry {

struct Reachability
{
    bool reachable = false;
    int httpStatus = 0;
    std::string apiVersion; // Docker-Distribution-Api-Version, "registry/2.0"
    std::string error;      // why not reachable
};

Reachability probeRegistry(const ListenAddress &listen, std::chrono::milliseconds timeout = std::chrono::seconds(3));

// Every repository name. Throws HelperError (E_REGISTRY_DOWN, E_BAD_INPUT for an answer
// that is not a catalog, E_FORBIDDEN for 401/403).
std::vector<std::string> listRepositories(const ListenAddress &listen);

// The target of a Link header's rel="next" (RFC 8288) when it is a catalog page on the
// same registry ("/v2/_catalog?last=x&n=100"); std::nullopt otherwise. For unit tests.
std::optional<std::string> nextCatalogPage(const std::string &linkHeader);

} // namespace podbay::helper::registry
