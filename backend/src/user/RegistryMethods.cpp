#include "UserMethods.h"

#include "HelperError.h"
#include "Params.h"
#include "Podman.h"
#include "Site.h"
#include "validate/ImageReference.h"

#include <podbay/protocol/Protocol.h>

namespace podbay::helper::user {
namespace {

void requireRegistry(const Site &site)
{
    if (site.registry.empty())
        throw HelperError(protocol::error::kNotFound, "no site registry is configured on this login node",
                          "the admin sets [registry] address in /etc/podbay/helper.conf");
}

// GET on the registry API (distribution spec, "Listing Repositories"). curl with an argv,
// not a hand-written HTTP client: redirects, proxies and TLS are curl's job. Answers 404
// with std::nullopt when `missingIsEmpty` (a repository whose only push was cancelled is
// in the catalog with blobs and no tags: tags/list says NAME_UNKNOWN).
std::optional<nlohmann::json> registryGet(const rpc::Call &call, const Site &site, const std::string &path,
                                          bool missingIsEmpty = false)
{
    const std::string url = (site.insecure ? "http://" : "https://") + site.registry + path;
    // The status goes on a last line of its own (curl(1) --write-out), after the body.
    const auto result = runTool(call, {"curl", "--silent", "--show-error", "--max-time", "20", "--write-out",
                                       "\n%{http_code}", url});
    if (!result.succeeded()) {
        // curl(1) exit codes: 6 resolve, 7 connect, 28 timeout: the registry is not there.
        const int code = result.exitCode.value_or(-1);
        if (code == 6 || code == 7 || code == 28 || code == 35 || code == 52 || code == 56)
            throw HelperError(protocol::error::kRegistryDown, "the registry " + site.registry + " does not answer",
                              "ask the helpdesk whether the site registry is down");
        throwToolError(result, "asking the registry for " + path);
    }
    const std::size_t newline = result.out.rfind('\n');
    const std::string status = newline == std::string::npos ? std::string() : result.out.substr(newline + 1);
    const std::string body = newline == std::string::npos ? result.out : result.out.substr(0, newline);
    if (status == "404" && missingIsEmpty)
        return std::nullopt;
    if (status != "200")
        throw HelperError(protocol::error::kRegistryDown,
                          "the registry answered " + path + " with HTTP " + (status.empty() ? "?" : status),
                          "ask the helpdesk to look at the registry's log");
    nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded())
        throw HelperError(protocol::error::kRegistryDown, "the registry answered " + path + " with something not JSON");
    return json;
}

std::vector<std::string> skopeoTls(const Site &site)
{
    return site.insecure ? std::vector<std::string>{"--tls-verify=false"} : std::vector<std::string>{};
}

// Every repository name, a page at a time: distribution refuses `n` above its
// catalog maxentries (default 1000) with 400 PAGINATION_NUMBER_INVALID, and continues
// after `last` (distribution spec, "Listing Repositories", pagination).
std::vector<std::string> catalog(const rpc::Call &call, const Site &site)
{
    constexpr std::size_t kPage = 100;
    constexpr std::size_t kMaxRepositories = 100000; // a bound on what one call lists
    std::vector<std::string> names;
    std::string last;
    while (names.size() < kMaxRepositories) {
        const nlohmann::json page = *registryGet(
            call, site, "/v2/_catalog?n=" + std::to_string(kPage) + (last.empty() ? "" : "&last=" + last));
        const nlohmann::json repositories = page.value("repositories", nlohmann::json::array());
        for (const auto &repo : repositories) {
            if (!repo.is_string())
                throw HelperError(protocol::error::kRegistryDown, "the registry's catalog holds a non-string name");
            // Refuse anything odd the registry says before it goes into a URL or an argv.
            validate::parseImageReference(site.registry + "/" + repo.get<std::string>());
            names.push_back(repo.get<std::string>());
        }
        if (repositories.size() < kPage || names.back() == last)
            break;
        last = names.back();
    }
    return names;
}

// Created, digest and labels from `skopeo inspect`; the size (compressed layers plus
// config, what a pull transfers) from the raw manifest, as skopeo 1.9 prints no
// LayersData. An image index (several platforms) has no single size: none is given.
// A tag skopeo cannot read is listed without details rather than failing the list.
void addTagDetails(const rpc::Call &call, const Site &site, const std::string &reference, nlohmann::json &entry)
{
    std::vector<std::string> argv{"skopeo", "inspect"};
    for (auto &a : skopeoTls(site))
        argv.push_back(a);
    argv.push_back("docker://" + reference);
    const auto inspect = runTool(call, argv);
    const auto info = nlohmann::json::parse(inspect.succeeded() ? inspect.out : std::string(), nullptr, false);
    if (!info.is_object())
        return;
    entry["created"] = info.value("Created", "");
    entry["digest"] = info.value("Digest", "");
    const auto labels = info.find("Labels"); // null for an image without labels
    entry["labels"] = labels != info.end() && labels->is_object() ? *labels : nlohmann::json::object();

    argv.insert(argv.begin() + 2, "--raw");
    const auto raw = runTool(call, argv);
    const auto manifest = nlohmann::json::parse(raw.succeeded() ? raw.out : std::string(), nullptr, false);
    if (!manifest.is_object() || !manifest.contains("layers"))
        return;
    const auto config = manifest.find("config");
    std::int64_t size = config != manifest.end() && config->is_object() ? config->value("size", std::int64_t(0)) : 0;
    const auto &layers = manifest.at("layers");
    if (!layers.is_array())
        return;
    for (const auto &layer : layers)
        if (layer.is_object())
            size += layer.value("size", std::int64_t(0));
    entry["size"] = size;
}

} // namespace

