#pragma once
// Error codes raised on the client side (the helper's own codes live in
// podbay/protocol/Protocol.h). Stable strings: the portal maps them to HTTP status.

#include <QLatin1StringView>

namespace podbay::core::errc {
inline constexpr QLatin1StringView kConnect{"E_CONNECT"};
inline constexpr QLatin1StringView kHostKeyUnknown{"E_HOSTKEY_UNKNOWN"};
inline constexpr QLatin1StringView kHostKeyChanged{"E_HOSTKEY_CHANGED"};
inline constexpr QLatin1StringView kHostKeyError{"E_HOSTKEY_ERROR"};
inline constexpr QLatin1StringView kAuth{"E_AUTH"};
inline constexpr QLatin1StringView kNotConnected{"E_NOT_CONNECTED"};
inline constexpr QLatin1StringView kDisconnected{"E_DISCONNECTED"};
inline constexpr QLatin1StringView kChannel{"E_CHANNEL"};
inline constexpr QLatin1StringView kTimeout{"E_TIMEOUT"};
inline constexpr QLatin1StringView kHelperMissing{"E_HELPER_MISSING"};
inline constexpr QLatin1StringView kHelperFailed{"E_HELPER_FAILED"};
inline constexpr QLatin1StringView kBadResponse{"E_BAD_RESPONSE"};
inline constexpr QLatin1StringView kProtocolMismatch{"E_PROTOCOL_MISMATCH"};
} // namespace podbay::core::errc
