#pragma once
// Host key verification and user authentication on a connected libssh session.
// Worker-thread code: every call here may block on the network or on a person
// answering through the PromptBridge.

#include "ConnectionProfile.h"
#include "Error.h"
#include "KnownHosts.h"

typedef struct ssh_session_struct *ssh_session;

namespace podbay::core {

class PromptBridge;

// Accepts a key already in known_hosts; asks (via the bridge) about an unknown key
// and records it when the person trusts it; refuses a changed key, naming the
// known_hosts lines that hold the old one. Never accepts silently.
Result<HostKeyInfo> verifyHostKey(ssh_session session, const ConnectionProfile &profile, const QString &knownHosts,
                                  PromptBridge *bridge);

// Tries, among the methods the server offers: ssh-agent, the profile's key file or
// the default keys (ed25519, ECDSA, RSA; encrypted ones ask for their passphrase),
// GSSAPI/Kerberos, keyboard-interactive (any number of prompts) and password.
Result<void> authenticate(ssh_session session, const ConnectionProfile &profile, PromptBridge *bridge);

} // namespace podbay::core
