// `podbay-helper setup` / `status` on fixture trees: everything helper.conf configures is
// applied in one run, a second run changes nothing and says so, status shows drift per
// part, a failing part does not stop the others, and parts helper.conf omits are skipped.
#include "FixtureRoot.h"

#include <QTest>

#include <filesystem>
#include <map>

namespace fs = std::filesystem;
using podbay::test::FixtureRoot;

namespace {

const fs::path kStorageFixtures = PODBAY_STORAGE_FIXTURES;
const fs::path kLdapFixtures = PODBAY_LDAP_FIXTURES;
const fs::path kSetupFixtures = PODBAY_SETUP_FIXTURES;
const std::vector<std::string> kFiles{"/etc/containers/storage.conf", "/etc/profile.d/podbay-docker.sh",
                                      "/etc/containers/nodocker", "/etc/sssd/sssd.conf"};

void populate(const FixtureRoot &tree)
{
    tree.copy(kSetupFixtures / "helper.conf", "/etc/podbay/helper.conf");
    tree.copy(kStorageFixtures / "storage.conf-distribution", "/etc/containers/storage.conf");
    tree.copy(kLdapFixtures / "sssd.conf", "/etc/sssd/sssd.conf");
}

std::string stateOf(const nlohmann::json &doc, const std::string &part)
{
    for (const auto &p : doc["parts"])
        if (p["name"] == part)
            return p["state"].get<std::string>();
    return "<no such part>";
}

} // namespace

class TestSetup : public QObject
{
    Q_OBJECT

    podbay::test::AuditCapture m_audit;

private slots:
    void init() { m_audit.lines.clear(); }

    void secondRunChangesNothing()
    {
        FixtureRoot tree;
        populate(tree);
        const auto first = tree.run({"setup"});
        QVERIFY2(first.exitCode == 0, (first.out + first.err).c_str());
        QVERIFY(first.out.find("storage: changed (rootless Podman storage under /scratch/containers)\n") != std::string::npos);
        QVERIFY(first.out.find("  create /scratch/containers (mode 1777)\n") != std::string::npos);
        QVERIFY(first.out.find("docker-alias: changed") != std::string::npos);
        QVERIFY(first.out.find("ldap: changed") != std::string::npos);
        QVERIFY(first.out.find("subids: not-configured") != std::string::npos);
        QCOMPARE(tree.mode("/scratch/containers"), mode_t(01777));
        QVERIFY(tree.read("/etc/containers/storage.conf")->find("rootless_storage_path = \"/scratch/containers/$USER/share/containers/storage\"") != std::string::npos);
        QVERIFY(tree.exists("/etc/profile.d/podbay-docker.sh") && tree.exists("/etc/containers/nodocker"));
        // One audit line per change, tagged setup.
        QCOMPARE(m_audit.lines.size(), std::size_t(5));
        for (const std::string &line : m_audit.lines)
            QVERIFY(line.starts_with("setup: "));

        std::map<std::string, long long> mtimes;
        for (const std::string &file : kFiles)
            mtimes[file] = tree.mtime(file);
        m_audit.lines.clear();
        const auto second = tree.run({"setup"});
        QCOMPARE(second.exitCode, 0);
        QVERIFY2(second.out.ends_with("nothing to do: every configured part is in sync\n"), second.out.c_str());
        for (const std::string &file : kFiles)
            QCOMPARE(tree.mtime(file), mtimes[file]);
        QVERIFY(m_audit.lines.empty());
        const auto json = tree.run({"--json", "setup"}).json();
        QCOMPARE(json["changed"].get<bool>(), false);
        QCOMPARE(stateOf(json, "storage"), std::string("in-sync"));
        QCOMPARE(stateOf(json, "docker-alias"), std::string("in-sync"));
        QCOMPARE(stateOf(json, "ldap"), std::string("in-sync"));
    }

