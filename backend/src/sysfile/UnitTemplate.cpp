#include "UnitTemplate.h"

#include "HelperError.h"
#include "SystemdUnits.h"

#include <podbay/protocol/Protocol.h>

#include <algorithm>

namespace podbay::helper::sysfile {

std::string_view unitTemplate(std::string_view name)
{
    if (name == "podbay-registry.service")
        return units::k_podbay_registry_service;
    if (name == "podbay-registry.container")
        return units::k_podbay_registry_container;
    if (name == "podbay-prune.service")
        return units::k_podbay_prune_service;
    if (name == "podbay-prune.timer")
        return units::k_podbay_prune_timer;
    throw HelperError(protocol::error::kInternal, "no unit template " + std::string(name));
}

std::string_view helperExecutable()
{
    return units::kHelperExecutable;
}

std::string fillTemplate(std::string_view text, std::initializer_list<std::pair<std::string_view, std::string>> values)
{
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t at = text.find('@', pos);
        const std::size_t end = at == std::string_view::npos ? at : text.find('@', at + 1);
        if (end == std::string_view::npos) {
            out.append(text.substr(pos));
            break;
        }
        const std::string_view name = text.substr(at + 1, end - at - 1);
        const bool placeholder = !name.empty() && name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == std::string_view::npos;
        if (!placeholder) {
            // "@system-service" (SystemCallFilter=) and other text with an @: kept as it is.
            out.append(text.substr(pos, at + 1 - pos));
            pos = at + 1;
            continue;
        }
        const auto value = std::find_if(values.begin(), values.end(), [&](const auto &v) { return v.first == name; });
        if (value == values.end())
            throw HelperError(protocol::error::kInternal, "unit template placeholder @" + std::string(name) + "@ has no value");
        out.append(text.substr(pos, at - pos));
        out.append(value->second);
        pos = end + 1;
    }
    return out;
}

} // namespace podbay::helper::sysfile
