// Input rules of the helper: OCI image references, tags, container and user names,
// and the registry namespace convention.
#include "HelperError.h"
#include "validate/ImageReference.h"
#include "validate/Names.h"

#include <QTest>

using namespace podbay::helper;
using namespace podbay::helper::validate;

class TestValidate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validReferences_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("domain");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("tag");
        QTest::newRow("short") << "busybox" << "" << "busybox" << "";
        QTest::newRow("library tag") << "library/busybox:latest" << "" << "library/busybox" << "latest";
        QTest::newRow("registry port") << "127.0.0.1:5000/bio-lab/analysis:v1.2" << "127.0.0.1:5000" << "bio-lab/analysis"
                                       << "v1.2";
        QTest::newRow("localhost") << "localhost/tool" << "localhost" << "tool" << "";
        QTest::newRow("fqdn") << "registry.example.org/a/b/c" << "registry.example.org" << "a/b/c" << "";
        QTest::newRow("separators") << "a__b/c.d/e---f_g" << "" << "a__b/c.d/e---f_g" << "";
        QTest::newRow("tag with underscore") << "img:_x.Y-1" << "" << "img" << "_x.Y-1";
    }

    void validReferences()
    {
        QFETCH(QString, text);
        QFETCH(QString, domain);
        QFETCH(QString, path);
        QFETCH(QString, tag);
        const ImageReference ref = parseImageReference(text.toStdString());
        QCOMPARE(QString::fromStdString(ref.domain), domain);
        QCOMPARE(QString::fromStdString(ref.path), path);
        QCOMPARE(QString::fromStdString(ref.tag), tag);
        QCOMPARE(QString::fromStdString(ref.toString()), text);
    }

    void digest()
    {
        const std::string hex(64, 'a');
        const ImageReference ref = parseImageReference("r.example.org/x@sha256:" + hex);
        QCOMPARE(ref.digest, "sha256:" + hex);
        QVERIFY(ref.tag.empty());
    }

    void invalidReferences_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("shell") << "busybox; rm -rf /";
        QTest::newRow("subshell") << "$(id)";
        QTest::newRow("backtick") << "`id`";
        QTest::newRow("pipe") << "a|b";
        QTest::newRow("upper case path") << "Library/busybox";
        QTest::newRow("traversal") << "../../etc/passwd";
        QTest::newRow("absolute") << "/etc/passwd";
        QTest::newRow("trailing slash") << "library/";
        QTest::newRow("double slash") << "a//b";
        QTest::newRow("leading dash") << "-rm";
        QTest::newRow("option") << "--privileged";
        QTest::newRow("space") << "bad name";
        QTest::newRow("newline") << "a\nb";
        QTest::newRow("bad tag") << "img:.hidden";
        QTest::newRow("long tag") << ("img:" + QString(129, 'a'));
        QTest::newRow("empty tag") << "img:";
        QTest::newRow("bad digest") << "img@sha256:xyz";
        QTest::newRow("bad port") << "host.org:port/img";
        QTest::newRow("bad domain") << "-host.org/img";
        QTest::newRow("too long") << QString(600, 'a');
        QTest::newRow("name over 255") << QString(256, 'a');
    }

    void invalidReferences()
    {
        QFETCH(QString, text);
        try {
            parseImageReference(text.toStdString());
            QFAIL("accepted");
        } catch (const HelperError &e) {
            QCOMPARE(e.code(), std::string("E_BAD_NAME"));
            QVERIFY(!e.hint().empty());
            // The message never echoes control characters back.
            QVERIFY(std::string(e.what()).find('\n') == std::string::npos);
        }
    }

    void containerNames()
    {
        checkContainerName("work-1.test_A");
        for (const char *bad : {"", "-x", ".x", "a b", "a/b", "a;b", "$(id)"})
            QVERIFY_THROWS_EXCEPTION(HelperError, checkContainerName(bad));
        QVERIFY_THROWS_EXCEPTION(HelperError, checkContainerName(std::string(65, 'a')));
    }

    void userNames()
    {
        checkUserName("podbay-alice");
        checkUserName("Jane.Doe");
        checkUserName("machine$");
        checkUserName("_svc");
        for (const char *bad : {"", "-u", ".u", "a b", "a/b", "a:b", "$", "root;id"})
            QVERIFY_THROWS_EXCEPTION(HelperError, checkUserName(bad));
        QVERIFY_THROWS_EXCEPTION(HelperError, checkUserName(std::string(33, 'a')));
    }

    void registryNamespaceFollowsSiteConvention_data()
    {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "biolab" << "alice" << "biolab";
        QTest::newRow("spaces and case") << "Bio Lab" << "alice" << "bio-lab";
        QTest::newRow("slashes") << "Physics/Theory" << "bob" << "physics-theory";
        QTest::newRow("odd characters dropped") << "Ch€m (lab)" << "carol" << "chm-lab";
        QTest::newRow("nothing left") << "!!!" << "Dave" << "dave";
        QTest::newRow("double separators fall back") << "a  b" << "eve" << "a--b";
    }

    void registryNamespaceFollowsSiteConvention()
    {
        QFETCH(QString, group);
        QFETCH(QString, user);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(registryNamespace(group.toStdString(), user.toStdString())), expected);
    }
};

QTEST_GUILESS_MAIN(TestValidate)
#include "tst_validate.moc"
