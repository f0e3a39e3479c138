#pragma once
// One login through the portal while it is under way. The SSH connection is opened in the
// background; whatever the login node asks that the request did not answer (a one-time
// code, or the password when none was sent: keyboard-interactive, RFC 4256) is relayed to
// the browser as a challenge, and the browser's answers are fed back, step by step.
// Host keys are never accepted here: the portal's known_hosts must know the login node.

#include <Connection.h>
#include <Prompter.h>

#include <QDateTime>
#include <QHostAddress>
#include <QObject>

#include <memory>
#include <optional>

namespace podbay::portal {

class PendingLogin : public QObject, public core::Prompter
{
    Q_OBJECT

public:
    enum class State { Running, Challenge, Done };

    PendingLogin(core::ConnectionProfile profile, QHostAddress client, QObject *parent = nullptr);
    ~PendingLogin() override;

    // Starts connecting; progressed() follows when a challenge waits or the login ended.
    void start();
    // The browser's answers to the current challenge (one per prompt); false when no
    // challenge waits or the number of answers is wrong.
    bool answer(const QStringList &answers);

    State state() const { return m_state; }
    const core::Challenge &challenge() const { return m_challenge; }
    // Once Done.
    const core::Result<core::HelloInfo> &result() const { return *m_result; }
    std::unique_ptr<core::Connection> takeConnection() { return std::move(m_connection); }

    const QByteArray id;
    const QHostAddress client;
    const QString user;
    const QDateTime started;

    // How long a challenge waits for its answers (sshd's LoginGraceTime is 120 s).
    static constexpr std::chrono::seconds kAnswerTimeout{120};

    QCoro::Task<bool> confirmHostKey(core::HostKeyQuestion question) override;
    QCoro::Task<std::optional<QString>> askSecret(core::SecretQuestion question) override;
    QCoro::Task<std::optional<QStringList>> answerChallenge(core::Challenge challenge) override;

Q_SIGNALS:
    void progressed();
    void answered(const QStringList &answers);

private:
    QCoro::Task<> run();
    QCoro::Task<std::optional<QStringList>> relay(core::Challenge challenge);

    core::ConnectionProfile m_profile;
    bool m_passwordGiven;
    std::unique_ptr<core::Connection> m_connection;
    State m_state = State::Running;
    core::Challenge m_challenge;
    std::optional<core::Result<core::HelloInfo>> m_result;
    bool m_abandoned = false;
};

} // namespace podbay::portal
