#pragma once
// Headers every portal response carries, errors included. Qt 6.4's afterRequest()
// does not reach responder routes (platform.md), so each response is decorated here.

class QHttpServerResponse;

namespace podbay::portal {

void addSecurityHeaders(QHttpServerResponse &response, bool tls);

} // namespace podbay::portal
