#pragma once
// The helper's version (from `podbay-helper version --json` or system.hello) and
// the compatibility rule: the protocol major must match ours (architecture.md,
// "Helper protocol"; docs/protocol.md).

#include "Error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>
#include <QString>

namespace podbay::core {

struct HelperVersion
{
    QString name;
    QString version;
    int protocolMajor = 0;
    int protocolMinor = 0;

    QString toString() const;
};

// What system.hello tells about the helper, the caller and the node.
struct HelloInfo
{
    HelperVersion helper;
    QString user;
    QStringList roles; // "user", "helpdesk", "admin"
    bool privileged = false;
    QStringList methods;
    QJsonObject node;

    bool hasRole(const QString &role) const { return roles.contains(role); }
};

// Parses the helper's JSON; a malformed document or a different protocol major is an
// Error whose hint says what the site must install.
Result<HelperVersion> parseHelperVersion(const QByteArray &json);
Result<HelloInfo> parseHello(const QJsonObject &result);

} // namespace podbay::core
