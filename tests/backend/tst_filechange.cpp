// sysfile::FileChange and the unified diff every --dry-run prints: the diff text matches
// diff -u, planning writes nothing, apply creates/modifies/removes atomically and writes
// one audit line per changed file.
#include "CommandContext.h"
#include "HelperError.h"
#include "sysfile/Audit.h"
#include "sysfile/FileChange.h"
#include "sysfile/UnifiedDiff.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

using namespace podbay::helper;
namespace fs = std::filesystem;

class TestFileChange : public QObject
{
    Q_OBJECT

private:
    // What GNU diff -u prints for the same two texts, headers replaced by ours.
    static std::string gnuDiffBody(const std::string &a, const std::string &b)
    {
        QTemporaryDir dir;
        const fs::path pa = fs::path(dir.path().toStdString()) / "a", pb = fs::path(dir.path().toStdString()) / "b";
        std::ofstream(pa, std::ios::binary) << a;
        std::ofstream(pb, std::ios::binary) << b;
        QProcess diff;
        diff.start(QStringLiteral("diff"), {QStringLiteral("-u"), QString::fromStdString(pa.string()), QString::fromStdString(pb.string())});
        diff.waitForFinished();
        std::string out = diff.readAllStandardOutput().toStdString();
        // Drop the two header lines.
        for (int i = 0; i < 2; ++i)
            out.erase(0, out.find('\n') + 1);
        return out;
    }

    static std::string body(const std::string &diff)
    {
        std::string out = diff;
        for (int i = 0; i < 2 && !out.empty(); ++i)
            out.erase(0, out.find('\n') + 1);
        return out;
    }

private slots:
    void diffMatchesGnuDiff_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::newRow("one line changed mid-file")
            << "a\nb\nc\nd\ne\nf\ng\nh\n" << "a\nb\nc\nD\ne\nf\ng\nh\n";
        QTest::newRow("line added at end") << "a\nb\n" << "a\nb\nc\n";
        QTest::newRow("two far-apart hunks")
            << "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n"
            << "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\nY\n15\n";
        QTest::newRow("everything removed") << "a\nb\n" << "";
        QTest::newRow("from nothing") << "" << "x\ny\n";
    }

    void diffMatchesGnuDiff()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        const std::string ours = sysfile::textDiff("old", "new", before.toStdString(), after.toStdString());
        QVERIFY(ours.starts_with("--- old\n+++ new\n"));
        QCOMPARE(body(ours), gnuDiffBody(before.toStdString(), after.toStdString()));
    }

    void missingNewlineIsAChange()
    {
        const std::string diff = sysfile::textDiff("f", "f", "a\nb", "a\nb\n");
        QVERIFY(diff.find("-b\n\\ No newline at end of file\n+b\n") != std::string::npos);
    }

    void equalTextsNoDiff() { QVERIFY(sysfile::textDiff("f", "f", "same\n", "same\n").empty()); }

    void planApplyAndAudit()
    {
        QTemporaryDir dir;
        std::ostringstream out, err;
        CommandContext ctx(out, err);
        ctx.root = fs::path(dir.path().toStdString());
        fs::create_directories(ctx.root / "etc");
        std::ofstream(ctx.root / "etc/old.conf") << "keep\nold\n";

        std::vector<std::string> lines;
        auto previous = sysfile::setAuditSink([&](const std::string &line) { lines.push_back(line); });

        sysfile::FileChange create = sysfile::readForChange(ctx, "/etc/sub/new.conf");
        create.after = "hello\n";
        create.options.newFileMode = 0600;
        sysfile::FileChange modify = sysfile::readForChange(ctx, "/etc/old.conf");
        modify.after = "keep\nnew\n";
        sysfile::FileChange remove = sysfile::readForChange(ctx, "/etc/old.conf");
        remove.after.reset();
        sysfile::FileChange same = sysfile::readForChange(ctx, "/etc/old.conf");

        QCOMPARE(create.action(), "create");
        QCOMPARE(modify.action(), "modify");
        QCOMPARE(remove.action(), "remove");
        QCOMPARE(same.action(), "unchanged");
        QVERIFY(create.diff().starts_with("--- /dev/null\n+++ /etc/sub/new.conf (planned)\n@@ -0,0 +1 @@\n+hello\n"));
        QCOMPARE(modify.toJson().at("diff").get<std::string>(),
                 "--- /etc/old.conf\n+++ /etc/old.conf (planned)\n@@ -1,2 +1,2 @@\n keep\n-old\n+new\n");
        QVERIFY(same.diff().empty());
        // Planning wrote nothing.
        QVERIFY(!fs::exists(ctx.root / "etc/sub"));

        QCOMPARE(sysfile::applyAll({create, modify, same}, "test"), std::size_t(2));
        QCOMPARE(*sysfile::readFileIfExists(ctx.root / "etc/sub/new.conf"), "hello\n");
        struct stat st{};
        QCOMPARE(::stat((ctx.root / "etc/sub/new.conf").c_str(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0600));
        QCOMPARE(*sysfile::readFileIfExists(ctx.root / "etc/old.conf"), "keep\nnew\n");
        QCOMPARE(*sysfile::readFileIfExists(ctx.root / "etc/old.conf-"), "keep\nold\n");
        QCOMPARE(lines.size(), std::size_t(2));
        QVERIFY(lines[0].starts_with("test: create /etc/sub/new.conf (by "));
        QVERIFY(lines[1].starts_with("test: modify /etc/old.conf (by "));

        sysfile::FileChange gone = sysfile::readForChange(ctx, "/etc/old.conf");
        gone.after.reset();
        sysfile::apply(gone);
        QVERIFY(!fs::exists(ctx.root / "etc/old.conf"));
        QCOMPARE(*sysfile::readFileIfExists(ctx.root / "etc/old.conf-"), "keep\nnew\n");
        sysfile::setAuditSink(std::move(previous));
    }

    void applyFailsClearly()
    {
        QTemporaryDir dir;
        std::ostringstream out, err;
        CommandContext ctx(out, err);
        ctx.root = fs::path(dir.path().toStdString());
        std::ofstream(ctx.root / "etc") << "a file where a directory should be\n";
        try {
            // Reading already fails (ENOTDIR); it must be a HelperError, not a crash.
            sysfile::FileChange change = sysfile::readForChange(ctx, "/etc/x.conf");
            change.after = "x\n";
            sysfile::apply(change);
            QFAIL("apply under a file succeeded");
        } catch (const HelperError &e) {
            QCOMPARE(e.code(), "E_IO");
        }
    }
};

QTEST_GUILESS_MAIN(TestFileChange)
#include "tst_filechange.moc"
