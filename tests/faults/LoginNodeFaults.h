#pragma once
// Helpers for fault tests on the local login node (scripts/loginnode): the PIDs of its
// daemons, the sshd processes serving one of our own SSH connections, a registry's tags
// over its HTTP API (OCI distribution spec: GET /v2/<name>/tags/list), commands run as
// root or as a login-node user.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSet>
#include <QString>
#include <QStringList>

#include <csignal>

#include <pwd.h>
#include <unistd.h>

namespace podbay::test {

// The daemon NAME's PID from the login node's pid file ($STATE/run/NAME.pid); 0 if none.
inline pid_t loginNodePid(const QString &name)
{
    const QString state = QProcessEnvironment::systemEnvironment().value(QStringLiteral("PODBAY_LOGINNODE_DIR"));
    QFile file(state + QStringLiteral("/run/") + name + QStringLiteral(".pid"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return static_cast<pid_t>(file.readAll().trimmed().toInt());
}

inline bool processAlive(pid_t pid)
{
    if (pid <= 0)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && text.size() > close + 2 && text.at(close + 2) != 'Z';
}

inline pid_t parentOf(pid_t pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 1 ? static_cast<pid_t>(fields.at(1).toInt()) : 0;
}

// Socket inodes of the TCP connections in /proc/net/tcp from local port `local` to
// remote port `remote` (0: any), as "local remote inode" rows of ints.
struct TcpRow
{
    int localPort = 0;
    int remotePort = 0;
    QByteArray inode;
};

inline QList<TcpRow> tcpRows()
{
    QList<TcpRow> rows;
    QFile file(QStringLiteral("/proc/net/tcp"));
    if (!file.open(QIODevice::ReadOnly))
        return rows;
    file.readLine(); // header
    while (!file.atEnd()) {
        const QList<QByteArray> f = file.readLine().simplified().split(' ');
        if (f.size() < 10)
            continue;
        TcpRow row;
        row.localPort = f.at(1).split(':').value(1).toInt(nullptr, 16);
        row.remotePort = f.at(2).split(':').value(1).toInt(nullptr, 16);
        row.inode = f.at(9);
        rows.push_back(row);
    }
    return rows;
}

inline QSet<QByteArray> socketInodesOf(pid_t pid)
{
    QSet<QByteArray> inodes;
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    for (const QString &fd : fds.entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System)) {
        const QString target = QFile::symLinkTarget(fds.filePath(fd));
        const QString name = QFileInfo(target).fileName();
        if (name.startsWith(QStringLiteral("socket:[")))
            inodes.insert(name.mid(8, name.size() - 9).toLatin1());
    }
    return inodes;
}

inline QList<pid_t> allPids()
{
    QList<pid_t> pids;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool ok = false;
        const int pid = entry.toInt(&ok);
        if (ok)
            pids.push_back(pid);
    }
    return pids;
}

// The sshd processes holding the server end of this process's own connection(s) to
// sshd on `sshPort`: our socket's local port is the server socket's remote port.
inline QList<pid_t> sshdServingUs(int sshPort)
{
    const QList<TcpRow> rows = tcpRows();
    const QSet<QByteArray> ours = socketInodesOf(::getpid());
    QSet<QByteArray> serverInodes;
    for (const TcpRow &client : rows)
        if (client.remotePort == sshPort && ours.contains(client.inode))
            for (const TcpRow &server : rows)
                if (server.localPort == sshPort && server.remotePort == client.localPort)
                    serverInodes.insert(server.inode);
    QList<pid_t> pids;
    if (serverInodes.isEmpty())
        return pids;
    for (const pid_t pid : allPids())
        if (pid != ::getpid() && socketInodesOf(pid).intersects(serverInodes))
            pids.push_back(pid);
    return pids;
}

// Every process below one of `roots` (children, grandchildren, ...).
inline QList<pid_t> descendantsOf(const QList<pid_t> &roots)
{
    QList<pid_t> found;
    for (const pid_t pid : allPids()) {
        for (pid_t p = parentOf(pid); p > 1; p = parentOf(p))
            if (roots.contains(p)) {
                found.push_back(pid);
                break;
            }
    }
    return found;
}

inline QString commandName(pid_t pid)
{
    QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
    return comm.open(QIODevice::ReadOnly) ? QString::fromUtf8(comm.readAll().trimmed()) : QString();
}

// Runs a program; its exit code (-1 when it did not finish) and merged output.
inline int runCommand(const QString &program, const QStringList &args, QString *output = nullptr,
                      int timeoutMs = 120000)
{
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("XDG_RUNTIME_DIR")); // platform.md: never a /run/user that does not exist
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setWorkingDirectory(QStringLiteral("/")); // not root's home, which other users cannot enter
    p.start(program, args);
    const bool finished = p.waitForFinished(timeoutMs);
    if (!finished) {
        p.kill();
        p.waitForFinished();
    }
    if (output)
        *output = QString::fromUtf8(p.readAll());
    return finished && p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// `curl` the registry's tag list of `repository`; the HTTP body ("" when unreachable).
inline QString registryTags(const QString &registry, const QString &repository)
{
    QString out;
    runCommand(QStringLiteral("curl"), {QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("10"),
                                        QStringLiteral("http://%1/v2/%2/tags/list").arg(registry, repository)},
               &out);
    return out;
}

// podman as a login-node user (runuser), e.g. to list what is tagged in her storage.
inline QString podmanAs(const QString &user, const QStringList &args, int *exitCode = nullptr)
{
    // runuser -u keeps root's HOME; podman reads the user's config from hers.
    const passwd *pw = ::getpwnam(user.toLocal8Bit().constData());
    const QString home = pw ? QString::fromLocal8Bit(pw->pw_dir) : QString();
    QString out;
    const int code = runCommand(QStringLiteral("runuser"),
                                QStringList{QStringLiteral("-u"), user, QStringLiteral("--"), QStringLiteral("env"),
                                            QStringLiteral("HOME=") + home, QStringLiteral("podman")}
                                    + args,
                                &out);
    if (exitCode)
        *exitCode = code;
    return out;
}

} // namespace podbay::test
