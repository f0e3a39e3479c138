#pragma once
// Walking a command's own arguments: the value of an option that needs one.

#include "CommandContext.h"
#include "HelperError.h"

#include <podbay/protocol/Protocol.h>

#include <string>
#include <string_view>

namespace podbay::helper {

// args[i + 1], advancing i; HelperError(E_USAGE) "COMMAND: option X needs a value" with the
// hint "run: podbay-helper COMMAND --help" when there is none.
inline const std::string &optionValue(Args args, std::size_t &i, std::string_view command)
{
    if (i + 1 >= args.size())
        throw HelperError(protocol::error::kUsage, std::string(command) + ": option " + args[i] + " needs a value",
                          "run: podbay-helper " + std::string(command) + " --help");
    return args[++i];
}

} // namespace podbay::helper
