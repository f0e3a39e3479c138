#pragma once
// The helper started as a plain child process (posix_spawn), optionally with the fault shim
// (tests/faults/faultshim.c) preloaded: the test itself waits for it with waitpid(2), so it
// can see the shim's SIGSTOP (WUNTRACED), send SIGKILL at that moment and reap the child.
// QProcess cannot report a stopped child.

#include <cerrno>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace podbay::test {

struct FaultInjection
{
    std::filesystem::path shim;  // the preloaded shared object
    std::filesystem::path root;  // steps under this directory count
    long stopAt = 0;             // stop before this step; 0 = count only
    std::filesystem::path log;   // one line per step
};

class FaultProcess
{
public:
    // Starts `argv` with stdout and stderr going to `output`.
    FaultProcess(const std::vector<std::string> &argv, const std::filesystem::path &output,
                 const std::optional<FaultInjection> &fault = std::nullopt)
        : m_output(output)
    {
        std::vector<std::string> env;
        for (char **e = environ; *e; ++e)
            env.emplace_back(*e);
        if (fault) {
            env.push_back("LD_PRELOAD=" + fault->shim.string());
            env.push_back("PODBAY_FAULT_ROOT=" + fault->root.string());
            env.push_back("PODBAY_FAULT_AT=" + std::to_string(fault->stopAt));
            if (!fault->log.empty())
                env.push_back("PODBAY_FAULT_LOG=" + fault->log.string());
        }
        std::vector<char *> args, envp;
        for (const std::string &a : argv)
            args.push_back(const_cast<char *>(a.c_str()));
        args.push_back(nullptr);
        for (const std::string &e : env)
            envp.push_back(const_cast<char *>(e.c_str()));
        envp.push_back(nullptr);

        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
        m_error = posix_spawn(&m_pid, args[0], &actions, nullptr, args.data(), envp.data());
        posix_spawn_file_actions_destroy(&actions);
        if (m_error != 0)
            m_pid = -1;
    }
    FaultProcess(const FaultProcess &) = delete;
    FaultProcess &operator=(const FaultProcess &) = delete;
    ~FaultProcess()
    {
        // Never leave a stopped or running child behind, whatever the test did.
        if (m_pid > 0 && !m_reaped) {
            ::kill(m_pid, SIGKILL);
            wait(false);
        }
    }

    bool started() const { return m_pid > 0; }
    pid_t pid() const { return m_pid; }

    // Waits until the child stops (true) or ends (false).
    bool waitStopped() { return wait(true) && m_stopped; }

    // SIGKILL, like `kill -9`, then reaps it.
    void killHard()
    {
        ::kill(m_pid, SIGKILL);
        wait(false);
    }

    // Lets a stopped child go on (SIGCONT) and waits for its end.
    void resume()
    {
        ::kill(m_pid, SIGCONT);
        m_stopped = false;
        wait(false);
    }

    // Waits for the end; the exit status, or -signal when killed.
    int finish()
    {
        wait(false);
        return m_status;
    }

    std::string output() const
    {
        std::ifstream in(m_output, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }

private:
    bool wait(bool untraced)
    {
        while (m_pid > 0 && !m_reaped) {
            int status = 0;
            const pid_t r = ::waitpid(m_pid, &status, untraced ? WUNTRACED : 0);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0)
                return false;
            if (WIFSTOPPED(status)) {
                m_stopped = true;
                return true;
            }
            m_reaped = true;
            m_status = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
        }
        return true;
    }

    std::filesystem::path m_output;
    pid_t m_pid = -1;
    int m_error = 0;
    bool m_reaped = false;
    bool m_stopped = false;
    int m_status = -1;
};

} // namespace podbay::test
