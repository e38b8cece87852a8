#pragma once

#include <QCoreApplication>
#include <QString>

class QValidator;
class QObject;

namespace Ud::Ui {

/// The inline checks of the user-name and password fields (Users page, first-run
/// administrator form). The rules themselves are Core::UserService's; this adds what only a
/// form needs: a validator that limits typing, "enter a user name" for an empty field, and
/// the repeated-password check.
class CredentialRules
{
    Q_DECLARE_TR_FUNCTIONS(Ud::Ui::CredentialRules)
public:
    /// Limits typing to the characters a user name may contain.
    static QValidator *userNameValidator(QObject *parent);
    /// Empty when fine, else one sentence saying what to enter.
    static QString userNameProblem(const QString &userName);
    static QString passwordProblem(const QString &password);
    static QString repeatProblem(const QString &password, const QString &repeat);
};

} // namespace Ud::Ui
