#include "PendingLogin.h"

#include "SessionStore.h"

#include <QCoroSignal>
#include <QPointer>

namespace podbay::portal {

PendingLogin::PendingLogin(core::ConnectionProfile profile, QHostAddress client, QObject *parent)
    : QObject(parent)
    , id(SessionStore::randomToken())
    , client(std::move(client))
    , user(profile.user)
    , started(QDateTime::currentDateTimeUtc())
    , m_profile(std::move(profile))
    , m_passwordGiven(!m_profile.password.isEmpty())
    , m_connection(std::make_unique<core::Connection>())
{
    m_connection->setPrompter(this);
}

PendingLogin::~PendingLogin()
{
    // An abandoned login: a relayed question still waiting ends now (its coroutine must
    // not outlive us), and the worker, which may wait in a prompt, is answered "no" by close().
    m_abandoned = true;
    if (m_state == State::Challenge)
        Q_EMIT answered({});
    if (m_connection) {
        m_connection->setPrompter(nullptr);
        m_connection->close();
        m_connection.release()->deleteLater();
    }
}

void PendingLogin::start()
{
    run();
}

QCoro::Task<> PendingLogin::run()
{
    QPointer<PendingLogin> self(this);
    auto result = co_await m_connection->open(m_profile);
    if (!self)
        co_return;
    m_profile.password.clear(); // held only for the attempt
    if (result.ok())
        m_connection->setPrompter(nullptr);
    m_result = std::move(result);
    m_state = State::Done;
    Q_EMIT progressed();
}

bool PendingLogin::answer(const QStringList &answers)
{
    if (m_state != State::Challenge || answers.size() != m_challenge.prompts.size())
        return false;
    m_state = State::Running;
    Q_EMIT answered(answers);
    return true;
}

QCoro::Task<bool> PendingLogin::confirmHostKey(core::HostKeyQuestion)
{
    co_return false; // the login node's key belongs in the portal's known_hosts file
}

QCoro::Task<std::optional<QString>> PendingLogin::askSecret(core::SecretQuestion question)
{
    // A password sent with the request was wrong: that is the answer (401), not a new
    // question. A key passphrase is never asked: the portal logs in with passwords.
    if (m_passwordGiven || question.kind != core::SecretQuestion::Kind::Password)
        co_return std::nullopt;
    core::Challenge challenge;
    challenge.prompts.append({question.prompt, false});
    const auto answers = co_await relay(challenge);
    if (!answers)
        co_return std::nullopt;
    co_return answers->value(0);
}

QCoro::Task<std::optional<QStringList>> PendingLogin::answerChallenge(core::Challenge challenge)
{
    return relay(std::move(challenge));
}

QCoro::Task<std::optional<QStringList>> PendingLogin::relay(core::Challenge challenge)
{
    QPointer<PendingLogin> self(this);
    m_challenge = std::move(challenge);
    m_state = State::Challenge;
    Q_EMIT progressed();
    const auto answers = co_await qCoro(this, &PendingLogin::answered, kAnswerTimeout);
    if (!self || m_abandoned)
        co_return std::nullopt;
    m_state = State::Running;
    if (!answers)
        co_return std::nullopt; // no answer in time: the login fails
    co_return *answers;
}

} // namespace podbay::portal
