// The typed answers of HelperClient (HelperTypes.h) against docs/protocol.md: every
// method's example response, read from the document itself so the two cannot drift,
// parses; a required field that is missing or of another type is E_BAD_RESPONSE naming
// the method and the field; fields the protocol sends only sometimes may be absent.
#include <ErrorCodes.h>
#include <HelperTypes.h>

#include <podbay/protocol/Protocol.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

#include <functional>
#include <map>

using namespace podbay;
using namespace podbay::core;

namespace {

namespace method = protocol::method;

// Parses `result` as the answer of one method; the Error when it cannot.
using Parse = std::function<Result<bool>(const QJsonValue &)>;

template<typename T>
Parse parserFor(std::string_view name)
{
    return [name](const QJsonValue &result) -> Result<bool> {
        const Result<T> parsed = T::fromJson(result, name);
        if (!parsed.ok())
            return parsed.error();
        return true;
    };
}

// An admin command (docs/protocol.md, "Admin commands as methods"); not in Protocol.h,
// which names only the methods with typed answers.
constexpr std::string_view kStorageConfigure = "admin.storage.configure";

const std::map<QString, Parse> &parsers()
{
    static const std::map<QString, Parse> all = [] {
        std::map<QString, Parse> m;
        auto add = [&m]<typename T>(std::string_view name, T *) {
            m.emplace(QString::fromLatin1(name.data(), qsizetype(name.size())), parserFor<T>(name));
        };
        add(method::kImagesList, static_cast<ImageList *>(nullptr));
        add(method::kImagesPublish, static_cast<PublishedImage *>(nullptr));
        add(method::kImagesBuild, static_cast<BuiltImage *>(nullptr));
        add(method::kContainersList, static_cast<ContainerList *>(nullptr));
        add(method::kContainersCreate, static_cast<CreatedContainer *>(nullptr));
        add(method::kContainersRemove, static_cast<RemovedContainer *>(nullptr));
        add(method::kContainersHistory, static_cast<ContainerHistory *>(nullptr));
        add(method::kContainersContainerfile, static_cast<ContainerfileText *>(nullptr));
        add(method::kStepsRun, static_cast<StepResult *>(nullptr));
        add(method::kRegistryList, static_cast<RegistryListing *>(nullptr));
        add(method::kRegistryDelete, static_cast<DeletedTag *>(nullptr));
        add(method::kRunPodman, static_cast<PodmanRunResult *>(nullptr));
        add(method::kRunApptainerPull, static_cast<ApptainerPull *>(nullptr));
        add(method::kSlurmScript, static_cast<JobScript *>(nullptr));
        add(method::kSlurmSubmit, static_cast<SubmittedJob *>(nullptr));
        add(method::kSlurmJobs, static_cast<JobList *>(nullptr));
        add(method::kSlurmOutput, static_cast<JobOutput *>(nullptr));
        add(method::kSlurmCancel, static_cast<CancelledJob *>(nullptr));
        add(method::kDoctorRun, static_cast<DoctorReport *>(nullptr));
        add(method::kDoctorUser, static_cast<DoctorReport *>(nullptr));
        add(method::kAdminFix, static_cast<AdminFixResult *>(nullptr));
        add(kStorageConfigure, static_cast<AdminReport *>(nullptr));
        return m;
    }();
    return all;
}

// The `result` of every example response in docs/protocol.md, by the method of the
// example request with the same id.
std::map<QString, QJsonValue> docExamples()
{
    QFile file(QStringLiteral(PODBAY_PROTOCOL_DOC));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", PODBAY_PROTOCOL_DOC);
    const QString text = QString::fromUtf8(file.readAll());
    static const QRegularExpression block(QStringLiteral("```json\\n(.*?)```"),
                                          QRegularExpression::DotMatchesEverythingOption);
    std::map<qint64, QString> requests;
    std::map<QString, QJsonValue> results;
    for (auto it = block.globalMatch(text); it.hasNext();) {
        const QJsonObject message = QJsonDocument::fromJson(it.next().captured(1).toUtf8()).object();
        const QJsonValue id = message.value(QStringLiteral("id"));
        if (!id.isDouble())
            continue; // notifications, version documents
        if (message.contains(QStringLiteral("method")))
            requests[id.toInteger()] = message.value(QStringLiteral("method")).toString();
        else if (message.contains(QStringLiteral("result")) && requests.count(id.toInteger()))
            results[requests[id.toInteger()]] = message.value(QStringLiteral("result"));
    }
    return results;
}

QJsonValue example(const QString &name)
{
    static const std::map<QString, QJsonValue> all = docExamples();
    const auto it = all.find(name);
    return it == all.end() ? QJsonValue(QJsonValue::Undefined) : it->second;
}

QString sv(std::string_view s)
{
    return QString::fromLatin1(s.data(), qsizetype(s.size()));
}

// `node` with the member at `path` (object keys and array indexes) set to `value`, or
// removed when `value` is Undefined.
QJsonValue edited(const QJsonValue &node, QStringList path, const QJsonValue &value)
{
    const QString step = path.takeFirst();
    if (node.isArray()) {
        QJsonArray array = node.toArray();
        const qsizetype i = step.toInt();
        array.replace(i, path.isEmpty() ? value : edited(array.at(i), path, value));
        return array;
    }
    QJsonObject object = node.toObject();
    if (!path.isEmpty())
        object.insert(step, edited(object.value(step), path, value));
    else if (value.isUndefined())
        object.remove(step);
    else
        object.insert(step, value);
    return object;
}

// Another type than `value` has, for the mistyped-field rows.
QJsonValue mistyped(const QJsonValue &value)
{
    if (value.isString())
        return 42;
    return QStringLiteral("42");
}

} // namespace

