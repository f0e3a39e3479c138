// /etc/podbay/helper.conf (INI) and login.defs: syntax errors with file and line, typed
// getters with bounds, unknown keys as warnings.
#include "HelperError.h"
#include "config/HelperConfKeys.h"
#include "config/IniFile.h"
#include "config/LoginDefs.h"
#include "config/Numbers.h"

#include <QTest>

using namespace podbay::helper;
using namespace podbay::helper::config;

namespace {

std::string errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const HelperError &e) {
        return e.code() + ": " + e.what();
    }
    return "no error";
}

} // namespace

class TestHelperConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void numbers()
    {
        QCOMPARE(parseUnsigned("0", 0, 10), std::optional<std::uint64_t>(0));
        QCOMPARE(parseUnsigned("10", 0, 10), std::optional<std::uint64_t>(10));
        QCOMPARE(parseUnsigned("18446744073709551615", 0, UINT64_MAX), std::optional<std::uint64_t>(UINT64_MAX));
        for (const char *bad : {"", "11", "-1", "+1", " 1", "1 ", "0x1", "1e3", "18446744073709551616", "99999999999999999999"})
            QVERIFY2(!parseUnsigned(bad, 0, 10), bad);
    }

    void parsesSectionsKeysAndComments()
    {
        const IniFile ini = IniFile::parse("# comment\n; other comment\n\n[groups]\nadmin = podbay-admins\n"
                                           "  helpdesk=helpers  \n[subids]\nstrategy = block\ncount = 65536\n"
                                           "skip_users = nobody, dave  eve\nenabled = yes\nempty =\n",
                                           "helper.conf");
        QCOMPARE(ini.string("groups", "admin"), std::optional<std::string>("podbay-admins"));
        QCOMPARE(ini.string("groups", "helpdesk"), std::optional<std::string>("helpers"));
        QCOMPARE(ini.integer("subids", "count", 1, 100000), std::optional<std::uint64_t>(65536));
        QCOMPARE(ini.list("subids", "skip_users"), (std::optional<std::vector<std::string>>({"nobody", "dave", "eve"})));
        QCOMPARE(ini.list("subids", "empty"), std::optional<std::vector<std::string>>(std::vector<std::string>{}));
        QCOMPARE(ini.boolean("subids", "enabled"), std::optional<bool>(true));
        QVERIFY(!ini.string("subids", "missing"));
        QVERIFY(!ini.string("nosection", "admin"));
        const std::array<std::string_view, 2> allowed{"multiply", "block"};
        QCOMPARE(ini.choice("subids", "strategy", allowed), std::optional<std::string>("block"));
    }

    void syntaxErrorsNameFileAndLine_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("key outside section") << "a = 1\n" << "helper.conf:1: key 'a' is outside any [section]";
        QTest::newRow("no equals") << "[s]\njunk line\n" << "helper.conf:2: expected key = value";
        QTest::newRow("bad section") << "[s\n" << "helper.conf:1: expected [section]";
        QTest::newRow("empty section") << "[ ]\n" << "helper.conf:1: expected [section]";
        QTest::newRow("duplicate") << "[s]\na=1\n\na=2\n" << "helper.conf:4: [s] a is already set on line 2";
        QTest::newRow("bad key") << "[s]\na b = 1\n" << "helper.conf:2: invalid key 'a b'";
    }

    void syntaxErrorsNameFileAndLine()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const std::string error = errorOf([&] { IniFile::parse(text.toStdString(), "helper.conf"); });
        QVERIFY2(error.starts_with("E_BAD_INPUT: " + expected.toStdString()), error.c_str());
    }

    void typedGettersCheckValues()
    {
        const IniFile ini = IniFile::parse("[subids]\ncount = 0\nmin_uid = lots\nflag = maybe\nstrategy = random\n", "c");
        QVERIFY(errorOf([&] { ini.integer("subids", "count", 1, 10); })
                    .find("c:2: [subids] count = '0' must be a whole number between 1 and 10") != std::string::npos);
        QVERIFY(errorOf([&] { ini.integer("subids", "min_uid", 0, 10); }).find("c:3:") != std::string::npos);
        QVERIFY(errorOf([&] { ini.boolean("subids", "flag"); }).find("must be yes or no") != std::string::npos);
        const std::array<std::string_view, 2> allowed{"multiply", "block"};
        QVERIFY(errorOf([&] { ini.choice("subids", "strategy", allowed); }).find("one of multiply block")
                != std::string::npos);
    }

    void unknownKeysAreWarnings()
    {
        const IniFile ini = IniFile::parse("[groups]\nadmin = a\ncolour = blue\n[subids]\ncount = 1\n[future]\nx = 1\n",
                                           "/etc/podbay/helper.conf");
        const auto warnings = ini.unknownKeyWarnings(kHelperConfKeys);
        QCOMPARE(warnings, (std::vector<std::string>{
                               "/etc/podbay/helper.conf:7: unknown key [future] x (ignored)",
                               "/etc/podbay/helper.conf:3: unknown key [groups] colour (ignored)",
                           }));
        const std::array<KnownKey, 1> wildcard{KnownKey{"future", ""}};
        QCOMPARE(IniFile::parse("[future]\nanything = 1\n", "c").unknownKeyWarnings(wildcard).size(), size_t(0));
    }

    void missingFileIsEmpty()
    {
        const IniFile ini = IniFile::load("/nonexistent/podbay/helper.conf");
        QVERIFY(!ini.has("subids", "strategy"));
    }

    void loginDefs()
    {
        const LoginDefs defs = LoginDefs::parse("# c\nSUB_UID_MIN\t\t 100000\nSUB_UID_MAX 600100000\n"
                                                "SUB_UID_COUNT 65536\nSUB_UID_COUNT 1000\nMAIL_DIR /var/mail\n"
                                                "BROKEN abc\n",
                                                "/etc/login.defs");
        QCOMPARE(defs.integer("SUB_UID_MIN", 1, UINT32_MAX), std::optional<std::uint64_t>(100000));
        QCOMPARE(defs.integer("SUB_UID_MAX", 1, UINT32_MAX), std::optional<std::uint64_t>(600100000));
        QCOMPARE(defs.integer("SUB_UID_COUNT", 0, UINT32_MAX), std::optional<std::uint64_t>(1000)); // last wins
        QVERIFY(!defs.integer("SUB_GID_MIN", 1, 10));
        QVERIFY(errorOf([&] { defs.integer("BROKEN", 0, 10); }).find("/etc/login.defs:7: BROKEN 'abc'")
                != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestHelperConfig)
#include "tst_helperconfig.moc"
