#include "AdminReport.h"
#include "AdminPage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace podbay::gui {

Light stateLight(const QString &state)
{
    if (state == QLatin1String("in-sync"))
        return Light::Green;
    if (state == QLatin1String("drift"))
        return Light::Amber;
    if (state == QLatin1String("blocked") || state == QLatin1String("error"))
        return Light::Red;
    return Light::Grey; // a part helper.conf does not configure
}

QString stateWord(const QString &state)
{
    if (state == QLatin1String("in-sync"))
        return AdminPage::tr("In sync");
    if (state == QLatin1String("drift"))
        return AdminPage::tr("Drift");
    if (state == QLatin1String("not-configured"))
        return AdminPage::tr("Not configured");
    if (state == QLatin1String("blocked"))
        return AdminPage::tr("Blocked");
    if (state == QLatin1String("error"))
        return AdminPage::tr("Error");
    if (state == QLatin1String("would-change"))
        return AdminPage::tr("Would change");
    if (state == QLatin1String("changed"))
        return AdminPage::tr("Changed");
    return state;
}

QString partTitle(const QString &name)
{
    if (name == QLatin1String("subids"))
        return AdminPage::tr("Subordinate ids");
    if (name == QLatin1String("storage"))
        return AdminPage::tr("Podman storage");
    if (name == QLatin1String("docker-alias"))
        return AdminPage::tr("docker alias");
    if (name == QLatin1String("ldap"))
        return AdminPage::tr("LDAP server order");
    if (name == QLatin1String("registry"))
        return AdminPage::tr("Site registry");
    if (name == QLatin1String("nvidia"))
        return AdminPage::tr("NVIDIA GPUs (CDI)");
    if (name == QLatin1String("prune-timer"))
        return AdminPage::tr("Daily prune timer");
    if (name == kSetupRow)
        return AdminPage::tr("Every configured part");
    if (name == kPruneRow)
        return AdminPage::tr("Prune old containers");
    return name;
}

namespace {

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray())
        if (item.isString())
            list << item.toString();
    return list;
}

} // namespace

void ReportRenderer::walk(const QJsonObject &object)
{
    if (object.isEmpty())
        return; // also ends the walk into absent nested members
    if (object.value(QLatin1String("name")).isString() && object.value(QLatin1String("state")).isString())
        heading(partTitle(object.value(QLatin1String("name")).toString()) + QStringLiteral(": ")
                + stateWord(object.value(QLatin1String("state")).toString()));
    const QJsonObject error = object.value(QLatin1String("error")).toObject();
    if (!error.isEmpty())
        list(AdminPage::tr("Error"), {error.value(QLatin1String("message")).toString() + QLatin1Char(' ')
                                      + error.value(QLatin1String("hint")).toString()});
    if (object.value(QLatin1String("blocked")).isString())
        list(AdminPage::tr("Blocked"), {object.value(QLatin1String("blocked")).toString()});
    const QJsonObject directory = object.value(QLatin1String("directory")).toObject();
    const QString dirAction = directory.value(QLatin1String("action")).toString();
    if (!dirAction.isEmpty() && dirAction != QLatin1String("unchanged"))
        list(AdminPage::tr("Directory"), {dirAction + QLatin1Char(' ') + directory.value(QLatin1String("path")).toString()});
    list(AdminPage::tr("Actions"), strings(object.value(QLatin1String("actions"))));
    list(AdminPage::tr("Drift"), strings(object.value(QLatin1String("drift"))));
    for (const char *argv : {"wouldRun", "useradd"}) {
        const QStringList words = strings(object.value(QLatin1String(argv)));
        if (!words.isEmpty())
            list(AdminPage::tr("Would run"), {words.join(QLatin1Char(' '))}, true);
    }
    list(AdminPage::tr("Commands to run by hand"), strings(object.value(QLatin1String("commands"))), true);
    // A dry run frees nothing (freedBytes 0); what it would free is per user, estimatedBytes.
    if (object.value(QLatin1String("freedBytes")).isDouble() && !object.value(QLatin1String("dryRun")).toBool())
        list(AdminPage::tr("Space"), {AdminPage::tr("frees %1").arg(QLocale().formattedDataSize(
                                          qint64(object.value(QLatin1String("freedBytes")).toDouble())))});
    for (const QJsonValue &file : object.value(QLatin1String("files")).toArray())
        diff(file.toObject());
    for (const QJsonValue &part : object.value(QLatin1String("parts")).toArray())
        walk(part.toObject());
    for (const QJsonValue &user : object.value(QLatin1String("users")).toArray())
        pruned(user.toObject());
    for (const char *nested : {"account", "packages"})
        walk(object.value(QLatin1String(nested)).toObject());
    list(AdminPage::tr("Notes"), strings(object.value(QLatin1String("notes"))));
    list(AdminPage::tr("Warnings"), strings(object.value(QLatin1String("warnings")))
                                        + strings(object.value(QLatin1String("config_warnings"))));
}

