#include "DialogPrompter.h"

#include <QCoroSignal>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QVBoxLayout>

#include <chrono>

namespace podbay::gui {
namespace {

// sshd gives a login 120 s by default (sshd_config(5) LoginGraceTime); an answer after
// that is useless, so a question left open longer is closed as "no".
constexpr std::chrono::minutes kAnswerTimeout{5};

// Opens `dialog` window-modal and waits for it to close. Rejected when the dialog went
// away meanwhile (its parent window closed) or timed out; the caller reads its fields
// right after an accept (before the event loop runs again); the dialog is deleted later.
QCoro::Task<int> openAndWait(QDialog *dialog)
{
    QPointer<QDialog> guard(dialog);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
    const auto result = co_await qCoro(dialog, &QDialog::finished, kAnswerTimeout);
    if (!guard)
        co_return QDialog::Rejected;
    if (!result)
        guard->reject();
    guard->deleteLater();
    co_return result.value_or(QDialog::Rejected);
}

} // namespace

DialogPrompter::DialogPrompter(QWidget *parent)
    : m_parent(parent)
{
}

QCoro::Task<bool> DialogPrompter::confirmHostKey(core::HostKeyQuestion question)
{
    // The wording of OpenSSH's own question, so users recognise it.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Unknown host key"),
                                tr("The authenticity of host %1 can't be established.").arg(question.host),
                                QMessageBox::Yes | QMessageBox::No, m_parent);
    box->setObjectName(QStringLiteral("hostKeyDialog"));
    box->setInformativeText(
        tr("%1 key fingerprint is %2.\n\nCompare it with the one your site publishes. Trust this key and "
                    "add it to %3?")
            .arg(question.key.type, question.key.fingerprint, question.knownHostsFile));
    box->setDefaultButton(QMessageBox::No);
    box->setEscapeButton(QMessageBox::No);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const int result = co_await openAndWait(box);
    co_return result == QMessageBox::Yes;
}

QCoro::Task<std::optional<QString>> DialogPrompter::askSecret(core::SecretQuestion question)
{
    auto *input = new QInputDialog(m_parent);
    input->setObjectName(QStringLiteral("secretDialog"));
    input->setWindowTitle(question.kind == core::SecretQuestion::Kind::KeyPassphrase ? tr("Key passphrase")
                                                                                      : tr("Password"));
    QString label = question.prompt;
    if (question.attempt > 1)
        label = tr("That did not work; try again.") + QStringLiteral("\n") + label;
    input->setLabelText(label);
    input->setTextEchoMode(QLineEdit::Password);
    const int result = co_await openAndWait(input);
    if (result != QDialog::Accepted)
        co_return std::nullopt;
    co_return input->textValue();
}

QCoro::Task<std::optional<QStringList>> DialogPrompter::answerChallenge(core::Challenge challenge)
{
    auto *dialog = new QDialog(m_parent);
    dialog->setObjectName(QStringLiteral("challengeDialog"));
    dialog->setWindowTitle(challenge.name.isEmpty() ? tr("The login node asks") : challenge.name);
    auto *layout = new QVBoxLayout(dialog);
    if (!challenge.instruction.isEmpty()) {
        auto *instruction = new QLabel(challenge.instruction, dialog);
        instruction->setWordWrap(true);
        instruction->setTextFormat(Qt::PlainText); // the server's text, never markup
        layout->addWidget(instruction);
    }
    auto *form = new QFormLayout;
    QList<QLineEdit *> fields;
    for (const auto &prompt : challenge.prompts) {
        auto *field = new QLineEdit(dialog);
        field->setObjectName(QStringLiteral("answer%1").arg(fields.size()));
        field->setEchoMode(prompt.echo ? QLineEdit::Normal : QLineEdit::Password);
        auto *label = new QLabel(prompt.text.trimmed(), dialog);
        label->setTextFormat(Qt::PlainText);
        label->setBuddy(field);
        form->addRow(label, field);
        fields.append(field);
    }
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    const int result = co_await openAndWait(dialog);
    if (result != QDialog::Accepted)
        co_return std::nullopt;
    QStringList answers;
    for (QLineEdit *field : fields)
        answers.append(field->text());
    co_return answers;
}

} // namespace podbay::gui
