#include "ContainerfileTemplates.h"

#include <QObject>

namespace podbay::core {

QList<ContainerfileTemplate> containerfileTemplates()
{
    // Containerfile(5): one instruction per line. Each RUN cleans what it downloaded, so
    // the layer holds only the result; packages are pinned by the user, not here.
    return {
        {QStringLiteral("busybox"), QObject::tr("Site base image (BusyBox)"),
         QStringLiteral("FROM {registry}/library/busybox:latest\n"
                        "RUN mkdir -p /opt/app && echo 'hello from podbay' > /opt/app/hello.txt\n"
                        "CMD [\"cat\", \"/opt/app/hello.txt\"]\n")},
        {QStringLiteral("python"), QObject::tr("Python with pip packages"),
         QStringLiteral("FROM {registry}/library/python:3.12-slim\n"
                        "RUN pip install --no-cache-dir numpy pandas\n"
                        "CMD [\"python3\"]\n")},
        {QStringLiteral("r"), QObject::tr("R with CRAN packages"),
         QStringLiteral("FROM {registry}/rocker/r-ver:4.4\n"
                        "RUN R -q -e 'install.packages(c(\"data.table\", \"ggplot2\"))'\n"
                        "CMD [\"R\"]\n")},
        {QStringLiteral("debian"), QObject::tr("Debian with apt packages"),
         QStringLiteral("FROM {registry}/library/debian:12\n"
                        "RUN apt-get update \\\n"
                        " && apt-get install -y --no-install-recommends build-essential ca-certificates \\\n"
                        " && rm -rf /var/lib/apt/lists/*\n")},
    };
}

QString renderContainerfile(const QString &text, const QString &registry)
{
    QString out = text;
    return out.replace(QStringLiteral("{registry}"), registry);
}

} // namespace podbay::core
