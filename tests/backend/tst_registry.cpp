// `podbay-helper registry setup|status|gc` on fixture trees (--root): the files setup writes
// and their diff, loopback vs network listen addresses (registries.conf.d and the warning),
// the systemd service vs the Quadlet unit (Podman version from the fixture's recording,
// process/HostTool.h), a second run that changes nothing, and status/gc against a fake
// registry on loopback. Plus the pieces: ADDR:PORT parsing, the HTTP client's parser, the
// catalog's Link header, reading a distribution config back.
#include "FakeHttpServer.h"
#include "FixtureRoot.h"
#include "net/HttpGet.h"
#include "registry/DistributionConfig.h"
#include "registry/ListenAddress.h"
#include "registry/RegistryProbe.h"
#include "registry/RegistrySettings.h"
#include "registry/RegistryUnits.h"
#include "sysfile/UnitTemplate.h"
#include "HelperError.h"

#include <QTest>

#include <filesystem>
#include <fstream>

#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using podbay::test::CliRun;
using podbay::test::FakeHttpServer;
using podbay::test::FixtureRoot;
using namespace podbay::helper;

namespace {

const fs::path kResources = PODBAY_RESOURCES_DIR;

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

std::string errorCode(const CliRun &r)
{
    return r.json().at("error").at("code").get<std::string>();
}

// A node that has the service account already (so setup runs no useradd) and the given
// Podman version.
void makeNode(const FixtureRoot &t, const std::string &podmanVersion = "4.3.1")
{
    t.write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nocireg:x:990:985:registry:/srv/registry:/usr/sbin/nologin\n");
    t.write("/etc/group", "root:x:0:\nocireg:x:985:\n");
    if (!podmanVersion.empty())
        t.write("/.podbay-fixture/podman-version.txt", podmanVersion + "\n");
}

std::string fillResource(const std::string &name, std::initializer_list<std::pair<std::string, std::string>> values)
{
    std::string text = podbay::test::readFixture(kResources / "systemd" / name);
    for (const auto &[key, value] : values)
        for (std::size_t pos; (pos = text.find("@" + key + "@")) != std::string::npos;)
            text.replace(pos, key.size() + 2, value);
    return text;
}

} // namespace

class TestRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listenAddresses()
    {
        using registry::parseListenAddress;
        const auto v4 = parseListenAddress("127.0.0.1:5000");
        QVERIFY(v4 && v4->loopback() && !v4->wildcard() && v4->port == 5000);
        QCOMPARE(v4->text(), std::string("127.0.0.1:5000"));
        QVERIFY(parseListenAddress("127.8.9.10:80")->loopback());
        const auto v6 = parseListenAddress("[::1]:5001");
        QVERIFY(v6 && v6->loopback() && v6->host == "::1");
        QCOMPARE(v6->text(), std::string("[::1]:5001"));
        QVERIFY(parseListenAddress("localhost:5000")->loopback());
        QVERIFY(parseListenAddress("[::ffff:127.0.0.1]:5000")->loopback());
        const auto any = parseListenAddress("0.0.0.0:5000");
        QVERIFY(any && !any->loopback() && any->wildcard());
        QCOMPARE(any->connectHost(), std::string("127.0.0.1"));
        QCOMPARE(parseListenAddress("[::]:5000")->connectHost(), std::string("::1"));
        QVERIFY(!parseListenAddress("10.1.2.3:5000")->loopback());
        for (const char *bad : {"", "127.0.0.1", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:5o00",
                                ":5000", "::1:5000", "[::1]5000", "[::1]", "[127.0.0.1]:5000", "registry.example:5000",
                                "1.2.3:80", "127.0.0.1:5000 ", "127.0.0.1:+80"})
            QVERIFY2(!parseListenAddress(bad), bad);
    }

    void setupWritesConfigUnitAndLoopbackDropIn()
    {
        FixtureRoot t;
        makeNode(t);
        const CliRun dry = t.run({"registry", "setup", "--storage", "/srv/registry", "--dry-run"});
        QCOMPARE(dry.exitCode, 0);
        QVERIFY2(contains(dry.out, "--- /dev/null\n+++ /etc/podbay/registry/config.yml (planned)\n"), dry.out.c_str());
        QVERIFY(contains(dry.out, "+    rootdirectory: \"/srv/registry\"\n"));
        QVERIFY(contains(dry.out, "+++ /etc/systemd/system/podbay-registry.service (planned)"));
        QVERIFY(contains(dry.out, "dry run: nothing was written"));
        QVERIFY(!t.exists("/etc/podbay/registry/config.yml"));
        QVERIFY(!t.exists("/srv/registry"));

        const CliRun r = t.run({"registry", "setup", "--storage", "/srv/registry"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.empty(), r.err.c_str()); // loopback: no warning
        const std::string config = *t.read("/etc/podbay/registry/config.yml");
        QVERIFY(contains(config, "version: 0.1\n"));
        QVERIFY(contains(config, "storage:\n  filesystem:\n    rootdirectory: \"/srv/registry\"\n"));
        QVERIFY(contains(config, "  delete:\n    enabled: true\n"));
        QVERIFY(contains(config, "http:\n  addr: \"127.0.0.1:5000\"\n"));
        QVERIFY(contains(config, "health:\n  storagedriver:\n    enabled: true\n"));
        const auto parsed = registry::parseDistributionConfig(config);
        QCOMPARE(parsed.rootDirectory.value_or(""), std::string("/srv/registry"));
        QCOMPARE(parsed.addr.value_or(""), std::string("127.0.0.1:5000"));
        QVERIFY(parsed.deleteEnabled && !parsed.readOnly);

        // The unit is the shipped template, filled in.
        QCOMPARE(*t.read("/etc/systemd/system/podbay-registry.service"),
                 fillResource("podbay-registry.service", {{"CONFIG", "/etc/podbay/registry/config.yml"},
                                                          {"USER", "ocireg"},
                                                          {"GROUP", "ocireg"},
                                                          {"HELPER", std::string(sysfile::helperExecutable())},
                                                          {"STORAGE", "/srv/registry"},
                                                          {"CAPABILITIES", ""}}));
        QVERIFY(!t.exists("/etc/containers/systemd/podbay-registry.container"));
        QCOMPARE(*t.read("/etc/containers/registries.conf.d/podbay.conf"),
                 std::string("# Written by podbay-helper registry setup. The site registry listens on loopback without TLS,\n"
                             "# so Podman, Buildah and Skopeo may use plain http for it, and only for it\n"
                             "# (containers-registries.conf(5): [[registry]] insecure).\n"
                             "[[registry]]\nlocation = \"127.0.0.1:5000\"\ninsecure = true\n"));
        QVERIFY(fs::is_directory(t.path("/srv/registry")));
        QCOMPARE(t.mode("/srv/registry"), mode_t(0750));
        QCOMPARE(t.mode("/etc/podbay/registry/config.yml"), mode_t(0644));
        if (::geteuid() == 0) {
            struct stat st{};
            ::stat(t.path("/srv/registry").c_str(), &st);
            QCOMPARE(st.st_uid, uid_t(990));
            QCOMPARE(st.st_gid, gid_t(985));
        }
    }

    void secondRunChangesNothing()
    {
        FixtureRoot t;
        makeNode(t);
        QCOMPARE(t.run({"registry", "setup", "--storage", "/srv/registry", "--listen", "[::1]:5000"}).exitCode, 0);
        const auto before = t.mtime("/etc/podbay/registry/config.yml");
        const auto unitBefore = t.mtime("/etc/systemd/system/podbay-registry.service");
        const CliRun again = t.run({"registry", "setup", "--storage", "/srv/registry", "--listen", "[::1]:5000"});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(contains(again.out, "nothing to change"), again.out.c_str());
        QCOMPARE(t.mtime("/etc/podbay/registry/config.yml"), before);
        QCOMPARE(t.mtime("/etc/systemd/system/podbay-registry.service"), unitBefore);
        QVERIFY(!t.exists("/etc/podbay/registry/config.yml-")); // never replaced, so no backup
        const CliRun json = t.run({"--json", "registry", "setup", "--storage", "/srv/registry", "--listen", "[::1]:5000"});
        // json() parses into a new value: keep it, a range-for over json().at(...) would read
        // the temporary after it is destroyed (found by scripts/sanitize: heap-use-after-free).
        const auto report = json.json();
        QCOMPARE(report.at("changed").get<bool>(), false);
        QVERIFY(report.at("drift").empty());
        for (const auto &file : report.at("files"))
            QCOMPARE(file.at("action").get<std::string>(), std::string("unchanged"));
        QVERIFY(contains(*t.read("/etc/containers/registries.conf.d/podbay.conf"), "location = \"[::1]:5000\""));
    }

    void networkListenWarnsAndMarksNothingInsecure()
    {
        FixtureRoot t;
        makeNode(t);
        QCOMPARE(t.run({"registry", "setup", "--storage", "/srv/registry"}).exitCode, 0);
        QVERIFY(t.exists("/etc/containers/registries.conf.d/podbay.conf"));

        const CliRun dry = t.run({"registry", "setup", "--storage", "/srv/registry", "--listen", "0.0.0.0:5000", "--dry-run"});
        QCOMPARE(dry.exitCode, 0);
        QVERIFY2(contains(dry.err, "WARNING: the registry listens on 0.0.0.0:5000 WITHOUT TLS"), dry.err.c_str());
        QVERIFY(contains(dry.out, "/etc/containers/registries.conf.d/podbay.conf: remove"));
        QVERIFY(contains(dry.out, "-insecure = true"));

        const CliRun r = t.run({"--json", "registry", "setup", "--storage", "/srv/registry", "--listen", "0.0.0.0:5000"});
        QCOMPARE(r.exitCode, 0);
        const auto doc = r.json();
        QCOMPARE(doc.at("loopback").get<bool>(), false);
        QVERIFY(contains(doc.at("warnings").at(0).get<std::string>(), "WITHOUT TLS"));
        QVERIFY(!t.exists("/etc/containers/registries.conf.d/podbay.conf"));
        QVERIFY(t.exists("/etc/containers/registries.conf.d/podbay.conf-")); // the backup of what was removed
        QVERIFY(contains(*t.read("/etc/podbay/registry/config.yml"), "addr: \"0.0.0.0:5000\""));

        // A drop-in of the same name that the helper did not write is never removed.
        t.write("/etc/containers/registries.conf.d/podbay.conf", "[[registry]]\nlocation = \"mirror.example\"\n");
        const CliRun foreign = t.run({"registry", "setup", "--storage", "/srv/registry", "--listen", "10.0.0.5:5000"});
        QCOMPARE(foreign.exitCode, 0);
        QVERIFY(contains(foreign.err, "was not written by podbay-helper; left as it is"));
        QCOMPARE(*t.read("/etc/containers/registries.conf.d/podbay.conf"),
                 std::string("[[registry]]\nlocation = \"mirror.example\"\n"));
    }

    void privilegedPortGetsTheCapability()
    {
        FixtureRoot t;
        makeNode(t);
        QCOMPARE(t.run({"registry", "setup", "--storage", "/srv/registry", "--listen", "127.0.0.1:443"}).exitCode, 0);
        const std::string unit = *t.read("/etc/systemd/system/podbay-registry.service");
        QVERIFY(contains(unit, "\nCapabilityBoundingSet=CAP_NET_BIND_SERVICE\nAmbientCapabilities=CAP_NET_BIND_SERVICE\n"));
    }

    void quadletWherePodmanHasIt()
    {
        FixtureRoot t;
        makeNode(t);
        // First the service (Podman 4.3.1), then Podman is upgraded to 4.4: the Quadlet unit
        // replaces the service the helper wrote.
        QCOMPARE(t.run({"registry", "setup", "--storage", "/srv/registry"}).exitCode, 0);
        QVERIFY(t.exists("/etc/systemd/system/podbay-registry.service"));
        t.write("/.podbay-fixture/podman-version.txt", "4.4.1\n");
        const CliRun r = t.run({"--json", "registry", "setup", "--storage", "/srv/registry"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().at("unit").get<std::string>(), std::string("quadlet"));
        QCOMPARE(r.json().at("podmanVersion").get<std::string>(), std::string("4.4.1"));
        QVERIFY(!t.exists("/etc/systemd/system/podbay-registry.service"));
        QCOMPARE(*t.read("/etc/containers/systemd/podbay-registry.container"),
                 fillResource("podbay-registry.container", {{"CONFIG", "/etc/podbay/registry/config.yml"},
                                                            {"USER", "ocireg"},
                                                            {"UID", "990"},
                                                            {"GID", "985"},
                                                            {"IMAGE", "docker.io/library/registry:2"},
                                                            {"STORAGE", "/srv/registry"}}));
        QVERIFY(contains(*t.read("/etc/containers/systemd/podbay-registry.container"), "\nNetwork=host\n"));
        QCOMPARE(t.run({"registry", "setup", "--storage", "/srv/registry"}).exitCode, 0);
        QVERIFY(contains(t.run({"registry", "setup", "--storage", "/srv/registry"}).out, "nothing to change"));

        // A pre-release and a newer major count too; an unparsable answer means no Podman.
        t.write("/.podbay-fixture/podman-version.txt", "5.0.0-rc1\n");
        QVERIFY(t.run({"--json", "registry", "setup", "--storage", "/srv/registry", "--dry-run"}).json().at("unit")
                == "quadlet");
        t.write("/.podbay-fixture/podman-version.txt", "podman version 4.9\n");
        QVERIFY(t.run({"--json", "registry", "setup", "--storage", "/srv/registry", "--dry-run"}).json().at("unit")
                == "service");
    }

    void missingAccountIsCreatedWithUseradd()
    {
        FixtureRoot t;
        t.write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
        t.write("/etc/group", "root:x:0:\n");
        t.write("/etc/shadow", "root:*:19000:0:99999:7:::\n");
        t.write("/etc/gshadow", "root:*::\n");
        t.write("/etc/podbay/helper.conf", "[registry]\nuser = podbay-reg\nuid = 4321\n");
        const CliRun dry = t.run({"--json", "registry", "setup", "--storage", "/srv/registry", "--dry-run"});
        QCOMPARE(dry.exitCode, 0);
        const auto argv = dry.json().at("account").at("useradd").get<std::vector<std::string>>();
        const std::vector<std::string> expected{"useradd", "--system", "--user-group", "--no-create-home", "--home-dir",
                                                "/srv/registry", "--shell", "/usr/sbin/nologin", "--comment",
                                                "Podbay site registry", "--uid", "4321", "--prefix", t.root().string(),
                                                "podbay-reg"};
        QCOMPARE(argv, expected);
        QCOMPARE(*t.read("/etc/passwd"), std::string("root:x:0:0:root:/root:/bin/bash\n"));
        const CliRun text = t.run({"registry", "setup", "--storage", "/srv/registry", "--dry-run"});
        QVERIFY2(contains(text.out, "would run: useradd --system") && contains(text.out, "'Podbay site registry'"),
                 text.out.c_str());

        if (::geteuid() != 0)
            QSKIP("useradd --prefix needs root");
        const CliRun r = t.run({"registry", "setup", "--storage", "/srv/registry"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(contains(*t.read("/etc/passwd"), "podbay-reg:x:4321:"), t.read("/etc/passwd")->c_str());
        QVERIFY(contains(*t.read("/etc/systemd/system/podbay-registry.service"), "\nUser=podbay-reg\nGroup=podbay-reg\n"));
        QVERIFY(contains(t.run({"registry", "setup", "--storage", "/srv/registry"}).out, "nothing to change"));
    }

    void badInputIsRefused()
    {
        FixtureRoot t;
        makeNode(t);
        const auto code = [&](std::vector<std::string> args) {
            args.insert(args.begin(), "--json");
            const CliRun r = t.run(args);
            return std::pair{r.exitCode, errorCode(r)};
        };
        using P = std::pair<int, std::string>;
        QCOMPARE(code({"registry", "setup", "--storage", "srv/registry"}), P(2, "E_USAGE"));
        QCOMPARE(code({"registry", "setup", "--storage", "/srv/../etc"}), P(2, "E_USAGE"));
        QCOMPARE(code({"registry", "setup", "--storage", "/srv/my registry"}), P(2, "E_USAGE"));
        QCOMPARE(code({"registry", "setup", "--storage", "/srv/registry/"}), P(2, "E_USAGE"));
        QCOMPARE(code({"registry", "setup", "--storage", "/srv/registry", "--listen", "127.0.0.1"}), P(2, "E_USAGE"));
        QCOMPARE(code({"registry", "setup", "--storage", "/srv/registry", "--listen", "registry.example:5000"}),
                 P(2, "E_USAGE"));
        QCOMPARE(code({"registry", "setup", "--storage", "/srv/registry", "--listen"}), P(2, "E_USAGE"));
        QCOMPARE(code({"registry", "setup"}), P(2, "E_USAGE"));
        QCOMPARE(code({"registry", "setup", "--storage", "/srv/registry", "--bogus"}), P(2, "E_USAGE"));
        QCOMPARE(code({"registry", "status", "--dry-run"}), P(2, "E_USAGE"));
        QCOMPARE(code({"registry", "restart"}), P(2, "E_USAGE"));
        t.write("/srv/file", "not a directory");
        QCOMPARE(code({"registry", "setup", "--storage", "/srv/file"}), P(1, "E_BAD_INPUT"));
        t.write("/etc/podbay/helper.conf", "[registry]\nlisten = everywhere\n");
        QCOMPARE(code({"registry", "setup", "--storage", "/srv/registry"}), P(1, "E_BAD_INPUT"));
        t.write("/etc/podbay/helper.conf", "[registry]\nuser = -root\n");
        QCOMPARE(code({"registry", "setup", "--storage", "/srv/registry"}), P(1, "E_BAD_INPUT"));
        t.write("/etc/podbay/helper.conf", "[registry]\nuid = 0\n");
        QCOMPARE(code({"registry", "setup", "--storage", "/srv/registry"}), P(1, "E_BAD_INPUT"));
        QVERIFY(!t.exists("/etc/podbay/registry/config.yml"));
        // registry list/delete are the user methods, not unknown subcommands.
        QVERIFY(errorCode(t.run({"--json", "registry", "list"})) != "E_USAGE");
        QCOMPARE(t.run({"registry"}).exitCode, 2);
        const CliRun help = t.run({"registry", "--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(contains(help.out, "examples:\n  podbay-helper registry setup --storage /srv/registry --dry-run\n"));
    }

    void statusOfAStoppedRegistryShowsDrift()
    {
        FixtureRoot t;
        makeNode(t);
        const std::string listen = "127.0.0.1:" + std::to_string(podbay::test::unusedPort());
        QCOMPARE(t.run({"registry", "setup", "--storage", "/srv/registry", "--listen", listen}).exitCode, 0);
        t.write("/srv/registry/docker/registry/v2/blobs/x", std::string(10000, 'b'));
        t.write("/etc/podbay/registry/config.yml", *t.read("/etc/podbay/registry/config.yml") + "# edited by hand\n");
        ::unlink(t.path("/etc/containers/registries.conf.d/podbay.conf").c_str());

        const CliRun r = t.run({"--json", "registry", "status"});
        QCOMPARE(r.exitCode, 1); // not reachable
        const auto doc = r.json();
        QCOMPARE(doc.at("reachable").get<bool>(), false);
        QCOMPARE(doc.at("address").get<std::string>(), listen); // read back from config.yml
        QVERIFY(contains(doc.at("error").get<std::string>(), "cannot reach http://" + listen + "/v2/"));
        QVERIFY(doc.at("repositories").is_null());
        QVERIFY(doc.at("storage").at("bytes").get<std::uint64_t>() >= 10000);
        const auto drift = doc.at("drift").get<std::vector<std::string>>();
        const std::vector<std::string> expected{"/etc/podbay/registry/config.yml: modify",
                                                "/etc/containers/registries.conf.d/podbay.conf: create"};
        QCOMPARE(drift, expected);
        const CliRun text = t.run({"registry", "status"});
        QVERIFY2(contains(text.out, "NOT reachable") && contains(text.out, "  - /etc/podbay/registry/config.yml: modify"),
                 text.out.c_str());
    }

    void statusCountsRepositoriesAcrossCatalogPages()
    {
        FakeHttpServer server;
        server.respond("/v2/", FakeHttpServer::json(200, "{}", "Docker-Distribution-Api-Version: registry/2.0\r\n"));
        server.respond("/v2/_catalog?n=1000",
                       FakeHttpServer::json(200, R"({"repositories":["alice/a","bob/b"]})",
                                            "Link: </v2/_catalog?last=bob%2Fb&n=1000>; rel=\"next\"\r\n"));
        // The last page chunked (RFC 9112 section 7.1), as Go's net/http sends large bodies.
        server.respond("/v2/_catalog?last=bob%2Fb&n=1000",
                       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                       "10\r\n{\"repositories\":\r\nb\r\n[\"library/c\r\n3;x=y\r\n\"]}\r\n0\r\n\r\n");
        FixtureRoot t;
        makeNode(t);
        const std::string listen = "127.0.0.1:" + std::to_string(server.port());
        QCOMPARE(t.run({"registry", "setup", "--storage", "/srv/registry", "--listen", listen}).exitCode, 0);
        const CliRun r = t.run({"--json", "registry", "status"});
        QCOMPARE(r.exitCode, 0);
        const auto doc = r.json();
        QCOMPARE(doc.at("reachable").get<bool>(), true);
        QCOMPARE(doc.at("apiVersion").get<std::string>(), std::string("registry/2.0"));
        QCOMPARE(doc.at("repositories").get<int>(), 3);
        QCOMPARE(doc.at("repositoryNames").at(2).get<std::string>(), std::string("library/c"));
        QVERIFY(doc.at("drift").empty());

        // gc refuses while it answers ...
        const CliRun gc = t.run({"--json", "registry", "gc"});
        QCOMPARE(gc.exitCode, 1);
        QCOMPARE(errorCode(gc), std::string("E_BUSY"));
        // ... unless it is read-only (distribution: storage.maintenance.readonly).
        t.write("/usr/local/bin/fake-registry", "#!/bin/sh\necho \"0 blobs marked, 0 blobs and 0 manifests eligible for deletion\"\n");
        fs::permissions(t.path("/usr/local/bin/fake-registry"), fs::perms(0755));
        std::string config = *t.read("/etc/podbay/registry/config.yml");
        config.insert(config.find("  delete:"), "  maintenance:\n    readonly:\n      enabled: true\n");
        t.write("/etc/podbay/registry/config.yml", config);
        t.write("/etc/podbay/helper.conf", "[registry]\nbinary = " + t.path("/usr/local/bin/fake-registry").string() + "\n");
        const CliRun readOnly = t.run({"--json", "registry", "gc"});
        QCOMPARE(readOnly.exitCode, 0);
        QVERIFY(contains(readOnly.json().at("summary").get<std::string>(), "eligible for deletion"));
    }

    void gcReportsBytesFreed()
    {
        FixtureRoot t;
        makeNode(t);
        const std::string listen = "127.0.0.1:" + std::to_string(podbay::test::unusedPort());
        QCOMPARE(t.run({"registry", "setup", "--storage", "/srv/registry", "--listen", listen}).exitCode, 0);
        const fs::path blob = t.path("/srv/registry/docker/registry/v2/blobs/sha256/ab/abcd/data");
        t.write("/srv/registry/docker/registry/v2/blobs/sha256/ab/abcd/data", std::string(64 * 1024, 'x'));
        // A stand-in for the distribution binary: deletes the unreferenced blob like
        // `garbage-collect --delete-untagged CONFIG` would, after checking its arguments.
        t.write("/bin/fake-gc", "#!/bin/sh\n"
                                "[ \"$1\" = garbage-collect ] && [ \"$2\" = --delete-untagged ] && [ \"$3\" = "
                                + t.path("/etc/podbay/registry/config.yml").string() + " ] || exit 3\n"
                                "rm -f " + blob.string() + "\necho '1 blobs marked, 1 blobs and 0 manifests eligible for deletion'\n");
        fs::permissions(t.path("/bin/fake-gc"), fs::perms(0755));
        t.write("/etc/podbay/helper.conf", "[registry]\nbinary = " + t.path("/bin/fake-gc").string() + "\n");
        const CliRun r = t.run({"--json", "registry", "gc"});
        QVERIFY2(r.exitCode == 0, r.out.c_str());
        QVERIFY(r.json().at("freedBytes").get<std::uint64_t>() >= 64 * 1024);
        QVERIFY(!fs::exists(blob));
        const CliRun text = t.run({"registry", "gc"});
        QVERIFY2(contains(text.out, "0 B freed"), text.out.c_str());

        // A failing collector is an error, not a report of 0 bytes.
        t.write("/bin/fake-gc", "#!/bin/sh\necho 'failed to mark: boom' >&2\nexit 1\n");
        const CliRun failed = t.run({"--json", "registry", "gc"});
        QCOMPARE(failed.exitCode, 1);
        QCOMPARE(errorCode(failed), std::string("E_IO"));
        QVERIFY(contains(failed.json().at("error").at("message").get<std::string>(), "failed to mark: boom"));

        // Without a configuration there is nothing to collect.
        ::unlink(t.path("/etc/podbay/registry/config.yml").c_str());
        t.write("/etc/podbay/helper.conf", "");
        QCOMPARE(errorCode(t.run({"--json", "registry", "gc"})), std::string("E_NOT_FOUND"));
        QCOMPARE(errorCode(t.run({"--json", "registry", "run"})), std::string("E_NOT_FOUND"));
    }

    void httpResponses()
    {
        const auto r = net::parseHttpResponse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: 1\r\nx-a: 2\r\n\r\n{}extra");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, std::string("{}"));
        QCOMPARE(r.header("x-a"), std::string("1, 2"));
        const auto chunked = net::parseHttpResponse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                    "5\r\nhello\r\nA\r\n, world!!!\r\n0\r\n\r\n");
        QCOMPARE(chunked.body, std::string("hello, world!!!"));
        for (const char *bad : {"", "garbage", "HTTP/1.1 200 OK\r\nno end", "SMTP 220 hi\r\n\r\n",
                                "HTTP/1.1 abc OK\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
                                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"}) {
            try {
                net::parseHttpResponse(bad);
                QFAIL(bad);
            } catch (const HelperError &e) {
                QCOMPARE(e.code(), std::string("E_BAD_INPUT"));
            }
        }
        using registry::nextCatalogPage;
        QCOMPARE(nextCatalogPage("</v2/_catalog?last=a&n=2>; rel=\"next\"").value_or(""),
                 std::string("/v2/_catalog?last=a&n=2"));
        QVERIFY(!nextCatalogPage(""));
        QVERIFY(!nextCatalogPage("<http://evil.example/v2/_catalog?last=a>; rel=\"next\""));
        QVERIFY(!nextCatalogPage("</v2/_catalog?last=a>; rel=\"prev\""));
        try {
            net::httpGet("127.0.0.1", podbay::test::unusedPort(), "/v2/");
            QFAIL("connected to a closed port");
        } catch (const HelperError &e) {
            QCOMPARE(e.code(), std::string("E_REGISTRY_DOWN"));
        }
    }

    void distributionConfigReadBack()
    {
        const auto c = registry::parseDistributionConfig("version: 0.1\n"
                                                         "storage:\n"
                                                         "  # comment\n"
                                                         "  filesystem:\n"
                                                         "    rootdirectory: /var/lib/registry  # inline\n"
                                                         "  maintenance:\n"
                                                         "    readonly:\n"
                                                         "      enabled: true\n"
                                                         "  delete: {enabled: true}\n"
                                                         "http:\n"
                                                         "  headers:\n"
                                                         "    X-Content-Type-Options: [nosniff]\n"
                                                         "  addr: ':5000'\n"
                                                         "filesystem:\n"
                                                         "  rootdirectory: /elsewhere\n");
        QCOMPARE(c.rootDirectory.value_or(""), std::string("/var/lib/registry"));
        QCOMPARE(c.addr.value_or(""), std::string(":5000"));
        QVERIFY(c.readOnly);
        QVERIFY(!c.deleteEnabled); // flow mappings are not read: not "enabled"
        QVERIFY(!registry::parseDistributionConfig("").rootDirectory);
    }

    void pathRules()
    {
        using registry::unsafePathReason;
        QVERIFY(!unsafePathReason("/srv/registry"));
        QVERIFY(!unsafePathReason("/data/oci-reg_1.x+y"));
        for (const char *bad : {"", "srv", "/", "/srv/", "/srv//x", "/srv/./x", "/srv/..", "/srv/a b", "/srv/\"x\"",
                                "/srv/x:y", "/srv/$HOME"})
            QVERIFY2(unsafePathReason(bad), bad);
    }
};

QTEST_GUILESS_MAIN(TestRegistry)
#include "tst_registry.moc"
