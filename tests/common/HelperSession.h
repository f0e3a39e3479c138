#pragma once
// An SSH connection to the local login node with the helper's `serve` channel started on
// it, for tests that talk to the helper the way the front ends do.

#include "LoginNodeEnv.h"

#include <HelperRpc.h>
#include <SshConnection.h>

#include <QDebug>

#include <memory>

namespace podbay::test {

struct HelperSession
{
    core::SshConnection ssh;
    core::HelperRpc rpc{&ssh};

    // WHO as in LoginNodeEnv (ALICE, BOB, HELPDESK, ADMIN); nullptr (with a warning saying
    // why) when the connection or the handshake fails.
    static std::unique_ptr<HelperSession> open(const LoginNodeEnv &node, const QString &who,
                                               core::HelperRpc::Mode mode = core::HelperRpc::Mode::User)
    {
        auto s = std::make_unique<HelperSession>();
        const auto connected = QCoro::waitFor(s->ssh.connectToHost(node.profile(who)));
        if (!connected.ok()) {
            qWarning() << connected.error().toString();
            return nullptr;
        }
        const auto hello = QCoro::waitFor(s->rpc.start(mode));
        if (!hello.ok()) {
            qWarning() << hello.error().toString();
            return nullptr;
        }
        return s;
    }
};

} // namespace podbay::test
