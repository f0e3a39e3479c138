// `podbay-helper nvidia status|setup` on fixture sysroots (no GPU exists on the test
// machines): tests/backend/fixtures/nvidia/two-gpus (two A100s, driver 535.104.05, recorded
// `ldconfig -p` and `nvidia-smi` output) and no-gpu (Rocky Linux 9 without GPUs).
// The CDI spec setup writes is checked here against the CDI specification's rules
// independently of the helper's own validator (SPEC.md, schema/schema.json + defs.json).
#include "FixtureRoot.h"
#include "nvidia/CdiSpec.h"
#include "nvidia/DriverLibraries.h"
#include "nvidia/NvidiaHost.h"

#include <QRegularExpression>
#include <QTest>

#include <filesystem>

namespace fs = std::filesystem;
using nlohmann::json;
using podbay::test::CliRun;
using podbay::test::FixtureRoot;
using namespace podbay::helper;

namespace {

const fs::path kFixtures = PODBAY_NVIDIA_FIXTURES;

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

void copyTree(const FixtureRoot &t, const std::string &name)
{
    fs::copy(kFixtures / name, t.root(), fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

bool matches(const char *pattern, const std::string &text)
{
    return QRegularExpression(QRegularExpression::anchoredPattern(QString::fromLatin1(pattern)))
        .match(QString::fromStdString(text))
        .hasMatch();
}

// The CDI rules for a spec of version 0.5.0, as the test reads them (SPEC.md, schema.json):
// required cdiVersion/kind/devices; kind "vendor/class"; a non-empty device list whose
// names are unique and match the device-name grammar; every device with containerEdits;
// deviceNodes with an absolute path; mounts with hostPath and containerPath; hooks with a
// hookName and a path; no fields outside the schema.
QStringList cdiViolations(const json &spec)
{
    QStringList v;
    const auto only = [&](const json &object, std::initializer_list<const char *> allowed, const QString &where) {
        for (auto it = object.begin(); it != object.end(); ++it)
            if (std::find_if(allowed.begin(), allowed.end(), [&](const char *a) { return it.key() == a; }) == allowed.end())
                v << where + ": unexpected " + QString::fromStdString(it.key());
    };
    for (const char *field : {"cdiVersion", "kind", "devices"})
        if (!spec.contains(field))
            v << QStringLiteral("missing ") + field;
    only(spec, {"cdiVersion", "kind", "devices", "containerEdits"}, "spec");
    if (spec.value("cdiVersion", "") != "0.5.0")
        v << "cdiVersion";
    if (!matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?/[a-zA-Z0-9]([a-zA-Z0-9_-]*[a-zA-Z0-9])?", spec.value("kind", "")))
        v << "kind";
    const auto edits = [&](const json &e, const QString &where) {
        only(e, {"env", "deviceNodes", "mounts", "hooks"}, where);
        for (const json &n : e.value("deviceNodes", json::array()))
            if (!n.contains("path") || !n["path"].get<std::string>().starts_with('/'))
                v << where + ": deviceNode path";
        for (const json &m : e.value("mounts", json::array()))
            if (!m.contains("hostPath") || !m.contains("containerPath"))
                v << where + ": mount paths";
        for (const json &h : e.value("hooks", json::array()))
            if (!h.contains("hookName") || !h.contains("path"))
                v << where + ": hook";
    };
    QStringList names;
    for (const json &d : spec.value("devices", json::array())) {
        only(d, {"name", "containerEdits"}, "device");
        const std::string name = d.value("name", "");
        if (!matches("[a-zA-Z0-9]([a-zA-Z0-9_.:-]*[a-zA-Z0-9])?", name) || names.contains(QString::fromStdString(name)))
            v << "device name " + QString::fromStdString(name);
        names << QString::fromStdString(name);
        if (!d.contains("containerEdits") || d["containerEdits"].empty())
            v << "device without edits";
        else
            edits(d["containerEdits"], "device " + QString::fromStdString(name));
    }
    if (names.isEmpty())
        v << "no devices";
    if (spec.contains("containerEdits"))
        edits(spec["containerEdits"], "containerEdits");
    return v;
}

std::vector<std::string> mountPaths(const json &spec)
{
    std::vector<std::string> paths;
    for (const json &m : spec["containerEdits"]["mounts"])
        paths.push_back(m["hostPath"].get<std::string>());
    return paths;
}

} // namespace

class TestNvidia : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoGpusGiveAValidCdiSpec()
    {
        FixtureRoot t;
        copyTree(t, "two-gpus");
        const CliRun r = t.run({"--json", "nvidia", "setup"});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).c_str());
        QCOMPARE(r.json().at("gpus").size(), std::size_t(2));
        QCOMPARE(r.json().at("changed").get<bool>(), true);
        QCOMPARE(r.json().at("generator").get<std::string>(), std::string("podbay-helper"));

        const json spec = json::parse(*t.read("/etc/cdi/nvidia.json"));
        const QStringList violations = cdiViolations(spec);
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(QStringLiteral("; "))));
        QVERIFY(nvidia::validateCdiSpec(spec).empty());
        QCOMPARE(spec["kind"].get<std::string>(), std::string("nvidia.com/gpu"));
        const json &devices = spec["devices"];
        QCOMPARE(devices.size(), std::size_t(3));
        QVERIFY(devices[0]["name"] == "0");
        QVERIFY(devices[0]["containerEdits"]["deviceNodes"] == json::parse(R"([{"path":"/dev/nvidia0"}])"));
        QVERIFY(devices[1]["name"] == "1");
        QVERIFY(devices[1]["containerEdits"]["deviceNodes"] == json::parse(R"([{"path":"/dev/nvidia1"}])"));
        QVERIFY(devices[2]["name"] == "all");
        QCOMPARE(devices[2]["containerEdits"]["deviceNodes"].size(), std::size_t(2));
        QVERIFY(spec["containerEdits"]["deviceNodes"]
                == json::parse(R"([{"path":"/dev/nvidiactl"},{"path":"/dev/nvidia-uvm"},{"path":"/dev/nvidia-uvm-tools"}])"));

        // 64-bit driver libraries by soname, the tools, the persistenced socket; not the
        // 32-bit copies, the unversioned development links or the CUDA toolkit's libcudart.
        const auto mounts = mountPaths(spec);
        for (const char *wanted : {"/usr/lib/x86_64-linux-gnu/libcuda.so.1", "/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1",
                                   "/usr/lib/x86_64-linux-gnu/libnvidia-ptxjitcompiler.so.1",
                                   "/usr/lib/x86_64-linux-gnu/libEGL_nvidia.so.0", "/usr/bin/nvidia-smi",
                                   "/usr/bin/nvidia-debugdump", "/run/nvidia-persistenced/socket"})
            QVERIFY2(std::ranges::find(mounts, wanted) != mounts.end(), wanted);
        for (const std::string &path : mounts) {
            QVERIFY2(!contains(path, "i386") && !contains(path, "libcudart") && !path.ends_with(".so"), path.c_str());
        }
        QVERIFY(spec["containerEdits"]["mounts"][0]["options"] == json::parse(R"(["ro","nosuid","nodev","bind"])"));
        const json &hook = spec["containerEdits"]["hooks"][0];
        QVERIFY(hook["hookName"] == "startContainer");
        QVERIFY(hook["path"] == "/sbin/ldconfig");
        QVERIFY(hook["args"] == json::parse(R"(["/sbin/ldconfig","/usr/lib/x86_64-linux-gnu"])"));

        QCOMPARE(*t.read("/var/lib/podbay/nvidia-driver"), std::string("535.104.05\n"));
        QVERIFY(!t.exists("/etc/cdi/nvidia.yaml"));
        // The package plan for Debian, printed, never run.
        const auto commands = r.json().at("packages").at("commands");
        QCOMPARE(r.json().at("packages").at("manager").get<std::string>(), std::string("apt"));
        QVERIFY(contains(commands.at(3).get<std::string>(), "apt-get install -y nvidia-container-toolkit"));
    }

    void secondSetupChangesNothingAndDryRunWritesNothing()
    {
        FixtureRoot t;
        copyTree(t, "two-gpus");
        const CliRun dry = t.run({"nvidia", "setup", "--dry-run"});
        QCOMPARE(dry.exitCode, 0);
        QVERIFY2(contains(dry.out, "+++ /etc/cdi/nvidia.json (planned)") && contains(dry.out, "+  \"cdiVersion\": \"0.5.0\","),
                 dry.out.c_str());
        QVERIFY(contains(dry.out, "+++ /var/lib/podbay/nvidia-driver (planned)\n@@ -0,0 +1 @@\n+535.104.05\n"));
        QVERIFY(contains(dry.out, "dry run: nothing was written"));
        QVERIFY(!t.exists("/etc/cdi/nvidia.json"));
        QVERIFY(!t.exists("/var/lib/podbay/nvidia-driver"));

        QCOMPARE(t.run({"nvidia", "setup"}).exitCode, 0);
        const auto before = t.mtime("/etc/cdi/nvidia.json");
        const CliRun again = t.run({"nvidia", "setup"});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(contains(again.out, "nothing to change: the CDI spec matches driver 535.104.05"), again.out.c_str());
        QCOMPARE(t.mtime("/etc/cdi/nvidia.json"), before);
        const CliRun status = t.run({"--json", "nvidia", "status"});
        QCOMPARE(status.exitCode, 0);
        const json doc = status.json();
        QVERIFY(doc.at("drift").empty());
        QCOMPARE(doc.at("cdi").at("path").get<std::string>(), std::string("/etc/cdi/nvidia.json"));
        QCOMPARE(doc.at("cdi").at("matchesDriver").get<bool>(), true);
        QCOMPARE(doc.at("podman").at("canUseCdi").get<bool>(), true);
        QCOMPARE(doc.at("apptainer").at("ready").get<bool>(), true);
        QCOMPARE(doc.at("apptainer").at("nvliblist").get<std::string>(), std::string("/etc/apptainer/nvliblist.conf"));
    }

    void noGpuChangesNothing()
    {
        FixtureRoot t;
        copyTree(t, "no-gpu");
        const CliRun r = t.run({"nvidia", "setup"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(contains(r.out, "no NVIDIA GPU found") && contains(r.out, "nothing changed"), r.out.c_str());
        QVERIFY(!t.exists("/etc/cdi"));
        QVERIFY(!t.exists("/var/lib/podbay"));
        const CliRun json_ = t.run({"--json", "nvidia", "setup"});
        QVERIFY(json_.json().at("gpus").empty());
        QVERIFY(json_.json().at("files").empty());
        QCOMPARE(json_.json().at("changed").get<bool>(), false);
        const CliRun status = t.run({"--json", "nvidia", "status"});
        QCOMPARE(status.exitCode, 0);
        QVERIFY(status.json().at("drift").empty());
        QCOMPARE(status.json().at("packages").at("manager").get<std::string>(), std::string("dnf"));
        QVERIFY(contains(status.json().at("packages").at("commands").at(1).get<std::string>(),
                         "dnf install -y nvidia-container-toolkit"));
        QVERIFY(contains(t.run({"nvidia", "status"}).out, "no NVIDIA GPU found"));
    }

    void driverUpdateShowsAsDrift()
    {
        FixtureRoot t;
        copyTree(t, "two-gpus");
        QCOMPARE(t.run({"nvidia", "setup"}).exitCode, 0);
        t.write("/proc/driver/nvidia/version",
                "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  550.54.14  Release Build  (dvs-builder@U16)\n");
        const CliRun status = t.run({"--json", "nvidia", "status"});
        QCOMPARE(status.exitCode, 0);
        const json doc = status.json();
        QCOMPARE(doc.at("driverVersion").get<std::string>(), std::string("550.54.14"));
        QCOMPARE(doc.at("recordedDriverVersion").get<std::string>(), std::string("535.104.05"));
        QCOMPARE(doc.at("cdi").at("matchesDriver").get<bool>(), false);
        const auto drift = doc.at("drift").get<std::vector<std::string>>();
        QVERIFY(!drift.empty());
        QCOMPARE(drift.front(), std::string("driver 550.54.14, the CDI spec was made for 535.104.05"));
        QVERIFY(std::ranges::find(drift, "/var/lib/podbay/nvidia-driver: modify") != drift.end());
        QVERIFY(contains(t.run({"nvidia", "status"}).out, "does not match the driver"));

        QCOMPARE(t.run({"nvidia", "setup"}).exitCode, 0);
        QCOMPARE(*t.read("/var/lib/podbay/nvidia-driver"), std::string("550.54.14\n"));
        QVERIFY(t.run({"--json", "nvidia", "status"}).json().at("drift").empty());
    }

    void nvidiaCtkSpecIsUsedWhenInstalled()
    {
        FixtureRoot t;
        copyTree(t, "two-gpus");
        QCOMPARE(t.run({"nvidia", "setup"}).exitCode, 0); // the helper's own JSON spec first
        const std::string yaml = "---\ncdiVersion: 0.5.0\nkind: nvidia.com/gpu\ndevices:\n- name: all\n"
                                 "  containerEdits:\n    deviceNodes:\n    - path: /dev/nvidia0\n";
        t.write("/.podbay-fixture/nvidia-ctk-version.txt", "NVIDIA Container Toolkit CLI version 1.14.3\n");
        t.write("/.podbay-fixture/nvidia-ctk-cdi-generate.yaml", yaml);
        const CliRun r = t.run({"--json", "nvidia", "setup"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().at("generator").get<std::string>(), std::string("nvidia-ctk"));
        QCOMPARE(*t.read("/etc/cdi/nvidia.yaml"), yaml);
        QVERIFY(!t.exists("/etc/cdi/nvidia.json")); // one spec per kind
        QCOMPARE(r.json().at("packages").at("installed").get<bool>(), true);
        const json status = t.run({"--json", "nvidia", "status"}).json();
        QCOMPARE(status.at("cdi").at("path").get<std::string>(), std::string("/etc/cdi/nvidia.yaml"));
        QVERIFY(status.at("drift").empty());
    }

    void missingLibrariesAndBrokenNodes()
    {
        FixtureRoot t;
        copyTree(t, "two-gpus");
        // No libcuda in the cache: Apptainer's --nv would not find it.
        std::string cache = *t.read("/.podbay-fixture/ldconfig-p.txt");
        for (std::size_t pos; (pos = cache.find("\tlibcuda.so")) != std::string::npos;)
            cache.erase(pos, cache.find('\n', pos) - pos + 1);
        t.write("/.podbay-fixture/ldconfig-p.txt", cache);
        const json status = t.run({"--json", "nvidia", "status"}).json();
        QCOMPARE(status.at("apptainer").at("ready").get<bool>(), false);
        QCOMPARE(status.at("apptainer").at("missing").at(0).get<std::string>(), std::string("libcuda.so"));

        // GPUs without a loaded driver, or without device nodes: setup refuses.
        fs::remove(t.path("/proc/driver/nvidia/version"));
        CliRun r = t.run({"--json", "nvidia", "setup"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json().at("error").at("code").get<std::string>(), std::string("E_NOT_FOUND"));
        copyTree(t, "two-gpus");
        fs::remove(t.path("/dev/nvidia0"));
        fs::remove(t.path("/dev/nvidia1"));
        r = t.run({"--json", "nvidia", "setup"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(contains(r.json().at("error").at("message").get<std::string>(), "no /dev/nvidiaN device node"));
        QVERIFY(!t.exists("/etc/cdi/nvidia.json"));
    }

    void badArguments()
    {
        FixtureRoot t;
        copyTree(t, "no-gpu");
        for (const std::vector<std::string> &args : std::vector<std::vector<std::string>>{
                 {"--json", "nvidia", "install"}, {"--json", "nvidia", "status", "--dry-run"},
                 {"--json", "nvidia", "setup", "--force"}}) {
            const CliRun r = t.run(args);
            QCOMPARE(r.exitCode, 2);
            QCOMPARE(r.json().at("error").at("code").get<std::string>(), std::string("E_USAGE"));
        }
        QCOMPARE(t.run({"nvidia"}).exitCode, 2);
        const CliRun help = t.run({"nvidia", "--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(contains(help.out, "examples:\n  podbay-helper nvidia status\n"));
    }

    void parsers()
    {
        QCOMPARE(nvidia::parseNvrmVersion("NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 "
                                          "01:15:15 UTC 2023\nGCC version: gcc 12.2.0\n")
                     .value_or(""),
                 std::string("535.104.05"));
        QCOMPARE(nvidia::parseNvrmVersion("NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  550.54.14  Release")
                     .value_or(""),
                 std::string("550.54.14"));
        QVERIFY(!nvidia::parseNvrmVersion("GCC version: 12.2.0\n"));
        const auto gpu = nvidia::parseGpuInformation("Model: \t\t Tesla T4\nGPU UUID: \t GPU-1\nDevice Minor: \t 3\n", "x");
        QCOMPARE(gpu.model, std::string("Tesla T4"));
        QCOMPARE(gpu.minor.value_or(99), 3u);
        const auto libs = nvidia::parseLdconfigCache("3 libs found\n\tlibcuda.so.1 (libc6,x86-64) => /l/libcuda.so.1\n"
                                                     "\tlibm.so.6 (libc6,x86-64, OS ABI: Linux 3.2.0) => /l/libm.so.6\n"
                                                     "not a library line\n");
        QCOMPARE(libs.size(), std::size_t(2));
        QCOMPARE(libs[1].flags, std::string("libc6,x86-64, OS ABI: Linux 3.2.0"));
        QCOMPARE(nvidia::driverLibraries(libs).size(), std::size_t(1));
        const auto smi = nvidia::parseSmiCsv("0, 00000000:07:00.0, NVIDIA A100, GPU-1, 535.104.05, 40960 MiB\n");
        QCOMPARE(smi.at(0).driverVersion, std::string("535.104.05"));
    }

    void validatorRejectsBadSpecs()
    {
        const json good = json::parse(R"({"cdiVersion":"0.5.0","kind":"nvidia.com/gpu",
            "devices":[{"name":"0","containerEdits":{"deviceNodes":[{"path":"/dev/nvidia0"}]}}]})");
        QVERIFY(nvidia::validateCdiSpec(good).empty());
        const auto broken = [&](const std::function<void(json &)> &edit) {
            json spec = good;
            edit(spec);
            return !nvidia::validateCdiSpec(spec).empty();
        };
        QVERIFY(broken([](json &s) { s.erase("kind"); }));
        QVERIFY(broken([](json &s) { s["kind"] = "gpu"; }));
        QVERIFY(broken([](json &s) { s["kind"] = "nvidia.com/-gpu"; }));
        QVERIFY(broken([](json &s) { s["cdiVersion"] = "9.9"; }));
        QVERIFY(broken([](json &s) { s["devices"] = json::array(); }));
        QVERIFY(broken([](json &s) { s["devices"][0]["name"] = "-0"; }));
        QVERIFY(broken([](json &s) { s["devices"][0]["name"] = "gpu 0"; }));
        QVERIFY(broken([](json &s) { s["devices"].push_back(s["devices"][0]); }));
        QVERIFY(broken([](json &s) { s["devices"][0].erase("containerEdits"); }));
        QVERIFY(broken([](json &s) { s["devices"][0]["containerEdits"]["deviceNodes"][0]["path"] = "dev/nvidia0"; }));
        QVERIFY(broken([](json &s) { s["containerEdits"]["mounts"] = json::parse(R"([{"hostPath":"/x"}])"); }));
        QVERIFY(broken([](json &s) { s["containerEdits"]["hooks"] = json::parse(R"([{"hookName":"whenever","path":"/x"}])"); }));
        QVERIFY(broken([](json &s) { s["extra"] = 1; }));
        QVERIFY(!nvidia::validateCdiSpec(json::array()).empty());
    }
};

QTEST_GUILESS_MAIN(TestNvidia)
#include "tst_nvidia.moc"