    void statusShowsDrift()
    {
        FixtureRoot tree;
        populate(tree);
        const auto before = tree.run({"--json", "status"});
        QCOMPARE(before.exitCode, 1);
        auto json = before.json();
        QCOMPARE(stateOf(json, "storage"), std::string("drift"));
        QCOMPARE(stateOf(json, "docker-alias"), std::string("drift"));
        QCOMPARE(stateOf(json, "subids"), std::string("not-configured"));
        for (const auto &p : json["parts"])
            if (p["name"] == "storage") {
                QCOMPARE(p["actions"][0].get<std::string>(), std::string("create /scratch/containers (mode 1777)"));
                QCOMPARE(p["files"][0]["path"].get<std::string>(), std::string("/etc/containers/storage.conf"));
            }
        QVERIFY(!tree.exists("/scratch")); // status writes nothing

        QCOMPARE(tree.run({"setup"}).exitCode, 0);
        const auto after = tree.run({"status"});
        QCOMPARE(after.exitCode, 0);
        QVERIFY2(after.out.find("in sync: every configured part matches") != std::string::npos, after.out.c_str());

        // An admin edits a managed file by hand: status sees the drift again.
        tree.write("/etc/containers/storage.conf", "[storage]\ndriver = \"overlay\"\n");
        json = tree.run({"--json", "status"}).json();
        QCOMPARE(stateOf(json, "storage"), std::string("drift"));
        QCOMPARE(json["ok"].get<bool>(), false);
    }