void ReportRenderer::raw(const QJsonObject &report)
{
    block(QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Indented)));
}

void ReportRenderer::prepend(const QString &line)
{
    m_html.prepend(QStringLiteral("<p><b>%1</b></p>").arg(line.toHtmlEscaped()));
    m_text.prepend(line + QLatin1Char('\n'));
}

void ReportRenderer::heading(const QString &title)
{
    m_html += QStringLiteral("<h4>%1</h4>").arg(title.toHtmlEscaped());
    m_text += title + QLatin1Char('\n');
}

void ReportRenderer::list(const QString &title, const QStringList &items, bool fixed)
{
    if (items.isEmpty())
        return;
    m_html += QStringLiteral("<p>%1</p><ul>").arg(title.toHtmlEscaped());
    m_text += title + QStringLiteral(":\n");
    for (const QString &item : items) {
        m_html += fixed ? QStringLiteral("<li><span style=\"font-family:'%1'\">%2</span></li>").arg(m_fixed, item.toHtmlEscaped())
                        : QStringLiteral("<li>%1</li>").arg(item.toHtmlEscaped());
        m_text += QStringLiteral("  - ") + item + QLatin1Char('\n');
    }
    m_html += QStringLiteral("</ul>");
}

void ReportRenderer::pruned(const QJsonObject &user)
{
    QStringList containers, images;
    for (const QJsonValue &c : user.value(QLatin1String("containers")).toObject().value(QLatin1String("selected")).toArray())
        containers << c.toObject().value(QLatin1String("name")).toString();
    for (const QJsonValue &i : user.value(QLatin1String("images")).toObject().value(QLatin1String("selected")).toArray()) {
        const QStringList names = strings(i.toObject().value(QLatin1String("names")));
        images << (names.isEmpty() ? i.toObject().value(QLatin1String("id")).toString().left(12) : names.join(QStringLiteral(", ")));
    }
    if (containers.isEmpty() && images.isEmpty())
        return;
    QString title = user.value(QLatin1String("user")).toString();
    if (user.value(QLatin1String("estimatedBytes")).isDouble())
        title = AdminPage::tr("%1 (about %2)")
                    .arg(title, QLocale().formattedDataSize(qint64(user.value(QLatin1String("estimatedBytes")).toDouble())));
    heading(title);
    list(AdminPage::tr("Containers"), containers, true);
    list(AdminPage::tr("Images"), images, true);
}

void ReportRenderer::diff(const QJsonObject &file)
{
    const QString text = file.value(QLatin1String("diff")).toString();
    if (text.isEmpty())
        return; // an unchanged file has an empty diff
    const QString action = file.value(QLatin1String("action")).toString();
    heading(action.isEmpty() ? file.value(QLatin1String("path")).toString()
                             : action + QLatin1Char(' ') + file.value(QLatin1String("path")).toString());
    block(text);
}

void ReportRenderer::block(const QString &text)
{
    const QString added = m_dark ? QStringLiteral("#56d364") : QStringLiteral("#116329");
    const QString removed = m_dark ? QStringLiteral("#ff7b72") : QStringLiteral("#b3261e");
    const QString hunk = m_dark ? QStringLiteral("#79c0ff") : QStringLiteral("#0550ae");
    m_html += QStringLiteral("<pre style=\"font-family:'%1'\">").arg(m_fixed);
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (line.isEmpty() && i == lines.size() - 1)
            break;
        const QString escaped = line.toHtmlEscaped();
        if (line.startsWith(QLatin1String("+++")) || line.startsWith(QLatin1String("---")))
            m_html += QStringLiteral("<b>%1</b>").arg(escaped);
        else if (line.startsWith(QLatin1Char('+')))
            m_html += QStringLiteral("<span style=\"color:%1\">%2</span>").arg(added, escaped);
        else if (line.startsWith(QLatin1Char('-')))
            m_html += QStringLiteral("<span style=\"color:%1\">%2</span>").arg(removed, escaped);
        else if (line.startsWith(QLatin1String("@@")))
            m_html += QStringLiteral("<span style=\"color:%1\">%2</span>").arg(hunk, escaped);
        else
            m_html += escaped;
        m_html += QLatin1Char('\n');
        m_text += line + QLatin1Char('\n');
    }
    m_html += QStringLiteral("</pre>");
}

} // namespace podbay::gui