nlohmann::json registryList(rpc::Call &call)
{
    const Site site = loadSite(call.context());
    requireRegistry(site);
    const Account me = currentAccount();
    // Details (size, creation time) cost one manifest fetch per tag: only for the
    // namespace asked for (default: the user's own; "*" for all).
    const std::string wanted = optionalString(call.params(), "namespace", 128).value_or(namespaceOf(me));
    nlohmann::json repositories = nlohmann::json::array();
    for (const std::string &name : catalog(call, site)) {
        const bool detailed = wanted == "*" || name.starts_with(wanted + "/");
        nlohmann::json tags = nlohmann::json::array();
        const nlohmann::json list =
            registryGet(call, site, "/v2/" + name + "/tags/list", true).value_or(nlohmann::json::object());
        for (const auto &tag : list.value("tags", nlohmann::json::array())) {
            if (!tag.is_string())
                continue;
            nlohmann::json entry{{"tag", tag}};
            // The lines to copy, as images.publish gives them; a name the registry holds
            // but the helper would refuse (not from a Podbay push) gets none.
            try {
                entry["run"] = runLinesJson(site, validate::parseImageReference(site.registry + "/" + name + ":" +
                                                                                tag.get<std::string>()));
            } catch (const HelperError &) {
            }
            if (detailed)
                addTagDetails(call, site, site.registry + "/" + name + ":" + tag.get<std::string>(), entry);
            tags.push_back(entry);
        }
        if (tags.empty())
            continue; // nothing to pull: every tag was deleted, or the only push was cancelled
        repositories.push_back({{"name", name}, {"own", name.starts_with(namespaceOf(me) + "/")}, {"tags", tags}});
    }
    return {{"registry", site.registry}, {"namespace", namespaceOf(me)}, {"repositories", repositories}};
}

nlohmann::json registryDelete(rpc::Call &call)
{
    const Site site = loadSite(call.context());
    requireRegistry(site);
    const Account me = currentAccount();
    const std::string repository = requireString(call.params(), "repository", 256);
    const std::string tag = requireString(call.params(), "tag", 128);
    const validate::ImageReference ref = validate::parseImageReference(site.registry + "/" + repository + ":" + tag);
    const std::string own = namespaceOf(me) + "/";
    if (!ref.path.starts_with(own))
        throw HelperError(protocol::error::kForbidden,
                          "you may delete only images in your own namespace (" + namespaceOf(me) + "/...)",
                          "ask the owner of " + repository + " to delete it");
    std::vector<std::string> argv{"skopeo", "delete"};
    for (auto &a : skopeoTls(site))
        argv.push_back(a);
    argv.push_back("docker://" + ref.toString());
    const auto result = runTool(call, argv);
    if (!result.succeeded())
        throwToolError(result, "deleting " + ref.toString());
    // The registry deletes the manifest, so every tag pointing at the same digest goes too
    // (distribution spec, "Deleting Manifests").
    return {{"deleted", ref.toString()}};
}

} // namespace podbay::helper::user
