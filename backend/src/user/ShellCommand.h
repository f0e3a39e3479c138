#pragma once
// `podbay-helper shell CONTAINER`: an interactive shell in one of the caller's working
// containers, for a real terminal. The desktop app runs it on an SSH exec channel of its
// own with a PTY (RFC 4254 section 6.2, "pty-req"); nothing of it goes through `serve`,
// whose channel carries JSON lines and no terminal.

#include "CommandContext.h"

namespace podbay::helper::user {

int runShell(CommandContext &ctx, Args args);

} // namespace podbay::helper::user
