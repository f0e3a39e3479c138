#include "SshAuth.h"

#include "ErrorCodes.h"
#include "PromptBridge.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>

#include <libssh/libssh.h>

#include <cstring>

namespace podbay::core {
namespace {

QString lastError(ssh_session session)
{
    return QString::fromUtf8(ssh_get_error(session));
}

Error authError(QString message, QString hint = {})
{
    return Error{QString(errc::kAuth), std::move(message), std::move(hint)};
}

// Reads the server's key and its SHA256 fingerprint (the form ssh-keygen -lf prints).
HostKeyInfo serverHostKey(ssh_session session)
{
    HostKeyInfo info;
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(session, &key) != SSH_OK)
        return info;
    info.type = QString::fromLatin1(ssh_key_type_to_char(ssh_key_type(key)));
    unsigned char *hash = nullptr;
    size_t length = 0;
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &length) == SSH_OK) {
        char *text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length);
        info.fingerprint = QString::fromLatin1(text);
        ssh_string_free_char(text);
        ssh_clean_pubkey_hash(&hash);
    }
    ssh_key_free(key);
    return info;
}

// How many times a password or passphrase is asked before giving up, as OpenSSH's
// NumberOfPasswordPrompts default (ssh_config(5)).
constexpr int kSecretAttempts = 3;

struct PassphraseContext
{
    PromptBridge *bridge;
    QString keyFile;
    int attempt;
    bool declined = false;
};

// libssh's ssh_auth_callback: fills `buf` with the passphrase for an encrypted key.
int passphraseCallback(const char *, char *buf, size_t len, int, int, void *userdata)
{
    auto *context = static_cast<PassphraseContext *>(userdata);
    if (!context->bridge)
        return -1;
    const auto answer = context->bridge->askSecret(
        {SecretQuestion::Kind::KeyPassphrase,
         QObject::tr("Passphrase for %1").arg(context->keyFile), context->attempt});
    if (!answer) {
        context->declined = true;
        return -1;
    }
    const QByteArray utf8 = answer->toUtf8();
    if (static_cast<size_t>(utf8.size()) + 1 > len)
        return -1;
    std::memcpy(buf, utf8.constData(), static_cast<size_t>(utf8.size()) + 1);
    return 0;
}

QStringList candidateKeys(const ConnectionProfile &profile)
{
    if (!profile.identityFile.isEmpty())
        return {profile.identityFile};
    // The defaults OpenSSH tries, strongest first (ssh_config(5) IdentityFile).
    QStringList keys;
    for (const char *name : {"id_ed25519", "id_ecdsa", "id_rsa"}) {
        const QString path = QDir::homePath() + QStringLiteral("/.ssh/") + QLatin1String(name);
        if (QFileInfo::exists(path))
            keys << path;
    }
    return keys;
}

// Returns true when authenticated; an explicit key file that cannot be read is
// an error, not a silent fallback.
Result<bool> tryKeys(ssh_session session, const ConnectionProfile &profile, PromptBridge *bridge)
{
    for (const QString &file : candidateKeys(profile)) {
        const QByteArray path = QFile::encodeName(file);
        ssh_key key = nullptr;
        int rc = SSH_ERROR;
        bool declined = false;
        for (int attempt = 1; attempt <= kSecretAttempts && rc != SSH_OK && !declined; ++attempt) {
            PassphraseContext context{bridge, file, attempt};
            rc = ssh_pki_import_privkey_file(path.constData(), nullptr, &passphraseCallback, &context, &key);
            declined = context.declined || !bridge;
            // An unencrypted key that fails to load will not load on a retry either.
            if (rc != SSH_OK && !QFileInfo(file).isReadable())
                break;
        }
        if (rc != SSH_OK) {
            if (!profile.identityFile.isEmpty())
                return authError(QObject::tr("Cannot read the private key %1.").arg(file),
                                 QObject::tr("Check the path, the file's permissions and the passphrase."));
            continue;
        }
        rc = ssh_userauth_publickey(session, nullptr, key);
        ssh_key_free(key);
        if (rc == SSH_AUTH_SUCCESS)
            return true;
        if (rc == SSH_AUTH_ERROR)
            return authError(QObject::tr("Authentication failed: %1").arg(lastError(session)));
    }
    return false;
}

Result<bool> tryKeyboardInteractive(ssh_session session, const ConnectionProfile &profile, PromptBridge *bridge)
{
    bool passwordUsed = false;
    int rc = ssh_userauth_kbdint(session, nullptr, nullptr);
    // RFC 4256: the server may send any number of info requests, each with any
    // number of prompts (zero-prompt rounds included).
    for (int round = 0; rc == SSH_AUTH_INFO && round < 16; ++round) {
        Challenge challenge;
        challenge.name = QString::fromUtf8(ssh_userauth_kbdint_getname(session));
        challenge.instruction = QString::fromUtf8(ssh_userauth_kbdint_getinstruction(session));
        const int count = ssh_userauth_kbdint_getnprompts(session);
        for (int i = 0; i < count; ++i) {
            char echo = 0;
            const char *text = ssh_userauth_kbdint_getprompt(session, static_cast<unsigned>(i), &echo);
            challenge.prompts.append({QString::fromUtf8(text), echo != 0});
        }
        QStringList answers;
        const bool passwordPrompt = count == 1 && !challenge.prompts[0].echo
                                    && challenge.prompts[0].text.contains(QLatin1String("assword"), Qt::CaseInsensitive);
        if (count == 0) {
            // nothing to answer
        } else if (passwordPrompt && !profile.password.isEmpty() && !passwordUsed) {
            answers << profile.password;
            passwordUsed = true;
        } else {
            const auto given = bridge ? bridge->answerChallenge(challenge) : std::nullopt;
            if (!given || given->size() != count)
                return false;
            answers = *given;
        }
        for (int i = 0; i < count; ++i)
            ssh_userauth_kbdint_setanswer(session, static_cast<unsigned>(i), answers[i].toUtf8().constData());
        rc = ssh_userauth_kbdint(session, nullptr, nullptr);
    }
    if (rc == SSH_AUTH_ERROR)
        return authError(QObject::tr("Authentication failed: %1").arg(lastError(session)));
    return rc == SSH_AUTH_SUCCESS;
}

