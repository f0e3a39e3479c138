// The portal's request layer (portal/src/HttpExchange.cpp, ApiRoutes.cpp): what
// PortalServer does with the parts of a request before any helper call: the request
// info as RequestInfo::from() copies it (path and query through QUrl, the headers the
// gate reads), the session cookie (RequestInfo::cookieValue, RFC 6265 section 5.4), whether
// the request changes state (Origin and CSRF checks), the JSON body as the handlers read
// it, and API routing (apiCallFor, apiPathExists: 404 or 405) with the helper error code's
// HTTP status. The gate itself (Host, Origin, sizes) lives in PortalServer's private
// members and is exercised over HTTP by tests/portal instead.
// Input: "METHOD TARGET", header lines ("Name: value"), an empty line, the body.

#include "FuzzInput.h"

#include "ApiRoutes.h"
#include "HttpExchange.h"

#include <QJsonDocument>
#include <QUrl>

#include <array>
#include <utility>

using namespace podbay;
using Method = QHttpServerRequest::Method;

namespace {

Method methodFrom(const QByteArray &name)
{
    static const std::array<std::pair<const char *, Method>, 9> kMethods{{{"GET", Method::Get},
                                                                        {"PUT", Method::Put},
                                                                        {"DELETE", Method::Delete},
                                                                        {"POST", Method::Post},
                                                                        {"HEAD", Method::Head},
                                                                        {"OPTIONS", Method::Options},
                                                                        {"PATCH", Method::Patch},
                                                                        {"CONNECT", Method::Connect},
                                                                        {"TRACE", Method::Trace}}};
    for (const auto &[text, method] : kMethods)
        if (name == text)
            return method;
    return Method::Unknown;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype split = input.indexOf("\n\n");
    QList<QByteArray> head = (split < 0 ? input : input.left(split)).split('\n');
    const QByteArray requestLine = head.takeFirst().trimmed();
    const qsizetype space = requestLine.indexOf(' ');

    // As RequestInfo::from() fills it from a QHttpServerRequest.
    portal::RequestInfo info;
    info.method = methodFrom(requestLine.left(space));
    const QUrl url = QUrl::fromEncoded(space < 0 ? QByteArray("/") : requestLine.mid(space + 1));
    info.path = url.path();
    info.query = url.query();
    info.body = split < 0 ? QByteArray() : input.mid(split + 2);
    for (const QByteArray &line : head) {
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.left(colon).trimmed().toLower(), value = line.mid(colon + 1).trimmed();
        for (auto [header, field] : {std::pair{"host", &info.host}, std::pair{"origin", &info.origin},
                                     std::pair{"sec-fetch-site", &info.fetchSite}, std::pair{"cookie", &info.cookie},
                                     std::pair{"x-csrf-token", &info.csrfToken},
                                     std::pair{"content-type", &info.contentType}})
            if (name == header)
                *field = value;
    }

    const QByteArray session = info.cookieValue("podbay_session");
    if (session.contains(';'))
        fuzz::broken("a cookie value runs into the next cookie");
    (void)info.changesState();
    const QJsonObject body = QJsonDocument::fromJson(info.body).object();
    const auto call = portal::apiCallFor(info.method, info.path, body, info.query);
    if (call && !portal::apiPathExists(info.path))
        fuzz::broken("a routed path is reported as missing (404 instead of 405)");
    if (call) {
        (void)QJsonDocument(call->params).toJson(QJsonDocument::Compact);
        if (call->method.isEmpty())
            fuzz::broken("a route without a helper method");
    }
    const int status = portal::httpStatusFor(body.value(QStringLiteral("code")).toString());
    if (status < 400 || status > 599)
        fuzz::broken("a helper error mapped to a status that is not an error");
    return 0;
}