    void dryRunWritesNothing()
    {
        FixtureRoot tree;
        populate(tree);
        const std::string conf = *tree.read("/etc/containers/storage.conf");
        const auto run = tree.run({"setup", "--dry-run"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.find("storage: would-change") != std::string::npos);
        QVERIFY(run.out.find("+++ /etc/containers/storage.conf (planned)") != std::string::npos);
        QVERIFY(run.out.find("+++ /etc/profile.d/podbay-docker.sh (planned)") != std::string::npos);
        QCOMPARE(*tree.read("/etc/containers/storage.conf"), conf);
        QVERIFY(!tree.exists("/scratch") && !tree.exists("/etc/profile.d/podbay-docker.sh"));
        QVERIFY(m_audit.lines.empty());
    }

    void nothingConfigured()
    {
        FixtureRoot tree;
        tree.write("/etc/podbay/helper.conf", "[nvidia]\nsetup = no\n");
        const auto run = tree.run({"setup"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.find("nothing is configured in ") != std::string::npos, run.out.c_str());
    }

    // Without helper.conf only the parts that are on by default run: the NVIDIA CDI spec,
    // which on a node without GPUs has nothing to do and writes nothing.
    void defaultsOnANodeWithoutGpus()
    {
        FixtureRoot tree;
        const auto run = tree.run({"setup"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.find("nvidia: in-sync") != std::string::npos, run.out.c_str());
        QVERIFY2(run.out.find("nothing to do: every configured part is in sync") != std::string::npos, run.out.c_str());
        QVERIFY(!tree.exists("/etc/cdi"));
        QVERIFY(m_audit.lines.empty());
    }

    // The prune timer through setup: written and enabled once, then in sync; the registry
    // part is planned (service account, storage, config and unit) without writing.
    void pruneTimerAndRegistryParts()
    {
        FixtureRoot tree;
        tree.write("/etc/podbay/helper.conf", "[nvidia]\nsetup = no\n[prune]\ntimer = yes\n");
        const auto first = tree.run({"setup"});
        QVERIFY2(first.exitCode == 0, (first.out + first.err).c_str());
        QVERIFY2(first.out.find("prune-timer: changed") != std::string::npos, first.out.c_str());
        QVERIFY(tree.exists("/etc/systemd/system/podbay-prune.service"));
        QVERIFY(tree.exists("/etc/systemd/system/podbay-prune.timer"));
        QCOMPARE(fs::read_symlink(tree.path("/etc/systemd/system/timers.target.wants/podbay-prune.timer")),
                 fs::path("../podbay-prune.timer"));
        const auto second = tree.run({"setup"});
        QCOMPARE(second.exitCode, 0);
        QVERIFY2(second.out.ends_with("nothing to do: every configured part is in sync\n"), second.out.c_str());

        tree.write("/etc/podbay/helper.conf",
                   "[nvidia]\nsetup = no\n[prune]\ntimer = yes\n[registry]\nstorage = /srv/registry\n");
        m_audit.lines.clear();
        const auto dry = tree.run({"--json", "setup", "--dry-run"});
        QVERIFY2(dry.exitCode == 0, (dry.out + dry.err).c_str());
        const auto doc = nlohmann::json::parse(dry.out);
        QCOMPARE(stateOf(doc, "registry"), std::string("would-change"));
        QCOMPARE(stateOf(doc, "prune-timer"), std::string("in-sync"));
        QVERIFY(dry.out.find("/etc/podbay/registry/config.yml") != std::string::npos);
        QVERIFY(!tree.exists("/srv/registry") && !tree.exists("/etc/podbay/registry/config.yml"));
        QVERIFY(m_audit.lines.empty());
    }

    void failingPartDoesNotStopTheOthers()
    {
        FixtureRoot tree;
        tree.write("/etc/podbay/helper.conf", "[storage]\npath = scratch\n\n[docker]\nalias = yes\n");
        const auto run = tree.run({"--json", "setup"});
        QCOMPARE(run.exitCode, 1);
        const auto json = run.json();
        QCOMPARE(stateOf(json, "storage"), std::string("error"));
        QCOMPARE(stateOf(json, "docker-alias"), std::string("changed"));
        for (const auto &p : json["parts"])
            if (p["name"] == "storage") {
                QCOMPARE(p["error"]["code"].get<std::string>(), std::string("E_BAD_INPUT"));
                QVERIFY(p["error"]["message"].get<std::string>().find("[storage] path 'scratch' is a relative path")
                        != std::string::npos);
            }
        QVERIFY(tree.exists("/etc/profile.d/podbay-docker.sh"));
    }

    void aliasNoDisables()
    {
        FixtureRoot tree;
        tree.write("/etc/podbay/helper.conf", "[docker]\nalias = yes\n");
        QCOMPARE(tree.run({"setup"}).exitCode, 0);
        QVERIFY(tree.exists("/etc/containers/nodocker"));
        tree.write("/etc/podbay/helper.conf", "[docker]\nalias = no\n");
        const auto run = tree.run({"setup"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.find("docker-alias: changed (docker alias disabled)") != std::string::npos);
        QVERIFY(!tree.exists("/etc/containers/nodocker") && !tree.exists("/etc/profile.d/podbay-docker.sh"));
        QVERIFY(tree.run({"setup"}).out.ends_with("nothing to do: every configured part is in sync\n"));
    }

    void subidsPart()
    {
        // Under --root, subids reads ROOT/etc/passwd (not NSS): the same users on every machine.
        FixtureRoot tree;
        tree.write("/etc/passwd", "root:x:0:0::/root:/bin/bash\nalice:x:1500:1500::/home/alice:/bin/bash\n");
        tree.write("/etc/subuid", "# site ranges\n");
        tree.write("/etc/podbay/helper.conf", "[subids]\nmin_uid = 1000\n");
        const auto status = tree.run({"--json", "status"});
        QCOMPARE(status.exitCode, 1);
        QCOMPARE(stateOf(status.json(), "subids"), std::string("drift"));

        const auto first = tree.run({"--json", "setup"});
        QVERIFY2(first.exitCode == 0, first.out.c_str());
        QCOMPARE(stateOf(first.json(), "subids"), std::string("changed"));
        QCOMPARE(*tree.read("/etc/subuid"), std::string("# site ranges\nalice:15000001:65536\n"));
        QCOMPARE(*tree.read("/etc/subgid"), std::string("alice:15000001:65536\n"));
        QVERIFY(m_audit.lines.size() == 2 && m_audit.lines[0].starts_with("setup: modify /etc/subuid") && m_audit.lines[1].starts_with("setup: create /etc/subgid"));

        const long long mtime = tree.mtime("/etc/subuid");
        const auto second = tree.run({"--json", "setup"});
        QCOMPARE(stateOf(second.json(), "subids"), std::string("in-sync"));
        QCOMPARE(second.json()["changed"].get<bool>(), false);
        QCOMPARE(tree.mtime("/etc/subuid"), mtime);
    }

    void unknownKeysWarn()
    {
        FixtureRoot tree;
        tree.write("/etc/podbay/helper.conf", "[docker]\nalias = yes\naliases = yes\n");
        const auto run = tree.run({"setup"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.starts_with("warning: ") && run.out.find("unknown key [docker] aliases") != std::string::npos,
                 run.out.c_str());
    }

    void badInput()
    {
        FixtureRoot tree;
        auto run = tree.run({"--json", "setup", "--force"});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.json()["error"]["code"].get<std::string>(), std::string("E_USAGE"));
        run = tree.run({"--json", "status", "now"});
        QCOMPARE(run.exitCode, 2);
        run = tree.run({"--json", "--config", "/nonexistent/helper.conf", "setup"});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.json()["error"]["code"].get<std::string>(), std::string("E_NOT_FOUND"));
        tree.write("/etc/podbay/helper.conf", "[docker]\nalias = maybe\n");
        run = tree.run({"--json", "setup"});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(stateOf(run.json(), "docker-alias"), std::string("error"));
        QVERIFY(tree.run({"setup", "--help"}).out.find("example:") != std::string::npos);
        QVERIFY(tree.run({"status", "--help"}).out.find("example:") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestSetup)
#include "tst_setup.moc"
