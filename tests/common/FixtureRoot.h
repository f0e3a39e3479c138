#pragma once
// A fixture tree for helper commands run in-process with `--root`: files are written and
// read by their system path ("/etc/containers/storage.conf"), and `run` calls the helper's
// command line (runCli) with `--root` prepended, capturing stdout, stderr and the exit code.

#include "Cli.h"
#include "sysfile/Audit.h"

#include <nlohmann/json.hpp>

#include <QStringList>
#include <QTemporaryDir>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <sys/stat.h>

namespace podbay::test {

struct CliRun
{
    int exitCode = -1;
    std::string out;
    std::string err;
    nlohmann::json json() const { return nlohmann::json::parse(out); }
};

class FixtureRoot
{
public:
    std::filesystem::path root() const { return m_dir.path().toStdString(); }
    std::filesystem::path path(const std::string &absolute) const
    {
        return root() / std::filesystem::path(absolute).relative_path();
    }

    void write(const std::string &absolute, const std::string &text) const
    {
        std::filesystem::create_directories(path(absolute).parent_path());
        std::ofstream(path(absolute), std::ios::binary | std::ios::trunc) << text;
    }
    void copy(const std::filesystem::path &fixture, const std::string &absolute) const
    {
        std::filesystem::create_directories(path(absolute).parent_path());
        std::filesystem::copy_file(fixture, path(absolute), std::filesystem::copy_options::overwrite_existing);
    }
    std::optional<std::string> read(const std::string &absolute) const
    {
        std::ifstream in(path(absolute), std::ios::binary);
        if (!in)
            return std::nullopt;
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }
    bool exists(const std::string &absolute) const { return std::filesystem::exists(path(absolute)); }
    // st_mtim as nanoseconds, to see that a second run did not rewrite a file.
    long long mtime(const std::string &absolute) const
    {
        struct stat st{};
        if (::stat(path(absolute).c_str(), &st) != 0)
            return -1;
        return static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    }
    mode_t mode(const std::string &absolute) const
    {
        struct stat st{};
        return ::stat(path(absolute).c_str(), &st) == 0 ? (st.st_mode & 07777) : mode_t(0);
    }

    CliRun run(std::vector<std::string> args) const
    {
        args.insert(args.begin(), {"--root", root().string()});
        std::ostringstream out, err;
        const int code = podbay::helper::runCli(args, out, err);
        return {code, out.str(), err.str()};
    }

private:
    QTemporaryDir m_dir;
};

// Collects the audit lines the helper writes (instead of syslog) while it lives.
struct AuditCapture
{
    AuditCapture()
    {
        podbay::helper::sysfile::setAuditSink([this](const std::string &line) { lines.push_back(line); });
    }
    AuditCapture(const AuditCapture &) = delete;
    AuditCapture &operator=(const AuditCapture &) = delete;
    ~AuditCapture() { podbay::helper::sysfile::setAuditSink(nullptr); }
    std::vector<std::string> lines;
};

// Runs `args` with --json and checks that it fails with `code` (exit 2 for E_USAGE, else 1)
// and a message containing `message`. Returns what differs, empty when all matches.
inline std::string errorMismatch(const FixtureRoot &tree, const QStringList &args, const QString &code,
                                 const QString &message)
{
    std::vector<std::string> argv{"--json"};
    for (const QString &a : args)
        argv.push_back(a.toStdString());
    const CliRun run = tree.run(argv);
    const int expectedExit = code == QLatin1String("E_USAGE") ? 2 : 1;
    if (run.exitCode != expectedExit)
        return "exit status " + std::to_string(run.exitCode) + ", expected " + std::to_string(expectedExit) + ": " + run.out;
    const nlohmann::json error = run.json().value("error", nlohmann::json::object());
    if (error.value("code", "") != code.toStdString()
        || error.value("message", "").find(message.toStdString()) == std::string::npos)
        return "expected " + code.toStdString() + " with '" + message.toStdString() + "', got " + error.dump();
    return {};
}

// Reads a fixture file whole.
inline std::string readFixture(const std::filesystem::path &file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace podbay::test
