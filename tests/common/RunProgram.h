#pragma once
// Running a program to the end from an integration test: stdout, stderr and the exit code
// (-1 when it crashed or timed out), without XDG_RUNTIME_DIR (platform.md: an inherited
// /run/user/UID that does not exist breaks rootless podman), in "/" so that a program that
// switches to another user (runuser) can enter its working directory.

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QString>
#include <QStringList>

#include <string>

namespace podbay::test {

struct ProgramResult
{
    int exitCode = -1;
    std::string out;
    std::string err;
    nlohmann::json json() const { return nlohmann::json::parse(out); }
};

inline ProgramResult runProgram(const QString &program, const QStringList &args, int timeoutMs = 300000)
{
    QProcess p;
    p.setWorkingDirectory(QStringLiteral("/"));
    auto env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("XDG_RUNTIME_DIR"));
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-1, {}, "timed out: " + (program + ' ' + args.join(' ')).toStdString()};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput().toStdString(),
            p.readAllStandardError().toStdString()};
}

} // namespace podbay::test
