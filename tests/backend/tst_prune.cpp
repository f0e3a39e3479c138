// `podbay-helper prune`: argument parsing (--older-than, --user/--all-users), the selection
// of containers and images on recorded `podman ps -a` / `podman images` JSON
// (tests/backend/fixtures/prune), how podman is run as a user (runuser argv, environment),
// where a user's rootless storage is, and the daily timer units for `setup`.
#include "FixtureRoot.h"
#include "HelperError.h"
#include "prune/PruneSelection.h"
#include "prune/PruneSettings.h"
#include "prune/PruneTimer.h"
#include "prune/PruneUsers.h"
#include "sysfile/UnitTemplate.h"

#include <QTest>

#include <algorithm>
#include <filesystem>

#include <unistd.h>

namespace fs = std::filesystem;
using podbay::test::CliRun;
using podbay::test::FixtureRoot;
using namespace podbay::helper;
using namespace podbay::helper::prune;

namespace {

const fs::path kFixtures = PODBAY_PRUNE_FIXTURES;
const fs::path kResources = PODBAY_RESOURCES_DIR;
constexpr std::int64_t kCutoff = 1795000000;

std::vector<std::string> prefixes(const std::vector<Image> &images)
{
    std::vector<std::string> ids;
    for (const Image &i : images)
        ids.push_back(i.id.substr(0, 8));
    return ids;
}

std::string reasonFor(const std::vector<Kept> &kept, const std::string &what)
{
    const auto it = std::ranges::find(kept, what, &Kept::what);
    return it == kept.end() ? "<not kept>" : it->reason;
}

} // namespace

