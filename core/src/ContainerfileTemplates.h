#pragma once
// Starting points for a Containerfile build (images.build), the same in the desktop app
// and the portal: a few lines users edit rather than a blank page. `{registry}` stands for
// the site registry (the helper does not rewrite FROM lines, docs/protocol.md
// images.build), filled in by render().

#include <QList>
#include <QString>

namespace podbay::core {

struct ContainerfileTemplate
{
    QString id;    // stable: "busybox", "python", "r", "debian"
    QString title; // translated
    QString text;  // with {registry}
};

QList<ContainerfileTemplate> containerfileTemplates();

// `text` with {registry} replaced by the registry's host:port.
QString renderContainerfile(const QString &text, const QString &registry);

} // namespace podbay::core
