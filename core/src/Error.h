#pragma once
// Errors as values: coroutine results carry either a value or an Error that both
// front ends can show (message, hint) and switch on (code, see ErrorCodes.h and
// podbay/protocol/Protocol.h for the helper's codes).

#include <QString>

#include <optional>
#include <utility>

namespace podbay::core {

struct Error
{
    QString code;
    QString message;
    QString hint;

    // "message (hint)" for a status line or a log.
    QString toString() const { return hint.isEmpty() ? message : message + QStringLiteral("\n") + hint; }
};

template<typename T>
class Result
{
public:
    // An empty result is a failure without a value (QCoro::waitFor needs the default
    // constructor; no code path returns it on purpose).
    Result() = default;
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    const T &value() const & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

template<>
class Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_ok(false) {}

    bool ok() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

} // namespace podbay::core
