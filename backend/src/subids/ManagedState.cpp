#include "ManagedState.h"

#include "HelperError.h"
#include "StateFileReaders.h"
#include "SubidFile.h"
#include "sysfile/AtomicFile.h"

#include <podbay/protocol/Protocol.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

namespace podbay::helper::subids {
namespace {

constexpr std::string_view kAbout = "entries of /etc/subuid and /etc/subgid written by podbay-helper subids sync; "
                                    "lines not listed here are never changed by it";

// Whether a line goes into JSON as it is: printable ASCII without quotes or backslashes,
// which entry lines are in practice.
bool plainJson(std::string_view text)
{
    bool plain = true;
    for (const char c : text)
        plain &= c > ' ' && c < 0x7f && c != '"' && c != '\\';
    return plain;
}

// One JSON string as nlohmann::json::dump writes it; anything but a plain line goes
// through the library (its escapes, and its check that the text is UTF-8).
void appendJsonString(std::string &out, std::string_view text)
{
    if (plainJson(text)) {
        out += '"';
        out.append(text.data(), text.size());
        out += '"';
    } else {
        out += nlohmann::json(std::string(text)).dump();
    }
}

void appendList(std::string &out, std::string_view key, const ManagedLists &lists)
{
    out += " \"";
    out += key;
    out += "\": [";
    // Plain lines are copied into place without a size check per piece: 200,000 lines at
    // 100,000 users (bench/subids).
    bool first = true;
    for (const std::span<const std::string_view> lines : {lists.lines, lists.more}) {
        std::size_t i = 0;
        while (i < lines.size()) {
            std::size_t plain = i;
            std::size_t bytes = 0;
            while (plain < lines.size() && plainJson(lines[plain]))
                bytes += lines[plain++].size() + 6;
            std::size_t at = out.size();
            out.resize(at + bytes);
            for (; i < plain; ++i, first = false) {
                std::memcpy(out.data() + at, first ? "\n  \"" : ",\n  \"", first ? 4 : 5);
                at += first ? 4 : 5;
                std::memcpy(out.data() + at, lines[i].data(), lines[i].size());
                at += lines[i].size();
                out[at++] = '"';
            }
            out.resize(at);
            if (i < lines.size()) {
                out += first ? "\n  " : ",\n  ";
                appendJsonString(out, lines[i++]);
                first = false;
            }
        }
    }
    out += first ? "],\n" : "\n ],\n";
}

} // namespace

ManagedState loadManagedState(const std::filesystem::path &path)
{
    auto text = sysfile::readFileIfExists(path);
    return text ? parseManagedState(std::move(*text), path) : ManagedState{};
}

ManagedState parseManagedState(std::string content, const std::filesystem::path &path, const SubidFile *subuid,
                               const SubidFile *subgid)
{
    const auto damaged = [&](const std::string &why) {
        return HelperError(protocol::error::kBadInput, path.string() + " is damaged: " + why,
                           "remove it: the next sync re-adopts entries that match the strategy, the rest are kept "
                           "as entries the helper does not manage");
    };
    const auto text = std::make_shared<const std::string>(std::move(content));
    if (auto state = readOwnLayout(text, {subuid ? subuid->lines.size() : 0, subgid ? subgid->lines.size() : 0})) {
        // Lines that are lines of the files are entries already (SubidFile::parse checked
        // them); only the others need the check.
        for (const auto &[set, file] : {std::pair{&state->subuid, subuid}, std::pair{&state->subgid, subgid}}) {
            const std::vector<std::string_view> unchecked =
                file ? set->rebase(*file) : std::vector<std::string_view>(set->lines().begin(), set->lines().end());
            for (const std::string_view line : unchecked)
                if (!parseEntryView(line))
                    throw damaged("'" + std::string(line) + "' is not an entry line");
        }
        return std::move(*state);
    }
    ManagedState state;
    try {
        state = readAnyLayout(*text);
    } catch (const std::exception &e) {
        throw damaged(e.what());
    }
    if (subuid)
        state.subuid.rebase(*subuid);
    if (subgid)
        state.subgid.rebase(*subgid);
    return state;
}

std::string serialiseManagedState(const ManagedLists &subuid, const ManagedLists &subgid)
{
    // The layout of nlohmann::json::dump(1) with its sorted keys, as earlier versions wrote.
    std::string out;
    std::size_t size = 256 + kAbout.size();
    for (const ManagedLists *lists : {&subuid, &subgid})
        for (const auto lines : {lists->lines, lists->more})
            for (const std::string_view line : lines)
                size += line.size() + 6; // ",\n  " and the quotes
    out.reserve(size);
    out += "{\n \"about\": ";
    appendJsonString(out, kAbout);
    out += ",\n";
    appendList(out, "subgid", subgid);
    appendList(out, "subuid", subuid);
    out += " \"version\": " + std::to_string(kStateVersion) + "\n}\n";
    return out;
}

} // namespace podbay::helper::subids
