#include "SecurityHeaders.h"

#include <QHttpServerResponse>

namespace podbay::portal {

void addSecurityHeaders(QHttpServerResponse &response, bool tls)
{
    // No inline script, nothing from other origins: assets are embedded (CSP Level 3,
    // https://www.w3.org/TR/CSP3/). Inline style is allowed: xterm.js sizes and colours its
    // terminal through <style> elements it writes; every value the page shows is text
    // (textContent), so no one else's markup reaches the page to abuse it.
    response.setHeader("Content-Security-Policy",
                       "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cache-Control", "no-store");
    if (tls)
        response.setHeader("Strict-Transport-Security", "max-age=31536000");
}

} // namespace podbay::portal
