#pragma once
// The one error type of the helper. `code` is a stable string from
// podbay/protocol/Protocol.h that clients switch on; `message` says what went wrong,
// `hint` what the user or admin can do next.

#include <stdexcept>
#include <string>
#include <string_view>

namespace podbay::helper {

class HelperError : public std::runtime_error
{
public:
    HelperError(std::string_view code, std::string message, std::string hint = {})
        : std::runtime_error(message)
        , m_code(code)
        , m_hint(std::move(hint))
    {
    }

    const std::string &code() const noexcept { return m_code; }
    const std::string &hint() const noexcept { return m_hint; }

private:
    std::string m_code;
    std::string m_hint;
};

} // namespace podbay::helper
