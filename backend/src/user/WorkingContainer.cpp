#include "WorkingContainer.h"

#include "HelperError.h"
#include "sysfile/AtomicFile.h"

#include <podbay/protocol/Protocol.h>

#include <cstdlib>
#include <ctime>

namespace podbay::helper::user {

nlohmann::json History::toJson() const
{
    nlohmann::json list = nlohmann::json::array();
    for (const workflow::Step &step : steps)
        list.push_back({{"command", step.command}, {"exitCode", step.exitCode}, {"startedAt", step.startedAt}});
    return {{"base", base}, {"created", created}, {"steps", list}};
}

History History::fromJson(const nlohmann::json &json)
{
    History history;
    history.base = json.value("base", "");
    history.created = json.value("created", "");
    for (const auto &step : json.value("steps", nlohmann::json::array()))
        history.steps.push_back({step.value("command", ""), step.value("exitCode", 0), step.value("startedAt", "")});
    return history;
}

std::filesystem::path historyDirectory(const std::string &home)
{
    const char *dataHome = std::getenv("XDG_DATA_HOME");
    const std::filesystem::path base = dataHome && *dataHome == '/' ? std::filesystem::path(dataHome)
                                                                     : std::filesystem::path(home) / ".local/share";
    return base / "podbay/containers";
}

std::filesystem::path historyPath(const std::string &home, const std::string &container)
{
    // `container` passed validate::checkContainerName: no slash, no dot-dot.
    return historyDirectory(home) / (container + ".json");
}

std::optional<History> loadHistory(const std::string &home, const std::string &container)
{
    const auto text = sysfile::readFileIfExists(historyPath(home, container));
    if (!text)
        return std::nullopt;
    const nlohmann::json json = nlohmann::json::parse(*text, nullptr, false);
    if (json.is_discarded() || !json.is_object())
        throw HelperError(protocol::error::kIo, "the history of " + container + " is damaged",
                          "remove " + historyPath(home, container).string() + " to start its history anew");
    return History::fromJson(json);
}

void saveHistory(const std::string &home, const std::string &container, const History &history)
{
    std::error_code ec;
    std::filesystem::create_directories(historyDirectory(home), ec);
    sysfile::WriteOptions options;
    options.keepBackup = false;
    options.newFileMode = 0600;
    sysfile::writeFileAtomically(historyPath(home, container), history.toJson().dump(2) + "\n", options);
}

void removeHistory(const std::string &home, const std::string &container)
{
    std::error_code ec;
    std::filesystem::remove(historyPath(home, container), ec);
}

std::string nowRfc3339()
{
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

} // namespace podbay::helper::user
