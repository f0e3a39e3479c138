#pragma once
// Lets the SSH worker thread, which is blocked inside libssh's connect and
// authentication calls, ask the main thread's Prompter and wait for the answer.
// cancelAll() (on close or destruction) answers every open and future question
// with "no", so the worker can never wait forever.

#include "Prompter.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>

namespace podbay::core {

class PromptBridge : public QObject
{
    Q_OBJECT

public:
    explicit PromptBridge(QObject *parent = nullptr);
    ~PromptBridge() override;

    // Main thread. Not owned; nullptr: every question is answered "no".
    void setPrompter(Prompter *prompter) { m_prompter = prompter; }
    // Main thread: answers every pending question with "no" and refuses new ones
    // until reopen().
    void cancelAll();
    void reopen();

    // Worker thread: block until answered.
    bool confirmHostKey(const HostKeyQuestion &question);
    std::optional<QString> askSecret(const SecretQuestion &question);
    std::optional<QStringList> answerChallenge(const Challenge &question);

private:
    template<typename T>
    struct Pending
    {
        std::promise<std::optional<T>> promise;
        std::atomic_flag answered;
        void answer(std::optional<T> value)
        {
            if (!answered.test_and_set())
                promise.set_value(std::move(value));
        }
    };

    template<typename T, typename Question, typename Ask>
    std::optional<T> ask(Question question, Ask ask);
    template<typename T, typename Question, typename Ask>
    QCoro::Task<> run(std::shared_ptr<Pending<T>> pending, Question question, Ask ask);

    Prompter *m_prompter = nullptr;
    std::mutex m_mutex;
    bool m_closed = false;
    quint64 m_nextId = 0;
    std::map<quint64, std::function<void()>> m_cancellers;
};

} // namespace podbay::core
