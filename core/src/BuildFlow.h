#pragma once
// The build flow (docs/protocol.md: containers.*, steps.run, images.publish): from a base
// image to a working container, steps recorded with their exit codes, then commit and
// push to the site registry. Resuming an existing working container loads its history.

#include "WorkflowModel.h"

#include <QDateTime>
#include <QList>

namespace podbay::core {

// BuildStep and PublishedImage are in HelperTypes.h (the helper's answers).

class BuildFlow : public WorkflowModel
{
    Q_OBJECT

public:
    explicit BuildFlow(HelperRpc *rpc, QObject *parent = nullptr);

    const QString &container() const { return m_container; }
    const QString &baseImage() const { return m_base; }
    const QList<BuildStep> &steps() const { return m_steps; }
    const PublishedImage &published() const { return m_published; }

    // A new working container `name` from `baseImage` (a site registry path such as
    // library/busybox, or a full reference).
    QCoro::Task<Result<void>> start(QString baseImage, QString name);
    // Resumes the working container `name` (its base and recorded steps).
    QCoro::Task<Result<void>> open(QString name);
    // Runs one step; the step is recorded (and returned) whatever its exit code. A
    // cancelled step is recorded by the helper with exit code 130.
    QCoro::Task<Result<BuildStep>> runStep(QString command);
    // Commits, pushes as `name:tag` in the user's namespace and removes the local image.
    QCoro::Task<Result<PublishedImage>> publish(QString name, QString tag);
    // The other way to an image (docs/protocol.md images.build): a Containerfile's text,
    // built in an empty context and pushed unless `push` is false. No working container
    // is involved; `podman build`'s output comes as log().
    QCoro::Task<Result<BuiltImage>> buildContainerfile(QString containerfile, QString name, QString tag,
                                                       bool push = true);
    // Removes the working container and its history.
    QCoro::Task<Result<void>> discard();
    // The remote command for an interactive shell in the container, to run on a PTY
    // channel (`podbay-helper shell NAME`).
    QString shellCommand(const QString &helper) const;
    static QString shellCommand(const QString &helper, const QString &container);

private:
    void loadHistory(const ContainerHistory &history);

    QString m_container;
    QString m_base;
    QList<BuildStep> m_steps;
    PublishedImage m_published;
};

} // namespace podbay::core
