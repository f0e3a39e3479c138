// The JSON-RPC server of `podbay-helper serve` over real pipes: framing limits,
// error objects, concurrent calls, $/cancel, notifications, roles and EOF.
#include "HelperError.h"
#include "rpc/CallerIdentity.h"
#include "rpc/LineReader.h"
#include "rpc/Methods.h"
#include "rpc/Server.h"

#include <podbay/protocol/Protocol.h>

#include <nlohmann/json.hpp>

#include <QTest>

#include <chrono>
#include <fcntl.h>
#include <poll.h>
#include <thread>
#include <unistd.h>

using namespace podbay::helper;
using namespace podbay::helper::rpc;
using nlohmann::json;

namespace {

// Waits until $/cancel (or EOF) stops it, reporting progress first.
json waitForCancel(Call &call)
{
    call.progress(0.5, "waiting");
    call.log("stdout", "line\n");
    while (!call.stopToken().stop_requested())
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    throw HelperError(podbay::protocol::error::kCancelled, "cancelled", "");
}

json echo(Call &call)
{
    return call.params();
}

json fail(Call &)
{
    throw HelperError(podbay::protocol::error::kBadName, "bad name 'x;y'", "use letters and digits");
}

json crash(Call &)
{
    throw std::runtime_error("boom");
}

json helpdeskOnly(Call &call)
{
    return call.caller().user;
}

const Method kTestMethods[] = {
    {podbay::protocol::method::kHello, Audience::Everyone, &hello},
    {"test.wait", Audience::Everyone, &waitForCancel},
    {"test.echo", Audience::Everyone, &echo},
    {"test.fail", Audience::Everyone, &fail},
    {"test.crash", Audience::Everyone, &crash},
    {"test.user", Audience::User, &echo},
    {"test.helpdesk", Audience::Helpdesk, &helpdeskOnly},
};

// A server on two pipes, run on its own thread, with line-based client helpers.
class Harness
{
public:
    explicit Harness(Caller caller = {}, ServerLimits limits = {})
        : m_caller(std::move(caller))
    {
        int in[2], out[2];
        if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0)
            qFatal("pipe2 failed");
        m_toServer = in[1];
        m_fromServer = out[0];
        m_serverIn = in[0];
        m_serverOut = out[1];
        m_thread = std::thread([this, limits] {
            Server server(kTestMethods, m_caller, m_context, m_serverIn, m_serverOut, limits);
            m_exitCode = server.run();
            ::close(m_serverOut);
        });
    }

    ~Harness()
    {
        closeInput();
        if (m_thread.joinable())
            m_thread.join();
        ::close(m_fromServer);
        ::close(m_serverIn);
    }

    void sendRaw(const std::string &text)
    {
        std::size_t done = 0;
        while (done < text.size()) {
            const ssize_t n = ::write(m_toServer, text.data() + done, text.size() - done);
            if (n <= 0)
                return;
            done += static_cast<std::size_t>(n);
        }
    }

    void send(const json &message) { sendRaw(message.dump() + "\n"); }

    void request(json id, const std::string &method, json params = json::object())
    {
        send({{"jsonrpc", "2.0"}, {"id", std::move(id)}, {"method", method}, {"params", std::move(params)}});
    }

    // Next frame from the server, or a null json after the timeout.
    json next(int timeoutMs = 5000)
    {
        for (;;) {
            if (const auto newline = m_buffer.find('\n'); newline != std::string::npos) {
                const std::string line = m_buffer.substr(0, newline);
                m_buffer.erase(0, newline + 1);
                return json::parse(line);
            }
            pollfd pfd{m_fromServer, POLLIN, 0};
            if (::poll(&pfd, 1, timeoutMs) <= 0)
                return json();
            char chunk[4096];
            const ssize_t n = ::read(m_fromServer, chunk, sizeof chunk);
            if (n <= 0)
                return json();
            m_buffer.append(chunk, static_cast<std::size_t>(n));
        }
    }

    // Next response (skipping notifications) for `id`.
    json responseFor(const json &id)
    {
        for (int i = 0; i < 100; ++i) {
            json frame = next();
            if (frame.is_null())
                return frame;
            if (frame.contains("id") && frame["id"] == id)
                return frame;
        }
        return json();
    }

    void closeInput()
    {
        if (m_toServer >= 0) {
            ::close(m_toServer);
            m_toServer = -1;
        }
    }

    bool joinWithin(std::chrono::milliseconds limit)
    {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (m_exitCode < 0 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        return m_exitCode == 0;
    }

private:
    Caller m_caller;
    std::ostringstream m_out, m_err;
    CommandContext m_context{m_out, m_err};
    int m_toServer = -1, m_fromServer = -1, m_serverIn = -1, m_serverOut = -1;
    std::atomic<int> m_exitCode = -1;
    std::thread m_thread;
    std::string m_buffer;
};

std::string errorCode(const json &response)
{
    return response.at("error").at("data").at("code").get<std::string>();
}

} // namespace

class TestRpcServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helloListsWhatTheCallerMayCall()
    {
        Caller alice;
        alice.user = "alice";
        alice.uid = 1001;
        Harness h(alice);
        h.request(1, "system.hello");
        const json r = h.responseFor(1);
        QCOMPARE(r.at("jsonrpc").get<std::string>(), std::string("2.0"));
        const json &result = r.at("result");
        QCOMPARE(result.at("protocol").at("major").get<int>(), podbay::protocol::kMajor);
        QCOMPARE(result.at("caller").at("user").get<std::string>(), std::string("alice"));
        QVERIFY(result.at("caller").at("roles") == json::array({"user"}));
        const json &methods = result.at("capabilities").at("methods");
        QVERIFY(std::ranges::find(methods, json("test.user")) != methods.end());
        QVERIFY(std::ranges::find(methods, json("test.helpdesk")) == methods.end());
        QVERIFY(result.at("node").at("podman").contains("present"));
    }

    void malformedFramesGetJsonRpcErrors_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<int>("code");
        QTest::newRow("not json") << "{oops" << -32700;
        QTest::newRow("batch") << R"([{"jsonrpc":"2.0","id":1,"method":"test.echo"}])" << -32600;
        QTest::newRow("no version") << R"({"id":1,"method":"test.echo"})" << -32600;
        QTest::newRow("numeric version") << R"({"jsonrpc":2.0,"id":1,"method":"test.echo"})" << -32600;
        QTest::newRow("no method") << R"({"jsonrpc":"2.0","id":1})" << -32600;
        QTest::newRow("object id") << R"({"jsonrpc":"2.0","id":{},"method":"test.echo"})" << -32600;
        QTest::newRow("array params") << R"({"jsonrpc":"2.0","id":1,"method":"test.echo","params":[1]})" << -32602;
        QTest::newRow("unknown method") << R"({"jsonrpc":"2.0","id":1,"method":"rm -rf /"})" << -32601;
    }

    void malformedFramesGetJsonRpcErrors()
    {
        QFETCH(QString, frame);
        QFETCH(int, code);
        Harness h;
        h.sendRaw(frame.toStdString() + "\n");
        const json r = h.next();
        QVERIFY2(!r.is_null(), "no answer");
        QCOMPARE(r.at("error").at("code").get<int>(), code);
        QVERIFY(!r.at("error").at("message").get<std::string>().empty());
        QVERIFY(r.at("error").at("data").contains("hint"));
        // The server is still serving afterwards.
        h.request(7, "test.echo", {{"a", 1}});
        QVERIFY(h.responseFor(7).at("result") == json({{"a", 1}}));
    }

    void helperErrorsCarryStableCodeAndHint()
    {
        Harness h;
        h.request("f", "test.fail");
        const json r = h.responseFor("f");
        QCOMPARE(r.at("error").at("code").get<int>(), -32000);
        QCOMPARE(errorCode(r), std::string("E_BAD_NAME"));
        QCOMPARE(r.at("error").at("data").at("hint").get<std::string>(), std::string("use letters and digits"));
        h.request("c", "test.crash");
        QCOMPARE(errorCode(h.responseFor("c")), std::string("E_INTERNAL"));
    }

    void oversizeFrameIsRefusedAndServingContinues()
    {
        Harness h({}, ServerLimits{.maxFrameBytes = 1024});
        h.sendRaw(std::string(100000, 'x') + "\n");
        const json r = h.next();
        QCOMPARE(r.at("error").at("code").get<int>(), -32600);
        QVERIFY(r.at("error").at("message").get<std::string>().find("1024") != std::string::npos);
        h.request(2, "test.echo", {{"ok", true}});
        QCOMPARE(h.responseFor(2).at("result").at("ok").get<bool>(), true);
    }

    void cancelStopsOneCallAndLeavesOthers()
    {
        Harness h;
        h.request("a", "test.wait");
        h.request("b", "test.wait");
        // Both report progress tagged with their id.
        int progress = 0;
        for (int i = 0; i < 4; ++i) {
            const json n = h.next();
            if (n.value("method", "") == "progress") {
                ++progress;
                QVERIFY(n.at("params").at("id") == "a" || n.at("params").at("id") == "b");
                QCOMPARE(n.at("params").at("fraction").get<double>(), 0.5);
            } else {
                QCOMPARE(n.value("method", ""), std::string("log"));
            }
        }
        QCOMPARE(progress, 2);
        h.send({{"jsonrpc", "2.0"}, {"method", "$/cancel"}, {"params", {{"id", "a"}}}});
        QCOMPARE(errorCode(h.responseFor("a")), std::string("E_CANCELLED"));
        // b is still running: a cheap call in between is answered, b is not.
        h.request("c", "test.echo");
        const json c = h.next();
        QVERIFY(c.at("id") == json("c"));
        h.send({{"jsonrpc", "2.0"}, {"id", 99}, {"method", "$/cancel"}, {"params", {{"id", "b"}}}});
        const json first = h.next();
        const json second = h.next();
        const json &cancelAck = first.at("id") == 99 ? first : second;
        const json &b = first.at("id") == 99 ? second : first;
        QVERIFY(cancelAck.contains("result"));
        QCOMPARE(errorCode(b), std::string("E_CANCELLED"));
    }

    void duplicateIdWhileRunningIsRefused()
    {
        Harness h;
        h.request(5, "test.wait");
        h.request(5, "test.echo");
        QCOMPARE(h.responseFor(5).at("error").at("code").get<int>(), -32600);
        h.send({{"jsonrpc", "2.0"}, {"method", "$/cancel"}, {"params", {{"id", 5}}}});
        QCOMPARE(errorCode(h.responseFor(5)), std::string("E_CANCELLED"));
    }

    void tooManyCallsInFlight()
    {
        Harness h({}, ServerLimits{.maxCallsInFlight = 2});
        h.request(1, "test.wait");
        h.request(2, "test.wait");
        h.request(3, "test.wait");
        QCOMPARE(errorCode(h.responseFor(3)), std::string("E_BUSY"));
    }

    void endOfInputCancelsRunningCalls()
    {
        Harness h;
        h.request(1, "test.wait");
        h.request(2, "test.wait");
        QVERIFY(!h.next().is_null()); // running
        h.closeInput();
        QVERIFY2(h.joinWithin(std::chrono::seconds(5)), "serve did not return after EOF");
    }

    void rolesGateMethods()
    {
        Caller plain;
        plain.user = "alice";
        {
            Harness h(plain);
            h.request(1, "test.helpdesk");
            const json r = h.responseFor(1);
            QCOMPARE(errorCode(r), std::string("E_FORBIDDEN"));
            QVERIFY(r.at("error").at("data").at("hint").get<std::string>().find("--privileged") != std::string::npos);
        }
        Caller privilegedNoRole = plain;
        privilegedNoRole.privileged = true;
        {
            Harness h(privilegedNoRole);
            h.request(1, "test.helpdesk");
            QCOMPARE(errorCode(h.responseFor(1)), std::string("E_FORBIDDEN"));
            h.request(2, "test.user"); // user methods never run as root
            QCOMPARE(errorCode(h.responseFor(2)), std::string("E_FORBIDDEN"));
        }
        Caller helen = privilegedNoRole;
        helen.user = "helen";
        helen.helpdesk = true;
        {
            Harness h(helen);
            h.request(1, "test.helpdesk");
            QCOMPARE(h.responseFor(1).at("result").get<std::string>(), std::string("helen"));
        }
    }

    void parseUidIsStrict_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<uint>("uid");
        QTest::newRow("zero") << "0" << true << 0u;
        QTest::newRow("user") << "1001" << true << 1001u;
        QTest::newRow("max") << "4294967294" << true << 4294967294u;
        QTest::newRow("minus one") << "4294967295" << false << 0u;
        QTest::newRow("overflow") << "99999999999" << false << 0u;
        QTest::newRow("negative") << "-1" << false << 0u;
        QTest::newRow("plus") << "+5" << false << 0u;
        QTest::newRow("space") << " 5" << false << 0u;
        QTest::newRow("empty") << "" << false << 0u;
        QTest::newRow("hex") << "0x10" << false << 0u;
    }

    void parseUidIsStrict()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(uint, uid);
        uid_t parsed = 0;
        QCOMPARE(parseUid(text.toStdString(), parsed), valid);
        if (valid)
            QCOMPARE(uint(parsed), uid);
    }

    void lineReaderHandlesPartialAndOversizeFrames()
    {
        int p[2];
        QVERIFY(::pipe(p) == 0);
        const std::string input = "short\n" + std::string(50, 'y') + "\nok\nlast-without-newline";
        QVERIFY(::write(p[1], input.data(), input.size()) == ssize_t(input.size()));
        ::close(p[1]);
        LineReader reader(p[0], 10);
        std::string line;
        QCOMPARE(reader.next(line), LineReader::Status::Line);
        QCOMPARE(line, std::string("short"));
        QCOMPARE(reader.next(line), LineReader::Status::Oversize);
        QCOMPARE(reader.next(line), LineReader::Status::Line);
        QCOMPARE(line, std::string("ok"));
        QCOMPARE(reader.next(line), LineReader::Status::Oversize); // 20 bytes > 10, no newline
        QCOMPARE(reader.next(line), LineReader::Status::Eof);
        ::close(p[0]);
    }
};

QTEST_GUILESS_MAIN(TestRpcServer)
#include "tst_rpcserver.moc"
