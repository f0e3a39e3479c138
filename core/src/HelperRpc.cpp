#include "HelperRpc.h"

#include "ErrorCodes.h"
#include "ShellQuote.h"

#include <podbay/protocol/Protocol.h>
#include <podbay/protocol/Version.h>

#include <QCoroFuture>
#include <QJsonDocument>
#include <QPromise>
#include <QTimer>

namespace podbay::core {

struct HelperRpc::Pending
{
    QPromise<Result<QJsonValue>> promise;
    bool done = false;

    void answer(Result<QJsonValue> value)
    {
        if (done)
            return;
        done = true;
        promise.addResult(std::move(value));
        promise.finish();
    }
};

namespace {

// Bytes a response line may have before we treat the stream as broken; the
// helper's own limit for requests is 4 MiB, responses (image lists, logs) may be larger.
constexpr qsizetype kMaxResponseLine = 64 * 1024 * 1024;

QLatin1StringView sv(std::string_view s)
{
    return QLatin1StringView(s.data(), qsizetype(s.size()));
}

QString serveCommand(const QString &helper, HelperRpc::Mode mode)
{
    if (mode == HelperRpc::Mode::Privileged)
        // -n: never prompt; a password prompt would hang the channel (sudo(8)).
        return shellJoin({QStringLiteral("sudo"), QStringLiteral("-n"), helper, QStringLiteral("serve"),
                          QStringLiteral("--privileged")});
    return shellJoin({helper, QStringLiteral("serve")});
}

// Why the serve channel ended, in words a user can act on.
Error channelEnded(int exitStatus, const QString &error, const QByteArray &stderrText, const QString &helper,
                   HelperRpc::Mode mode)
{
    const QString said = QString::fromUtf8(stderrText).trimmed();
    if (exitStatus == 127 || exitStatus == 126)
        return Error{QString(errc::kHelperMissing),
                     QObject::tr("podbay-helper is not installed on the login node (tried '%1').").arg(helper),
                     QObject::tr("Ask your site to install the podbay-helper package (version %1) on the login "
                                 "node, or set the helper path in the connection settings.")
                         .arg(QLatin1StringView(kVersion))};
    if (mode == HelperRpc::Mode::Privileged && said.startsWith(QLatin1String("sudo:")))
        return Error{QString(sv(protocol::error::kForbidden)),
                     QObject::tr("sudo refused to run the privileged helper: %1").arg(said),
                     QObject::tr("Helpdesk and admin views need the site's sudoers rule for podbay-helper; ask your "
                                 "site to add you to the helpdesk or admin group.")};
    if (!error.isEmpty())
        return Error{QString(errc::kDisconnected), error, QObject::tr("Reconnect to continue.")};
    return Error{QString(errc::kHelperFailed),
                 QObject::tr("podbay-helper stopped (exit status %1)%2")
                     .arg(exitStatus)
                     .arg(said.isEmpty() ? QString() : QStringLiteral(": ") + said),
                 QObject::tr("Reconnect; if it happens again, ask your site to check podbay-helper.")};
}

} // namespace

HelperRpc::HelperRpc(SshConnection *ssh, QObject *parent)
    : QObject(parent)
    , m_ssh(ssh)
{
}

HelperRpc::~HelperRpc()
{
    stop();
}

QCoro::Task<Result<HelloInfo>> HelperRpc::start(Mode mode)
{
    stop();
    if (!m_ssh)
        co_return Error{QString(errc::kNotConnected), tr("Not connected to the login node."), {}};
    m_mode = mode;
    QPointer<HelperRpc> self(this);
    const QString helper = m_ssh->profile().helperCommand;
    auto opened = co_await m_ssh->openChannel(serveCommand(helper, mode));
    if (!self)
        co_return Error{};
    if (!opened.ok())
        co_return opened.error();
    m_channel = opened.value();
    m_buffer.clear();
    m_stderr.clear();
    connect(m_channel, &SshChannel::dataReceived, this, &HelperRpc::onData);
    connect(m_channel, &SshChannel::finished, this, &HelperRpc::onFinished);

    auto answer = co_await call(QString(sv(protocol::method::kHello)), {}, std::chrono::seconds(60));
    if (!self)
        co_return Error{};
    if (!answer.ok()) {
        stop();
        co_return answer.error();
    }
    Result<HelloInfo> hello = parseHello(answer.value().toObject());
    if (!hello.ok()) {
        stop();
        co_return hello.error();
    }
    m_hello = hello.value();
    co_return hello;
}

qint64 HelperRpc::send(const QString &method, const QJsonObject &params)
{
    const qint64 id = ++m_nextId;
    auto pending = std::make_shared<Pending>();
    pending->promise.start();
    m_pending.insert(id, pending);
    if (!isRunning()) {
        pending->answer(Error{QString(errc::kNotConnected), tr("The helper is not running."), tr("Reconnect.")});
        return id;
    }
    const QJsonObject request{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                              {QStringLiteral("id"), id},
                              {QStringLiteral("method"), method},
                              {QStringLiteral("params"), params}};
    m_channel->write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
    return id;
}

QCoro::Task<Result<QJsonValue>> HelperRpc::waitFor(qint64 id, std::chrono::milliseconds timeout)
{
    const std::shared_ptr<Pending> pending = m_pending.value(id);
    if (!pending)
        co_return Error{QString(sv(protocol::error::kNotFound)), tr("No call %1 is pending.").arg(id), {}};
    QFuture<Result<QJsonValue>> future = pending->promise.future();
    QPointer<HelperRpc> self(this);
    // Every wait has a limit: a helper that never answers must not hang the app.
    QTimer::singleShot(timeout, this, [this, id] {
        if (auto p = m_pending.value(id)) {
            cancel(id);
            p->answer(Error{QString(errc::kTimeout), tr("The login node did not answer in time."),
                            tr("Try again; if it keeps happening, check the login node's load.")});
        }
    });
    Result<QJsonValue> result = co_await future;
    if (self)
        m_pending.remove(id);
    co_return result;
}

QCoro::Task<Result<QJsonValue>> HelperRpc::call(QString method, QJsonObject params, std::chrono::milliseconds timeout)
{
    const qint64 id = send(method, params);
    Result<QJsonValue> result = co_await waitFor(id, timeout);
    co_return result;
}

void HelperRpc::cancel(qint64 id)
{
    if (!isRunning() || !m_pending.contains(id))
        return;
    const QJsonObject notification{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                                   {QStringLiteral("method"), QString(sv(protocol::method::kCancel))},
                                   {QStringLiteral("params"), QJsonObject{{QStringLiteral("id"), id}}}};
    m_channel->write(QJsonDocument(notification).toJson(QJsonDocument::Compact) + '\n');
}

void HelperRpc::stop()
{
    if (m_channel) {
        // Closing stdin ends `serve`, which cancels whatever still runs.
        m_channel->disconnect(this);
        m_channel->sendEof();
        m_channel->deleteLater();
        m_channel = nullptr;
        failAll(Error{QString(errc::kDisconnected), tr("The helper connection was closed."), {}});
    }
}

void HelperRpc::onData(const QByteArray &data, bool isStderr)
{
    if (isStderr) {
        m_stderr += data.right(4096);
        return;
    }
    m_buffer += data;
    qsizetype newline;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray frame = m_buffer.left(newline);
        m_buffer.remove(0, newline + 1);
        handleFrame(frame);
    }
    if (m_buffer.size() > kMaxResponseLine) {
        const Error broken{QString(errc::kBadResponse), tr("The helper sent an oversized frame."), {}};
        stop();
        Q_EMIT stopped(broken);
    }
}

