// subuid(5) lines: entries parsed strictly, every other line (comments, blank, NIS)
// carried through verbatim, malformed lines refused with file and line; the unified diff
// made from a plan's edits; the record of managed lines (ManagedSet, the state file in
// the helper's own layout and in any other JSON layout, damaged state files).
#include "HelperError.h"
#include "subids/Diff.h"
#include "subids/ManagedState.h"
#include "subids/SubidFile.h"
#include "subids/UserSource.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <fstream>

using namespace podbay::helper;
using namespace podbay::helper::subids;

namespace {

std::string writeTemp(const QTemporaryDir &dir, const std::string &text)
{
    const std::string path = dir.filePath("subids.json").toStdString();
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    return path;
}

std::vector<std::string_view> linesOf(const ManagedSet &set)
{
    return {set.begin(), set.end()};
}

} // namespace

class TestSubidFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // readPasswdFile reads in 256 KiB chunks: lines across chunk edges, a line longer than
    // a chunk, no final newline, and a bad line after the first chunk (with its line
    // number) give what parsing the whole text at once gives.
    void passwdFileReadInChunksMatchesWholeText()
    {
        std::string text;
        for (int i = 0; text.size() < 700 * 1024; ++i)
            text += "user" + std::to_string(i) + ":x:" + std::to_string(1000 + i) + ":" + std::to_string(1000 + i) +
                    ":" + std::string(std::size_t(i % 97), 'g') + ":/home/u" + std::to_string(i) + ":/bin/bash\n";
        text += "long:x:5000000:5000000:" + std::string(600 * 1024, 'G') + ":/home/long:/bin/sh\n";
        text += "last:x:5000001:5000001::/home/last:/bin/sh"; // no final newline
        QTemporaryDir dir;
        const std::string path = writeTemp(dir, text);
        const AccountList chunked = readPasswdFile(path);
        const AccountList whole = parsePasswd(text, path);
        QCOMPARE(chunked.accounts.size(), whole.accounts.size());
        for (std::size_t i = 0; i < whole.accounts.size(); ++i) {
            QCOMPARE(chunked.accounts[i].name, whole.accounts[i].name);
            QCOMPARE(chunked.accounts[i].uid, whole.accounts[i].uid);
            QCOMPARE(chunked.accounts[i].shell, whole.accounts[i].shell);
        }
        QCOMPARE(chunked.accounts.back().name, std::string("last"));

        // A junk line deep in the file: the same error, naming the same line.
        const std::size_t lineCount = std::size_t(std::count(text.begin(), text.end(), '\n'));
        const std::string bad = text.substr(0, text.find('\n', 400 * 1024) + 1) + "junk line\n";
        const std::string badPath = writeTemp(dir, bad);
        std::string chunkedError, wholeError;
        try {
            readPasswdFile(badPath);
        } catch (const podbay::helper::HelperError &e) {
            chunkedError = e.what();
        }
        try {
            parsePasswd(bad, badPath);
        } catch (const podbay::helper::HelperError &e) {
            wholeError = e.what();
        }
        QVERIFY(!chunkedError.empty());
        QCOMPARE(chunkedError, wholeError);
        const std::size_t badLine = std::size_t(std::count(bad.begin(), bad.end(), '\n'));
        QVERIFY2(chunkedError.find(":" + std::to_string(badLine) + ":") != std::string::npos, chunkedError.c_str());
        QVERIFY(badLine < lineCount);
    }

    void parsesEntriesAndKeepsOtherLines()
    {
        const std::string text = "# comment: with colons 1:2\n\nalice:100000:65536\n+nis\n1004:10040001:65536\n";
        const SubidFile file = SubidFile::parse(text, "subuid");
        QCOMPARE(file.lines.size(), size_t(5));
        QVERIFY(!file.lines[0].entry());
        QVERIFY(!file.lines[1].entry());
        QVERIFY(file.lines[2].entry());
        QCOMPARE(file.lines[2].entry()->owner, std::string("alice"));
        QCOMPARE(file.lines[2].entry()->start, std::uint64_t(100000));
        QCOMPARE(file.lines[2].entry()->count, std::uint64_t(65536));
        QCOMPARE(file.lines[2].entry()->end(), std::uint64_t(165536));
        QVERIFY(!file.lines[3].entry());
        QCOMPARE(file.lines[4].entry()->owner, std::string("1004"));
        QCOMPARE(file.serialise(), text); // a round trip changes nothing
    }

    void addsFinalNewline()
    {
        QCOMPARE(SubidFile::parse("a:1:2", "f").serialise(), std::string("a:1:2\n"));
        QCOMPARE(SubidFile::parse("", "f").serialise(), std::string());
    }

    void malformedLines_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("why");
        QTest::newRow("two fields") << "bob:10020001" << "owner:start:count";
        QTest::newRow("four fields") << "bob:1:2:3" << "owner:start:count";
        QTest::newRow("empty owner") << ":1:2" << "owner is empty";
        QTest::newRow("space in owner") << "b ob:1:2" << "spaces";
        QTest::newRow("hex") << "bob:0x10:2" << "decimal";
        QTest::newRow("negative") << "bob:-1:2" << "decimal";
        QTest::newRow("too large") << "bob:4294967297:2" << "decimal";
        QTest::newRow("carriage return") << "bob:1:2\r" << "decimal";
        QTest::newRow("empty count") << "bob:1:" << "decimal";
    }

    void malformedLines()
    {
        QFETCH(QString, line);
        QFETCH(QString, why);
        try {
            SubidFile::parse("ok:1:1\n" + line.toStdString() + "\n", "/etc/subuid");
            QFAIL("no error");
        } catch (const HelperError &e) {
            const std::string message = e.what();
            QCOMPARE(e.code(), std::string("E_BAD_INPUT"));
            QVERIFY2(message.find("/etc/subuid:2: malformed line") != std::string::npos, message.c_str());
            QVERIFY2(message.find(why.toStdString()) != std::string::npos, message.c_str());
        }
    }

    void diffFromPlan()
    {
        const SubidFile old = SubidFile::parse("# c\na:1:1\nb:2:2\nc:3:3\nd:4:4\ne:5:5\nf:6:6\ng:7:7\nh:8:8\ni:9:9\n"
                                               "j:10:10\nk:11:11\n",
                                               "f");
        FilePlan plan;
        plan.path = "/etc/subuid";
        plan.old = &old;
        plan.ops = {{1, LineOpKind::Replace, "a:100:1"}, {11, LineOpKind::Delete, {}}};
        plan.appended = {"z:26:26"};
        const std::string expected = "--- /etc/subuid\n+++ /etc/subuid (planned)\n"
                                     "@@ -1,5 +1,5 @@\n # c\n-a:1:1\n+a:100:1\n b:2:2\n c:3:3\n d:4:4\n"
                                     "@@ -9,4 +9,4 @@\n h:8:8\n i:9:9\n j:10:10\n-k:11:11\n+z:26:26\n";
        QCOMPARE(unifiedDiff(plan), expected);
        // And the new file is the old one with those edits.
        QCOMPARE(plan.newFile().serialise(), std::string("# c\na:100:1\nb:2:2\nc:3:3\nd:4:4\ne:5:5\nf:6:6\ng:7:7\n"
                                                         "h:8:8\ni:9:9\nj:10:10\nz:26:26\n"));
    }

    void diffOfNewFile()
    {
        const SubidFile old;
        FilePlan plan;
        plan.path = "/etc/subgid";
        plan.old = &old;
        plan.appended = {"a:1:1", "b:2:2"};
        QCOMPARE(unifiedDiff(plan), std::string("--- /etc/subgid\n+++ /etc/subgid (planned)\n@@ -0,0 +1,2 @@\n+a:1:1\n+b:2:2\n"));
        plan.appended.clear();
        QCOMPARE(unifiedDiff(plan), std::string());
    }

    void copiesShareTheText()
    {
        SubidFile copy;
        {
            const SubidFile file = SubidFile::parse("alice:1:2\n", "f");
            copy = file;
        }
        QCOMPARE(copy.lines[0].text, std::string_view("alice:1:2"));
        QCOMPARE(copy.lines[0].entry()->owner, std::string_view("alice"));
    }

    void managedSetKeepsOrderAndDropsRepeats()
    {
        ManagedSet set;
        set.append("b:1:1");
        set.append("a:1:1");
        set.append("b:1:1");
        QCOMPARE(set.lines().size(), size_t(3)); // appended as read, not looked at yet
        QVERIFY(set.contains("a:1:1"));
        QVERIFY(!set.contains("c:1:1"));
        QCOMPARE(set.size(), size_t(2));
        QCOMPARE(linesOf(set), (std::vector<std::string_view>{"b:1:1", "a:1:1"}));
        QVERIFY(set.insert("c:1:1"));
        QVERIFY(!set.insert("a:1:1"));
        QCOMPARE(set.position("c:1:1"), std::optional<std::size_t>(2));
        QCOMPARE(set.position("d:1:1"), std::optional<std::size_t>());

        ManagedSet big; // the index grows past its first size
        for (int i = 0; i < 5000; ++i)
            QVERIFY(big.insert("u" + std::to_string(i) + ":1:1"));
        for (int i = 0; i < 5000; ++i)
            QVERIFY(big.contains("u" + std::to_string(i) + ":1:1"));
        QVERIFY(!big.contains("u5000:1:1"));
        QCOMPARE(big.size(), size_t(5000));
    }

    void rebasePointsIntoTheFile()
    {
        const SubidFile file = SubidFile::parse("# c\na:1:1\nforeign:5:5\nb:2:2\n", "f");
        ManagedSet set{"a:1:1", "b:2:2", "gone:3:3"};
        const auto missing = set.rebase(file);
        QCOMPARE(missing, (std::vector<std::string_view>{"gone:3:3"}));
        QCOMPARE(set.lines()[0].data(), file.lines[1].text.data()); // a view into the file's text
        QCOMPARE(set.lines()[1].data(), file.lines[3].text.data());
        QVERIFY(set.contains("a:1:1") && set.contains("b:2:2") && set.contains("gone:3:3"));
        QVERIFY(!set.contains("foreign:5:5"));
    }

    void stateRoundTripInTheOldLayout()
    {
        QTemporaryDir dir;
        // A quote is allowed in an owner (subuid(5) only forbids ':'); it takes the escaped path.
        const std::vector<std::string_view> subuid{"zed:100000:65536", "alice:165536:65536", "we\"ird:1:1"};
        const std::vector<std::string_view> subgid{};
        const std::string text = serialiseManagedState({subuid}, {subgid});
        // Byte for byte what nlohmann::json::dump(1) makes, the layout earlier versions wrote.
        const auto doc = nlohmann::json::parse(text);
        QCOMPARE(doc.dump(1) + "\n", text);
        QCOMPARE(doc.at("version").get<int>(), 1);
        QCOMPARE(doc.at("subuid").get<std::vector<std::string>>(),
                 (std::vector<std::string>{"zed:100000:65536", "alice:165536:65536", "we\"ird:1:1"}));
        const ManagedState state = loadManagedState(writeTemp(dir, text));
        QCOMPARE(linesOf(state.subuid), subuid); // in the order written
        QVERIFY(state.subgid.empty());
        QVERIFY(loadManagedState(dir.filePath("missing.json").toStdString()).subuid.empty());

        // Two parts of one list (sync's lines managed after, then those it still lists) are
        // one list; and an empty first part does not leave a stray comma.
        const std::vector<std::string_view> more{"gone:1:1"};
        const auto joined = nlohmann::json::parse(serialiseManagedState({subuid, more}, {{}, more}));
        QCOMPARE(joined.at("subuid").size(), size_t(4));
        QCOMPARE(joined.at("subuid").at(3).get<std::string>(), std::string("gone:1:1"));
        QCOMPARE(joined.at("subgid").get<std::vector<std::string>>(), std::vector<std::string>{"gone:1:1"});
    }

    void stateInAnyJsonLayoutIsRead()
    {
        // By hand or by another tool: other spacing, escapes, keys in another order, keys of
        // a later version with nested values.
        QTemporaryDir dir;
        const std::string text = "{\"subgid\":[\"b:2:2\"],\"later\":{\"x\":[1,{\"y\":null}],\"z\":[]},"
                                 "\"version\":1,\t\"about\":\"\\u00e9\",\"subuid\":[\"\\u0061:1:1\",\"c:3:3\"],\"n\":2.5}";
        const ManagedState state = loadManagedState(writeTemp(dir, text));
        QCOMPARE(linesOf(state.subuid), (std::vector<std::string_view>{"a:1:1", "c:3:3"}));
        QCOMPARE(linesOf(state.subgid), (std::vector<std::string_view>{"b:2:2"}));
    }

    void damagedStates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("why");
        QTest::newRow("not json") << "{not json" << "parse error";
        QTest::newRow("an array") << "[]" << "not an object";
        QTest::newRow("no version") << R"({"subuid":[],"subgid":[]})" << "version";
        QTest::newRow("version 2") << R"({"version":2,"subuid":[],"subgid":[]})" << "unsupported version 2";
        QTest::newRow("version as text") << R"({"version":"1","subuid":[],"subgid":[]})" << "version";
        QTest::newRow("no subgid") << R"({"version":1,"subuid":[]})" << "subgid";
        QTest::newRow("a number in a list") << R"({"version":1,"subuid":[1],"subgid":[]})" << "subuid";
        QTest::newRow("a list in a list") << R"({"version":1,"subuid":[[]],"subgid":[]})" << "subuid";
        QTest::newRow("not an entry") << R"({"version":1,"subuid":["nope"],"subgid":[]})" << "'nope' is not an entry line";
        QTest::newRow("not an entry, escaped") << R"({"version":1,"subuid":["n\u006fpe"],"subgid":[]})"
                                               << "'nope' is not an entry line";
    }

    void damagedStates()
    {
        QFETCH(QString, text);
        QFETCH(QString, why);
        QTemporaryDir dir;
        const std::string path = writeTemp(dir, text.toStdString());
        try {
            loadManagedState(path);
            QFAIL("no error");
        } catch (const HelperError &e) {
            const std::string message = e.what();
            QCOMPARE(e.code(), std::string("E_BAD_INPUT"));
            QVERIFY2(message.find(path + " is damaged") != std::string::npos, message.c_str());
            QVERIFY2(message.find(why.toStdString()) != std::string::npos, message.c_str());
        }
    }

    void stateLinesOfTheFilesNeedNoCheckButOthersDo()
    {
        const SubidFile subuid = SubidFile::parse("a:1:1\n", "subuid");
        const SubidFile subgid = SubidFile::parse("", "subgid");
        const std::string good = R"({"version":1,"subuid":["a:1:1","gone:2:2"],"subgid":[]})";
        const ManagedState state = parseManagedState(good, "s.json", &subuid, &subgid);
        QCOMPARE(linesOf(state.subuid), (std::vector<std::string_view>{"a:1:1", "gone:2:2"}));
        QCOMPARE(state.subuid.lines()[0].data(), subuid.lines[0].text.data());
        const std::string bad = R"({"version":1,"subuid":["a:1:1","bad"],"subgid":[]})";
        QVERIFY_THROWS_EXCEPTION(HelperError, parseManagedState(bad, "s.json", &subuid, &subgid));
    }
};

QTEST_GUILESS_MAIN(TestSubidFile)
#include "tst_subidfile.moc"