class TestHelperClient : public QObject
{
    Q_OBJECT

    static void expectUnreadable(const Result<bool> &parsed, const QString &name, const QString &field)
    {
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, QString(errc::kBadResponse));
        QVERIFY2(parsed.error().message.contains(name), qPrintable(parsed.error().message));
        QVERIFY2(parsed.error().message.contains(field), qPrintable(parsed.error().message));
        QVERIFY(!parsed.error().hint.isEmpty());
    }

    template<typename T>
    static T parse(std::string_view name, const QJsonValue &result)
    {
        const Result<T> parsed = T::fromJson(result, name);
        if (!parsed.ok())
            qWarning() << parsed.error().toString();
        return parsed.ok() ? parsed.value() : T{};
    }

private Q_SLOTS:
    void acceptsDocExample_data()
    {
        QTest::addColumn<QString>("name");
        for (const auto &[name, parse] : parsers())
            QTest::newRow(qPrintable(name)) << name;
    }
    void acceptsDocExample()
    {
        QFETCH(QString, name);
        const QJsonValue result = example(name);
        QVERIFY2(result.isObject(), "docs/protocol.md has no example response for this method");
        const Result<bool> parsed = parsers().at(name)(result);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
    }

    // Every member of an example's result is one the helper always sends for that answer.
    void rejectsMissingOrMistypedField_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("field");
        QTest::addColumn<bool>("remove");
        for (const auto &[name, parse] : parsers()) {
            if (name == sv(kStorageConfigure))
                continue; // a command's own report: no fixed fields
            for (const QString &field : example(name).toObject().keys()) {
                QTest::newRow(qPrintable(name + QStringLiteral(" without ") + field)) << name << field << true;
                QTest::newRow(qPrintable(name + QStringLiteral(" mistyped ") + field)) << name << field << false;
            }
        }
    }
    void rejectsMissingOrMistypedField()
    {
        QFETCH(QString, name);
        QFETCH(QString, field);
        QFETCH(bool, remove);
        const QJsonValue original = example(name).toObject().value(field);
        const QJsonValue result = edited(example(name), {field}, remove ? QJsonValue(QJsonValue::Undefined) : mistyped(original));
        // admin.fix answers either wouldRun or result: without the one, the other is missing.
        const bool either = name == sv(method::kAdminFix) && field == QStringLiteral("wouldRun") && remove;
        expectUnreadable(parsers().at(name)(result), name, either ? QStringLiteral("result") : field);
    }

    void rejectsANonObjectResult_data()
    {
        acceptsDocExample_data();
    }
    void rejectsANonObjectResult()
    {
        QFETCH(QString, name);
        for (const QJsonValue &result : {QJsonValue(), QJsonValue(QJsonArray{}), QJsonValue(QStringLiteral("ok"))}) {
            const Result<bool> parsed = parsers().at(name)(result);
            QVERIFY(!parsed.ok());
            QCOMPARE(parsed.error().code, QString(errc::kBadResponse));
            QVERIFY(parsed.error().message.contains(name));
        }
    }

    // Fields inside arrays and objects are named with their path.
    void namesNestedFields_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("value"); // Undefined: removed
        QTest::addColumn<QString>("expected");
        const QJsonValue removed(QJsonValue::Undefined);
        auto row = [](const char *tag, std::string_view name, const char *path, const QJsonValue &value,
                      const char *expected) {
            QTest::newRow(tag) << sv(name) << QString::fromLatin1(path) << value << QString::fromLatin1(expected);
        };
        row("missing in an array", method::kImagesList, "images/0/size", removed, "images[0].size is missing");
        row("a fraction", method::kImagesList, "images/0/size", 1.5, "images[0].size is 1.5, not an integer");
        row("out of range", method::kStepsRun, "exitCode", 1e12, "exitCode is 1000000000000, outside");
        row("mistyped in an array", method::kDoctorRun, "checks/3/status", true,
            "checks[3].status is a boolean where a string belongs");
        row("not an object", method::kContainersHistory, "steps/0", QStringLiteral("exit 7"),
            "steps[0] is a string where an object belongs");
        row("not a string", method::kRunApptainerPull, "argv/1", 1, "argv[1] is a number where a string belongs");
        row("in an object", method::kImagesPublish, "run/apptainerPull", removed, "run.apptainerPull is missing");
        // A tag's details come together (one skopeo inspect): a digest without labels is broken.
        row("two levels down", method::kRegistryList, "repositories/1/tags/0/labels", removed,
            "repositories[1].tags[0].labels is missing");
    }
    void namesNestedFields()
    {
        QFETCH(QString, name);
        QFETCH(QString, path);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        const QJsonValue result = edited(example(name), path.split(QLatin1Char('/')), value);
        expectUnreadable(parsers().at(name)(result), name, expected);
    }

    // What the examples say, field by field, for the answers the workflows read.
    void readsTheExamplesValues()
    {
        const auto images = parse<ImageList>(method::kImagesList, example(sv(method::kImagesList)));
        QCOMPARE(images.images.size(), 1);
        QCOMPARE(images.images.first().names, QStringList{QStringLiteral("127.0.0.1:28782/library/busybox:latest")});
        QCOMPARE(images.images.first().created, qint64(1795931538));
        QCOMPARE(images.images.first().size, qint64(2205184));

        const auto published = parse<PublishedImage>(method::kImagesPublish, example(sv(method::kImagesPublish)));
        QCOMPARE(published.image, QStringLiteral("127.0.0.1:28782/podbay-alice/analysis:v1"));
        QVERIFY(published.apptainerPull.startsWith(QStringLiteral("apptainer pull --no-https")));
        QVERIFY(published.containerfile.contains(QStringLiteral("FROM 127.0.0.1:28782/library/busybox:latest")));

        const auto containers = parse<ContainerList>(method::kContainersList, example(sv(method::kContainersList)));
        QCOMPARE(containers.containers.size(), 1);
        QCOMPARE(containers.containers.first().steps, 2);
        QVERIFY(containers.containers.first().working);

        const auto history = parse<ContainerHistory>(method::kContainersHistory,
                                                     example(sv(method::kContainersHistory)));
        QCOMPARE(history.steps.size(), 2);
        QCOMPARE(history.steps.at(1).command, QStringLiteral("exit 7"));
        QCOMPARE(history.steps.at(1).exitCode, 7);

        const auto registry = parse<RegistryListing>(method::kRegistryList, example(sv(method::kRegistryList)));
        QCOMPARE(registry.ownNamespace, QStringLiteral("podbay-alice"));
        QCOMPARE(registry.repositories.size(), 2);
        QCOMPARE(registry.repositories.at(0).tags.first().size, qint64(-1)); // another namespace: no details
        QVERIFY(registry.repositories.at(0).tags.first().digest.isEmpty());
        const RegistryTag &own = registry.repositories.at(1).tags.first();
        QCOMPARE(own.size, qint64(1052337));
        QCOMPARE(own.labels.value(QStringLiteral("podbay.base")).toString(),
                 QStringLiteral("127.0.0.1:28782/library/busybox:latest"));

        const auto submitted = parse<SubmittedJob>(method::kSlurmSubmit, example(sv(method::kSlurmSubmit)));
        QCOMPARE(submitted.jobId, qint64(42));
        const auto output = parse<JobOutput>(method::kSlurmOutput, example(sv(method::kSlurmOutput)));
        QCOMPARE(output.nextOffset, qint64(18));
        QCOMPARE(output.text, QStringLiteral("hello from podbay\n"));
        const auto jobs = parse<JobList>(method::kSlurmJobs, example(sv(method::kSlurmJobs)));
        QCOMPARE(jobs.jobs.first().timeLimit, QStringLiteral("5:00"));

        const auto doctor = parse<DoctorReport>(method::kDoctorRun, example(sv(method::kDoctorRun)));
        QCOMPARE(doctor.checks.size(), 11);
        QCOMPARE(doctor.uid, qint64(1001));
        const auto bob = parse<DoctorReport>(method::kDoctorUser, example(sv(method::kDoctorUser)));
        QCOMPARE(bob.status, QStringLiteral("fail"));
        QCOMPARE(bob.checks.first().fix, QStringLiteral("create-ranges"));

        const auto fix = parse<AdminFixResult>(method::kAdminFix, example(sv(method::kAdminFix)));
        QCOMPARE(fix.wouldRun.first(), QStringLiteral("runuser"));
        QCOMPARE(fix.toJson(), example(sv(method::kAdminFix)).toObject()); // applyFix returns it as sent

        const auto ran = parse<PodmanRunResult>(method::kRunPodman, example(sv(method::kRunPodman)));
        QCOMPARE(ran.toJson(), example(sv(method::kRunPodman)).toObject());

        const auto report = parse<AdminReport>(kStorageConfigure, example(sv(kStorageConfigure)));
        QCOMPARE(report.report.value(QStringLiteral("command")).toString(), QStringLiteral("storage configure"));
    }

    // Fields the protocol sends only sometimes.
    void acceptsOptionalFieldsAbsent()
    {
        // images.build with push: false (docs/protocol.md gives it inline).
        const QJsonObject built{{QStringLiteral("image"), QStringLiteral("127.0.0.1:28782/podbay-alice/analysis:v2")},
                                {QStringLiteral("pushed"), false}};
        const auto image = parse<BuiltImage>(method::kImagesBuild, built);
        QCOMPARE(image.image, built.value(QStringLiteral("image")).toString());
        QVERIFY(!image.pushed);
        // ... but a pushed build must say where to.
        expectUnreadable(parsers().at(sv(method::kImagesBuild))(edited(built, {QStringLiteral("pushed")}, true)),
                         QStringLiteral("images.build"), QStringLiteral("digest is missing"));

        // A container that is not a working one has no steps.
        const QJsonValue containers = edited(example(sv(method::kContainersList)),
                                             {QStringLiteral("containers"), QStringLiteral("0"), QStringLiteral("steps")},
                                             QJsonValue(QJsonValue::Undefined));
        QCOMPARE(parse<ContainerList>(method::kContainersList, containers).containers.first().steps, -1);

        // admin.fix with a helper command's report (create-ranges), or podman's output (migrate).
        QJsonObject fix{{QStringLiteral("user"), QStringLiteral("podbay-bob")},
                        {QStringLiteral("fix"), QStringLiteral("create-ranges")},
                        {QStringLiteral("dryRun"), true},
                        {QStringLiteral("result"), QJsonObject{{QStringLiteral("changed"), true}}}};
        const auto report = parse<AdminFixResult>(method::kAdminFix, fix);
        QVERIFY(report.result.toObject().value(QStringLiteral("changed")).toBool());
        QCOMPARE(report.toJson(), fix);
        fix.insert(QStringLiteral("result"), QString());
        QVERIFY(parse<AdminFixResult>(method::kAdminFix, fix).result.isString());
    }

    // slurm.script's params leave out what Slurm should default.
    void jobSpecParams()
    {
        JobSpec spec;
        spec.image = QStringLiteral("podbay-alice/analysis:v1");
        spec.command = QStringLiteral("cat /hello.txt");
        QJsonObject params = spec.toParams();
        QVERIFY(!params.contains(QStringLiteral("partition")));
        QVERIFY(!params.contains(QStringLiteral("memory")));
        QCOMPARE(params.value(QStringLiteral("cpus")).toInt(), 1);
        spec.partition = QStringLiteral("debug");
        spec.memory = QStringLiteral("2G");
        params = spec.toParams();
        QCOMPARE(params.value(QStringLiteral("partition")).toString(), QStringLiteral("debug"));
        QCOMPARE(params.value(QStringLiteral("memory")).toString(), QStringLiteral("2G"));
    }
};

QTEST_GUILESS_MAIN(TestHelperClient)
#include "tst_helperclient.moc"