class TestPrune : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ages()
    {
        QCOMPARE(parseAge("7d")->seconds, std::int64_t(7 * 86400));
        QCOMPARE(parseAge("36h")->seconds, std::int64_t(36 * 3600));
        QCOMPARE(parseAge("2w")->seconds, std::int64_t(14 * 86400));
        QCOMPARE(parseAge("36500d")->seconds, std::int64_t(36500) * 86400);
        for (const char *bad : {"", "7", "d", "0d", "-1d", "+1d", "7x", "7D", "1.5d", " 7d", "7d ", "36501d",
                                "99999999999999999999d", "5220w1"})
            QVERIFY2(!parseAge(bad), bad);
    }

    void options()
    {
        const std::vector<std::string> args{"--older-than", "14d", "--user", "alice", "--dry-run"};
        const PruneOptions o = parsePruneOptions(args);
        QCOMPARE(o.olderThan.value_or(""), std::string("14d"));
        QCOMPARE(o.user.value_or(""), std::string("alice"));
        QVERIFY(o.dryRun && !o.allUsers);

        FixtureRoot t;
        for (const std::vector<std::string> &bad : std::vector<std::vector<std::string>>{
                 {"prune", "--older-than", "7"},
                 {"prune", "--older-than", "week"},
                 {"prune", "--older-than"},
                 {"prune", "--user", "bob", "--all-users"},
                 {"prune", "--user"},
                 {"prune", "--since", "7d"},
                 {"prune", "stuff"}}) {
            std::vector<std::string> args_ = bad;
            args_.insert(args_.begin(), "--json");
            const CliRun r = t.run(args_);
            QCOMPARE(r.exitCode, 2);
            QCOMPARE(r.json().at("error").at("code").get<std::string>(), std::string("E_USAGE"));
        }
        QVERIFY(t.run({"prune", "--older-than", "7x"}).err.find("7d (days), 36h (hours) or 2w (weeks)") != std::string::npos);
        // A user name that cannot be one, and one that does not exist.
        QCOMPARE(t.run({"--json", "prune", "--user", "-rf"}).json().at("error").at("code").get<std::string>(),
                 std::string("E_BAD_NAME"));
        QCOMPARE(t.run({"--json", "prune", "--user", "podbay-no-such-user"}).json().at("error").at("code").get<std::string>(),
                 std::string("E_NOT_FOUND"));
        const CliRun help = t.run({"prune", "--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.find("examples:\n  podbay-helper prune --dry-run\n") != std::string::npos);
    }

    void settingsFromHelperConf()
    {
        FixtureRoot t;
        t.write("/etc/podbay/helper.conf", "[prune]\nolder_than = 3w\nmin_uid = 5000\n");
        std::ostringstream out, err;
        CommandContext ctx(out, err);
        ctx.root = t.root();
        PruneSettings s = resolvePruneSettings(ctx, {});
        QCOMPARE(s.olderThan.seconds, std::int64_t(21 * 86400));
        QCOMPARE(s.minUid, std::uint64_t(5000));
        PruneOptions flag;
        flag.olderThan = "2d";
        QCOMPARE(resolvePruneSettings(ctx, flag).olderThan.text, std::string("2d"));
        t.write("/etc/podbay/helper.conf", "[prune]\nolder_than = soon\n");
        try {
            resolvePruneSettings(ctx, {});
            QFAIL("accepted older_than = soon");
        } catch (const HelperError &e) {
            QCOMPARE(e.code(), std::string("E_BAD_INPUT"));
        }
        t.write("/etc/podbay/helper.conf", "");
        t.write("/etc/login.defs", "UID_MIN 2000\n");
        QCOMPARE(resolvePruneSettings(ctx, {}).minUid, std::uint64_t(2000));
    }

    void selectionOnRecordedPodmanOutput()
    {
        const auto containers = parseContainers(podbay::test::readFixture(kFixtures / "ps.json"));
        const auto images = parseImages(podbay::test::readFixture(kFixtures / "images.json"));
        QCOMPARE(containers.size(), std::size_t(6));
        QCOMPARE(images.size(), std::size_t(10));
        QCOMPARE(containers[0].lastUsed, std::int64_t(1790000200)); // ExitedAt, the latest activity
        QCOMPARE(containers[1].lastUsed, std::int64_t(1790000100)); // podman's zero time is ignored
        const Selection s = selectForPrune(containers, images, kCutoff);

        std::vector<std::string> removed;
        for (const Container &c : s.containers)
            removed.push_back(c.name);
        QCOMPARE(removed, (std::vector<std::string>{"old-exited", "never-started"}));
        QCOMPARE(reasonFor(s.keptContainers, "old-running"), std::string("running"));
        QCOMPARE(reasonFor(s.keptContainers, "old-paused"), std::string("paused"));
        QCOMPARE(reasonFor(s.keptContainers, "recently-exited"), std::string("used recently"));
        QCOMPARE(reasonFor(s.keptContainers, "pod1-infra"), std::string("belongs to a pod (podman pod rm removes it)"));

        // Children before parents: aaaa0005 is listed after its parent aaaa0006.
        QCOMPARE(prefixes(s.images), (std::vector<std::string>{"aaaa0001", "aaaa0005", "aaaa0006", "aaaa0004"}));
        QCOMPARE(reasonFor(s.keptImages, "localhost/running:latest"),
                 std::string("used by container old-running (running)"));
        QCOMPARE(reasonFor(s.keptImages, "localhost/recent:latest"),
                 std::string("used by container recently-exited (exited)"));
        QCOMPARE(reasonFor(s.keptImages, "localhost/new:latest"), std::string("newer than the cutoff"));
        QCOMPARE(reasonFor(s.keptImages, "localhost/base:latest"),
                 std::string("parent of kept image localhost/new:latest"));
        QCOMPARE(reasonFor(s.keptImages, "localhost/nodate:latest"), std::string("creation time unknown"));
        QCOMPARE(reasonFor(s.keptImages, "localhost/podman-pause:4.3.1-0"), std::string("used by container pod1-infra (exited)"));
        QCOMPARE(s.estimatedBytes, std::uint64_t(3000000 + 100000 + 200000 + 7000000));
        QCOMPARE(s.images[1].label(), std::string("aaaa0005aaaa")); // untagged: short id

        // A cutoff before everything removes nothing; one after everything keeps only what
        // is in use, running or of unknown age.
        const Selection none = selectForPrune(containers, images, 1000);
        QVERIFY(none.containers.empty() && none.images.empty());
        const Selection all = selectForPrune(containers, images, 1900000000);
        QCOMPARE(all.containers.size(), std::size_t(3)); // + recently-exited
        QVERIFY(std::ranges::none_of(all.images, [](const Image &i) { return i.id.starts_with("aaaa0002"); }));
        QVERIFY(std::ranges::any_of(all.images, [](const Image &i) { return i.id.starts_with("aaaa0007"); }));
    }

    void podmanOutputErrors()
    {
        QVERIFY(parseContainers("").empty());
        QVERIFY(parseImages("[]\n").empty());
        for (const char *bad : {"{}", "Error: cannot find UID/GID", "[1,2"}) {
            try {
                parseImages(bad);
                QFAIL(bad);
            } catch (const HelperError &e) {
                QCOMPARE(e.code(), std::string("E_BAD_INPUT"));
            }
        }
        // Entries without an id are skipped; a string Created is "unknown", not old.
        const auto images = parseImages(R"([{"Names":["x"]},{"Id":"abc","Created":"2001-01-01"}])");
        QCOMPARE(images.size(), std::size_t(1));
        QCOMPARE(images[0].created, std::int64_t(0));
        QVERIFY(selectForPrune({}, images, kCutoff).images.empty());
    }

    void podmanRunsAsTheUser()
    {
        const PodmanUser other{"podbay-bob", 1002, "/home/podbay-bob", false};
        QCOMPARE(podmanArgv(other, {"images", "--format", "json"}),
                 (std::vector<std::string>{"runuser", "-u", "podbay-bob", "--", "podman", "images", "--format", "json"}));
        const PodmanUser self{"me", ::getuid(), "/home/me", true};
        QCOMPARE(podmanArgv(self, {"ps"}), (std::vector<std::string>{"podman", "ps"}));
        const auto options = podmanOptions(std::chrono::seconds(5));
        QCOMPARE(options.workingDirectory, std::string("/"));
        for (const char *name : {"XDG_RUNTIME_DIR", "XDG_DATA_HOME", "CONTAINERS_STORAGE_CONF"})
            QVERIFY2(std::ranges::find(options.unsetEnvironment, name) != options.unsetEnvironment.end(), name);
    }

    void rootlessStorageLocation()
    {
        FixtureRoot t;
        std::ostringstream out, err;
        CommandContext ctx(out, err);
        ctx.root = t.root();
        const PodmanUser bob{"bob", 1002, "/home/bob", false};
        QCOMPARE(rootlessStorage(ctx, bob), fs::path("/home/bob/.local/share/containers/storage"));
        t.write("/etc/containers/storage.conf",
                "[storage]\ndriver = \"overlay\"\n# rootless_storage_path = \"/old\"\n"
                "rootless_storage_path = \"/scratch/$USER/${UID}/share/containers/storage\"\n");
        QCOMPARE(rootlessStorage(ctx, bob), fs::path("/scratch/bob/1002/share/containers/storage"));
    }

    void dailyTimerUnits()
    {
        FixtureRoot t;
        std::ostringstream out, err;
        CommandContext ctx(out, err);
        ctx.root = t.root();
        const PruneTimerPlan plan = planPruneTimer(ctx);
        QCOMPARE(plan.files.size(), std::size_t(2));
        QCOMPARE(plan.drift().size(), std::size_t(3)); // two files to create, not enabled
        std::string service = podbay::test::readFixture(kResources / "systemd/podbay-prune.service");
        service.replace(service.find("@HELPER@"), 8, std::string(sysfile::helperExecutable()));
        QCOMPARE(*plan.files[0].after, service);
        QVERIFY(service.find("ExecStart=" + std::string(sysfile::helperExecutable()) + " prune --all-users\n")
                != std::string::npos);
        QCOMPARE(*plan.files[1].after, podbay::test::readFixture(kResources / "systemd/podbay-prune.timer"));
        QVERIFY(plan.files[1].after->find("\nOnCalendar=daily\n") != std::string::npos);

        applyPruneTimer(ctx, plan);
        QCOMPARE(fs::read_symlink(t.path("/etc/systemd/system/timers.target.wants/podbay-prune.timer")),
                 fs::path("../podbay-prune.timer"));
        QVERIFY(planPruneTimer(ctx).drift().empty());
    }
};

QTEST_GUILESS_MAIN(TestPrune)
#include "tst_prune.moc"