Result<bool> tryPassword(ssh_session session, const ConnectionProfile &profile, PromptBridge *bridge)
{
    for (int attempt = 1; attempt <= kSecretAttempts; ++attempt) {
        QString password;
        if (attempt == 1 && !profile.password.isEmpty()) {
            password = profile.password;
        } else {
            const auto answer = bridge ? bridge->askSecret({SecretQuestion::Kind::Password,
                                                            QObject::tr("Password for %1@%2")
                                                                .arg(profile.user, profile.host),
                                                            attempt})
                                       : std::nullopt;
            if (!answer)
                return false;
            password = *answer;
        }
        const int rc = ssh_userauth_password(session, nullptr, password.toUtf8().constData());
        if (rc == SSH_AUTH_SUCCESS)
            return true;
        if (rc == SSH_AUTH_ERROR)
            return authError(QObject::tr("Authentication failed: %1").arg(lastError(session)));
        if (!bridge)
            return false;
    }
    return false;
}

} // namespace

Result<HostKeyInfo> verifyHostKey(ssh_session session, const ConnectionProfile &profile, const QString &knownHosts,
                                  PromptBridge *bridge)
{
    const HostKeyInfo key = serverHostKey(session);
    const QString where = knownHostsPattern(profile.host, profile.port);
    switch (ssh_session_is_known_server(session)) {
    case SSH_KNOWN_HOSTS_OK:
        return key;
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER: {
        QStringList lines;
        for (int line : knownHostsLines(knownHosts, profile.host, profile.port))
            lines << QStringLiteral("%1:%2").arg(knownHosts).arg(line);
        return Error{QString(errc::kHostKeyChanged),
                     QObject::tr("The host key of %1 has CHANGED. It now presents %2 key %3, which does not "
                                 "match the key recorded in %4. Someone may be intercepting the connection.")
                         .arg(where, key.type, key.fingerprint,
                              lines.isEmpty() ? knownHosts : lines.join(QStringLiteral(", "))),
                     QObject::tr("Connection refused. If your site changed the login node's key, confirm the new "
                                 "fingerprint with them, then remove the old line (ssh-keygen -R '%1' -f %2).")
                         .arg(where, knownHosts)};
    }
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND:
        if (bridge && bridge->confirmHostKey({where, key, knownHosts})) {
            QDir().mkpath(QFileInfo(knownHosts).path());
            if (ssh_session_update_known_hosts(session) != SSH_OK)
                return Error{QString(errc::kHostKeyError),
                             QObject::tr("Could not record the host key of %1 in %2: %3")
                                 .arg(where, knownHosts, lastError(session)),
                             QObject::tr("Check that %1 is writable.").arg(knownHosts)};
            return key;
        }
        return Error{QString(errc::kHostKeyUnknown),
                     QObject::tr("The host key of %1 is not known: %2 key %3 is not in %4.")
                         .arg(where, key.type, key.fingerprint, knownHosts),
                     QObject::tr("Connection refused. Compare the fingerprint with the one your site publishes, "
                                 "then accept it when asked, or add it to %1.")
                         .arg(knownHosts)};
    case SSH_KNOWN_HOSTS_ERROR:
        break;
    }
    return Error{QString(errc::kHostKeyError),
                 QObject::tr("Could not check the host key of %1: %2").arg(where, lastError(session)),
                 QObject::tr("Check that %1 is a readable known_hosts file.").arg(knownHosts)};
}

Result<void> authenticate(ssh_session session, const ConnectionProfile &profile, PromptBridge *bridge)
{
    // "none" first: it returns the methods the server allows (RFC 4252 section 5.2).
    if (ssh_userauth_none(session, nullptr) == SSH_AUTH_SUCCESS)
        return {};
    const int offered = ssh_userauth_list(session, nullptr);
    const auto done = [](const Result<bool> &r) { return !r.ok() || r.value(); };
    const auto finish = [](const Result<bool> &r) -> Result<void> {
        if (!r.ok())
            return r.error();
        return {};
    };

    if (offered & SSH_AUTH_METHOD_PUBLICKEY) {
        // The agent only when the profile names no key: an explicit key is the user's choice.
        if (profile.identityFile.isEmpty() && qEnvironmentVariableIsSet("SSH_AUTH_SOCK")
            && ssh_userauth_agent(session, nullptr) == SSH_AUTH_SUCCESS)
            return {};
        if (auto r = tryKeys(session, profile, bridge); done(r))
            return finish(r);
    }
    if ((offered & SSH_AUTH_METHOD_GSSAPI_MIC) && ssh_userauth_gssapi(session) == SSH_AUTH_SUCCESS)
        return {};
    if (offered & SSH_AUTH_METHOD_INTERACTIVE) {
        if (auto r = tryKeyboardInteractive(session, profile, bridge); done(r))
            return finish(r);
    }
    if (offered & SSH_AUTH_METHOD_PASSWORD) {
        if (auto r = tryPassword(session, profile, bridge); done(r))
            return finish(r);
    }
    return authError(QObject::tr("The login node did not accept the credentials of %1.").arg(profile.user),
                     QObject::tr("Check the user name, the key file or the password."));
}

} // namespace podbay::core
