#include "HelperVersion.h"

#include "ErrorCodes.h"

#include <podbay/protocol/Protocol.h>
#include <podbay/protocol/Version.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QObject>

namespace podbay::core {
namespace {

Error badResponse(const QString &why)
{
    return Error{QString(errc::kBadResponse),
                 QObject::tr("The login node's podbay-helper gave an answer this app cannot read: %1").arg(why),
                 QObject::tr("Ask your site to install podbay-helper %1.").arg(QLatin1StringView(kVersion))};
}

QLatin1StringView helperName()
{
    return QLatin1StringView(protocol::kHelperName.data(), qsizetype(protocol::kHelperName.size()));
}

// Both the version document and hello carry {"protocol": {"major", "minor"}}.
Result<HelperVersion> readVersion(const QString &name, const QString &version, const QJsonObject &protocol)
{
    if (name != helperName() || !protocol.value(QLatin1StringView("major")).isDouble())
        return badResponse(QObject::tr("not a podbay-helper version document"));
    HelperVersion v;
    v.name = name;
    v.version = version;
    v.protocolMajor = protocol.value(QLatin1StringView("major")).toInt();
    v.protocolMinor = protocol.value(QLatin1StringView("minor")).toInt();
    if (v.protocolMajor != protocol::kMajor)
        return Error{QString(errc::kProtocolMismatch),
                     QObject::tr("The login node has podbay-helper %1, which speaks protocol %2; this app "
                                 "speaks protocol %3.")
                         .arg(v.version)
                         .arg(v.protocolMajor)
                         .arg(protocol::kMajor),
                     QObject::tr("Ask your site to install a podbay-helper with protocol %1.x (podbay-helper %2), "
                                 "or use a Podbay app that matches the login node.")
                         .arg(protocol::kMajor)
                         .arg(QLatin1StringView(kVersion))};
    return v;
}

} // namespace

QString HelperVersion::toString() const
{
    return QStringLiteral("%1 %2 (protocol %3.%4)").arg(name, version).arg(protocolMajor).arg(protocolMinor);
}

Result<HelperVersion> parseHelperVersion(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return badResponse(parseError.errorString());
    const QJsonObject object = document.object();
    return readVersion(object.value(QLatin1StringView("name")).toString(),
                       object.value(QLatin1StringView("version")).toString(),
                       object.value(QLatin1StringView("protocol")).toObject());
}

Result<HelloInfo> parseHello(const QJsonObject &result)
{
    const QJsonObject helper = result.value(QLatin1StringView("helper")).toObject();
    Result<HelperVersion> version = readVersion(helper.value(QLatin1StringView("name")).toString(),
                                                helper.value(QLatin1StringView("version")).toString(),
                                                result.value(QLatin1StringView("protocol")).toObject());
    if (!version.ok())
        return version.error();
    HelloInfo hello;
    hello.helper = version.value();
    const QJsonObject caller = result.value(QLatin1StringView("caller")).toObject();
    hello.user = caller.value(QLatin1StringView("user")).toString();
    hello.privileged = caller.value(QLatin1StringView("privileged")).toBool();
    for (const QJsonValue &role : caller.value(QLatin1StringView("roles")).toArray())
        hello.roles << role.toString();
    const QJsonObject capabilities = result.value(QLatin1StringView("capabilities")).toObject();
    for (const QJsonValue &method : capabilities.value(QLatin1StringView("methods")).toArray())
        hello.methods << method.toString();
    hello.node = result.value(QLatin1StringView("node")).toObject();
    if (hello.user.isEmpty())
        return badResponse(QObject::tr("system.hello did not name the caller"));
    return hello;
}

} // namespace podbay::core
