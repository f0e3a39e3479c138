#pragma once
// core::Prompter for the desktop app: window-modal dialogs for an unknown host key (with
// its SHA256 fingerprint, default "No"), a password or key passphrase, and
// keyboard-interactive challenges (one field per prompt, hidden unless the server says
// it may echo: RFC 4256 section 3.2). Each dialog is opened, not exec()'d, and awaited, so
// the event loop (and the SSH worker's other work) keeps running while the person reads.

#include <Prompter.h>

#include <QCoreApplication>
#include <QPointer>
#include <QWidget>

namespace podbay::gui {

class DialogPrompter : public core::Prompter
{
    Q_DECLARE_TR_FUNCTIONS(DialogPrompter)

public:
    // Dialogs are children of `parent` (the main window).
    explicit DialogPrompter(QWidget *parent);

    QCoro::Task<bool> confirmHostKey(core::HostKeyQuestion question) override;
    QCoro::Task<std::optional<QString>> askSecret(core::SecretQuestion question) override;
    QCoro::Task<std::optional<QStringList>> answerChallenge(core::Challenge challenge) override;

private:
    QPointer<QWidget> m_parent;
};

} // namespace podbay::gui
