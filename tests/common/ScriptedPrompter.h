#pragma once
// A Prompter that answers from a script and records what it was asked.

#include <Prompter.h>

namespace podbay::test {

class ScriptedPrompter : public core::Prompter
{
public:
    bool trustHostKey = false;
    QList<core::HostKeyQuestion> hostKeyQuestions;
    QStringList secrets; // answered in order; empty: decline
    QList<core::SecretQuestion> secretQuestions;
    QList<QStringList> challengeAnswers; // answered in order; empty: decline
    QList<core::Challenge> challenges;

    QCoro::Task<bool> confirmHostKey(core::HostKeyQuestion question) override
    {
        hostKeyQuestions << question;
        co_return trustHostKey;
    }

    QCoro::Task<std::optional<QString>> askSecret(core::SecretQuestion question) override
    {
        secretQuestions << question;
        if (secrets.isEmpty())
            co_return std::nullopt;
        co_return secrets.takeFirst();
    }

    QCoro::Task<std::optional<QStringList>> answerChallenge(core::Challenge challenge) override
    {
        challenges << challenge;
        if (challengeAnswers.isEmpty())
            co_return std::nullopt;
        co_return challengeAnswers.takeFirst();
    }
};

} // namespace podbay::test
