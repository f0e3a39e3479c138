#pragma once
// What the SSH layer must ask a person: an unknown host key, a password or key
// passphrase, and keyboard-interactive challenges (one-time codes). The desktop
// app answers with dialogs, the portal relays the questions to the browser, tests
// answer from a script. Answers are coroutines: asking may take minutes.

#include "KnownHosts.h"

#include <QCoroTask>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace podbay::core {

struct HostKeyQuestion
{
    QString host; // as written to known_hosts: "host" or "[host]:port"
    HostKeyInfo key;
    QString knownHostsFile;
};

struct SecretQuestion
{
    enum class Kind { Password, KeyPassphrase };
    Kind kind = Kind::Password;
    QString prompt; // e.g. "Password for alice@login1" or "Passphrase for ~/.ssh/id_ed25519"
    int attempt = 1;
};

// RFC 4256 section 3.2: a name, an instruction and prompts, each with an echo flag.
struct Challenge
{
    QString name;
    QString instruction;
    struct Prompt
    {
        QString text;
        bool echo = false;
    };
    QList<Prompt> prompts;
};

class Prompter
{
public:
    virtual ~Prompter() = default;

    // True: trust the key and record it in known_hosts. Never asked for a changed key.
    virtual QCoro::Task<bool> confirmHostKey(HostKeyQuestion question) = 0;
    // nullopt: the person declined; authentication with this method stops.
    virtual QCoro::Task<std::optional<QString>> askSecret(SecretQuestion question) = 0;
    // One answer per prompt, or nullopt to give up.
    virtual QCoro::Task<std::optional<QStringList>> answerChallenge(Challenge challenge) = 0;
};

} // namespace podbay::core
