#include "PromptBridge.h"

namespace podbay::core {

PromptBridge::PromptBridge(QObject *parent)
    : QObject(parent)
{
}

PromptBridge::~PromptBridge()
{
    cancelAll();
}

void PromptBridge::cancelAll()
{
    std::map<quint64, std::function<void()>> cancellers;
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        cancellers.swap(m_cancellers);
    }
    for (auto &[id, cancel] : cancellers)
        cancel();
}

void PromptBridge::reopen()
{
    std::lock_guard lock(m_mutex);
    m_closed = false;
}

template<typename T, typename Question, typename Ask>
std::optional<T> PromptBridge::ask(Question question, Ask askFn)
{
    auto pending = std::make_shared<Pending<T>>();
    std::future<std::optional<T>> answer = pending->promise.get_future();
    quint64 id = 0;
    {
        std::lock_guard lock(m_mutex);
        if (m_closed)
            return std::nullopt;
        id = ++m_nextId;
        m_cancellers.emplace(id, [pending] { pending->answer(std::nullopt); });
    }
    QMetaObject::invokeMethod(
        this, [this, pending, question, askFn] { run<T>(pending, question, askFn); }, Qt::QueuedConnection);
    std::optional<T> result = answer.get();
    std::lock_guard lock(m_mutex);
    m_cancellers.erase(id);
    return result;
}

template<typename T, typename Question, typename Ask>
QCoro::Task<> PromptBridge::run(std::shared_ptr<Pending<T>> pending, Question question, Ask askFn)
{
    if (!m_prompter) {
        pending->answer(std::nullopt);
        co_return;
    }
    std::optional<T> answer = co_await askFn(*m_prompter, std::move(question));
    pending->answer(std::move(answer));
}

bool PromptBridge::confirmHostKey(const HostKeyQuestion &question)
{
    return ask<bool>(question, [](Prompter &p, HostKeyQuestion q) { return p.confirmHostKey(std::move(q)); })
        .value_or(false);
}

std::optional<QString> PromptBridge::askSecret(const SecretQuestion &question)
{
    return ask<QString>(question, [](Prompter &p, SecretQuestion q) { return p.askSecret(std::move(q)); });
}

std::optional<QStringList> PromptBridge::answerChallenge(const Challenge &question)
{
    return ask<QStringList>(question,
                            [](Prompter &p, Challenge q) { return p.answerChallenge(std::move(q)); });
}

} // namespace podbay::core