void HelperRpc::handleFrame(const QByteArray &frame)
{
    const QJsonObject message = QJsonDocument::fromJson(frame).object();
    if (message.isEmpty())
        return;
    const QJsonObject params = message.value(QStringLiteral("params")).toObject();
    const QString method = message.value(QStringLiteral("method")).toString();
    if (method == sv(protocol::notification::kProgress)) {
        Q_EMIT progress(params.value(QStringLiteral("id")).toInteger(), params.value(QStringLiteral("fraction")).toDouble(),
                        params.value(QStringLiteral("message")).toString());
        return;
    }
    if (method == sv(protocol::notification::kLog)) {
        Q_EMIT log(params.value(QStringLiteral("id")).toInteger(), params.value(QStringLiteral("stream")).toString(),
                   params.value(QStringLiteral("text")).toString());
        return;
    }
    const QJsonValue idValue = message.value(QStringLiteral("id"));
    const auto pending = m_pending.value(idValue.toInteger(-1));
    if (!pending)
        return; // an answer to a call that timed out, or a protocol error with id null
    if (message.contains(QStringLiteral("error"))) {
        const QJsonObject error = message.value(QStringLiteral("error")).toObject();
        const QJsonObject data = error.value(QStringLiteral("data")).toObject();
        pending->answer(Error{data.value(QStringLiteral("code")).toString(QStringLiteral("E_INTERNAL")),
                              error.value(QStringLiteral("message")).toString(),
                              data.value(QStringLiteral("hint")).toString()});
        return;
    }
    pending->answer(message.value(QStringLiteral("result")));
}

void HelperRpc::onFinished(int exitStatus, const QString &error)
{
    const Error reason =
        channelEnded(exitStatus, error, m_stderr, m_ssh ? m_ssh->profile().helperCommand : QString(), m_mode);
    if (m_channel)
        m_channel->deleteLater();
    m_channel = nullptr;
    failAll(reason);
    Q_EMIT stopped(reason);
}

void HelperRpc::failAll(const Error &error)
{
    const auto pending = m_pending;
    for (const auto &p : pending)
        p->answer(error);
}

} // namespace podbay::core
