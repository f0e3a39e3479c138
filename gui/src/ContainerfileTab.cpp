#include "ContainerfileTab.h"

#include "Widgets.h"

#include <ContainerfileTemplates.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace podbay::gui {

QString imagePrefix(const QString &registry, const QString &ownNamespace)
{
    if (registry.isEmpty())
        return ContainerfileTab::tr("(no site registry)");
    // The namespace is the user's primary group (docs/protocol.md, Namespace); until the
    // registry was read it is not known here.
    return registry + QLatin1Char('/') + (ownNamespace.isEmpty() ? QStringLiteral("…") : ownNamespace) +
           QLatin1Char('/');
}

ContainerfileTab::ContainerfileTab(core::HelperRpc *rpc, QWidget *parent)
    : QWidget(parent)
    , m_flow(new core::BuildFlow(rpc, this))
    , m_template(new QComboBox(this))
    , m_editor(new QPlainTextEdit(this))
    , m_registryLabel(new QLabel(this))
    , m_name(lineEdit(QStringLiteral("containerfileName"), {}, this))
    , m_tag(lineEdit(QStringLiteral("containerfileTag"), QStringLiteral("latest"), this))
    , m_push(new QCheckBox(tr("Pu&sh to the registry"), this))
    , m_buildButton(button(QStringLiteral("containerfileBuildButton"), tr("B&uild"), this))
    , m_log(outputView(QStringLiteral("containerfileLog"), tr("The build's output appears here."), this))
    , m_runLines(outputView(QStringLiteral("containerfileRunLines"),
                            tr("After a build with push: the lines to pull and run the image."), this))
    , m_call(new CallStatus(m_flow, QStringLiteral("containerfile"), this))
{
    setObjectName(QStringLiteral("containerfileTab"));
    m_template->setObjectName(QStringLiteral("containerfileTemplate"));
    for (const core::ContainerfileTemplate &t : core::containerfileTemplates())
        m_template->addItem(t.title, t.id);
    m_editor->setObjectName(QStringLiteral("containerfileEditor"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap); // Containerfile(5) continues lines with a backslash
    m_editor->setTabChangesFocus(true);
    m_registryLabel->setObjectName(QStringLiteral("containerfileRegistry"));
    m_name->setPlaceholderText(tr("analysis"));
    m_tag->setMaximumWidth(120);
    m_push->setObjectName(QStringLiteral("containerfilePush"));
    m_push->setChecked(true);
    m_push->setToolTip(tr("Unticked, the image stays on the login node (podman images)."));
    m_runLines->setMaximumHeight(70);
    m_call->addStartWidget(m_buildButton);
    m_call->addStartWidget(m_template);

    auto *form = new QFormLayout;
    form->addRow(tr("Temp&late:"), m_template);
    auto *imageRow = new QHBoxLayout;
    imageRow->addWidget(m_registryLabel);
    imageRow->addWidget(m_name, 1);
    imageRow->addWidget(new QLabel(QStringLiteral(":"), this));
    imageRow->addWidget(m_tag);
    imageRow->addWidget(m_push);
    imageRow->addWidget(m_buildButton);
    // A row holding a layout has no buddy for a mnemonic: a plain label there.
    form->addRow(tr("Image:"), imageRow);

    // The file and the build's output share the height; the user moves the border.
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_editor);
    splitter->addWidget(m_log);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_runLines);
    layout->addWidget(m_call);

    connect(m_template, &QComboBox::activated, this, &ContainerfileTab::applyTemplate);
    connect(m_buildButton, &QPushButton::clicked, this, &ContainerfileTab::build);
    connect(m_flow, &core::WorkflowModel::logAppended, this,
            [this](const QString &, const QString &text) { appendOutput(m_log, text); });
    setRegistry({}, {});
}

void ContainerfileTab::setRegistry(const QString &registry, const QString &ownNamespace)
{
    m_registryLabel->setText(imagePrefix(registry, ownNamespace));
    if (registry == m_registry && !m_editor->toPlainText().isEmpty())
        return;
    m_registry = registry;
    // A new registry renders the template again, unless the user changed the text.
    if (!m_editor->document()->isModified())
        applyTemplate();
}

void ContainerfileTab::chooseTemplate(const QString &id)
{
    const int index = m_template->findData(id);
    if (index < 0)
        return;
    m_template->setCurrentIndex(index);
    applyTemplate();
}

void ContainerfileTab::applyTemplate()
{
    const QString id = m_template->currentData().toString();
    for (const core::ContainerfileTemplate &t : core::containerfileTemplates()) {
        if (t.id == id) {
            // Without a registry the {registry} placeholder stays, for the user to see.
            m_editor->setPlainText(m_registry.isEmpty() ? t.text : core::renderContainerfile(t.text, m_registry));
            return;
        }
    }
}

QString ContainerfileTab::statusText() const
{
    return m_call->text();
}

QCoro::Task<> ContainerfileTab::build()
{
    if (m_flow->busy())
        co_return;
    QPointer<ContainerfileTab> self(this);
    m_log->clear();
    m_runLines->clear();
    const bool push = m_push->isChecked();
    const auto built = co_await m_flow->buildContainerfile(m_editor->toPlainText(), m_name->text().trimmed(),
                                                           m_tag->text().trimmed(), push);
    if (!self)
        co_return;
    if (!built.ok()) {
        m_call->setText(built.error().toString());
        co_return;
    }
    const core::BuiltImage &image = built.value();
    if (!image.pushed) {
        m_call->setText(tr("Built %1. It stays on the login node (not pushed).").arg(image.image));
        co_return;
    }
    m_runLines->setPlainText(image.podmanRun + QLatin1Char('\n') + image.apptainerPull + QLatin1Char('\n') +
                             image.apptainerExec);
    m_call->setText(tr("Built and pushed %1").arg(image.image));
    Q_EMIT pushed(image.image);
}

} // namespace podbay::gui
