#include "RegistryProbe.h"

#include "HelperError.h"
#include "net/HttpGet.h"

#include <podbay/protocol/Protocol.h>

#include <nlohmann/json.hpp>

namespace podbay::helper::registry {
namespace {

constexpr int kPageSize = 1000;
constexpr int kMaxPages = 10000; // ten million repositories: a loop, not a registry

} // namespace

Reachability probeRegistry(const ListenAddress &listen, std::chrono::milliseconds timeout)
{
    Reachability r;
    try {
        const net::HttpResponse response = net::httpGet(listen.connectHost(), listen.port, "/v2/", timeout, 65536);
        r.httpStatus = response.status;
        r.apiVersion = response.header("docker-distribution-api-version");
        r.reachable = response.status == 200 || response.status == 401;
        if (!r.reachable)
            r.error = "GET /v2/ answered HTTP " + std::to_string(response.status) + ": not a registry";
    } catch (const HelperError &e) {
        r.error = e.what();
    }
    return r;
}

std::optional<std::string> nextCatalogPage(const std::string &linkHeader)
{
    const std::size_t open = linkHeader.find('<');
    const std::size_t close = linkHeader.find('>', open);
    if (open == std::string::npos || close == std::string::npos || linkHeader.find("rel=\"next\"", close) == std::string::npos)
        return std::nullopt;
    std::string target = linkHeader.substr(open + 1, close - open - 1);
    if (!target.starts_with("/v2/_catalog?") || target.find_first_of(" \r\n") != std::string::npos)
        return std::nullopt;
    return target;
}

std::vector<std::string> listRepositories(const ListenAddress &listen)
{
    std::vector<std::string> names;
    std::optional<std::string> target = "/v2/_catalog?n=" + std::to_string(kPageSize);
    for (int page = 0; target && page < kMaxPages; ++page) {
        const net::HttpResponse response = net::httpGet(listen.connectHost(), listen.port, *target);
        if (response.status == 401 || response.status == 403)
            throw HelperError(protocol::error::kForbidden, "the registry refuses to list its catalog (HTTP "
                                                              + std::to_string(response.status) + ")",
                              "the repository count needs a registry without authentication on this address");
        if (response.status != 200)
            throw HelperError(protocol::error::kBadInput,
                              "GET " + *target + " answered HTTP " + std::to_string(response.status));
        const auto document = nlohmann::json::parse(response.body, nullptr, false);
        if (!document.is_object() || !document.contains("repositories")
            || !(document["repositories"].is_array() || document["repositories"].is_null()))
            throw HelperError(protocol::error::kBadInput, "GET " + *target + " did not answer with a catalog");
        for (const auto &name : document["repositories"])
            if (name.is_string())
                names.push_back(name.get<std::string>());
        target = nextCatalogPage(response.header("link"));
    }
    return names;
}

} // namespace podbay::helper::registry
