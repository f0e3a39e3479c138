#pragma once
// Every admin command of the helper (subids, storage, docker-alias, registry, nvidia,
// ldap, prune, setup, status) as a JSON-RPC method of `serve --privileged`, for the
// admin views of the desktop app and the portal. Each runs the very command an admin
// types, in a child process (`podbay-helper --json COMMAND VERB --flag value`), so the
// dry-run plan, the locks, the audit lines and the JSON are the CLI's, not a second copy.

#include "rpc/Method.h"

#include <span>

namespace podbay::helper::admin {

// The admin.* methods, all of audience Admin.
std::span<const rpc::Method> adminMethods();

// "minUid" -> "--min-uid": the CLI's flag for a camelCase param.
std::string flagFor(std::string_view param);

} // namespace podbay::helper::admin
