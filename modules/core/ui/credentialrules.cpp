#include "credentialrules.h"

#include <core/userservice.h>

#include <QRegularExpression>
#include <QRegularExpressionValidator>

namespace Ud::Ui {

QValidator *CredentialRules::userNameValidator(QObject *parent)
{
    return new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z0-9._-]{0,64}")), parent);
}

QString CredentialRules::userNameProblem(const QString &userName)
{
    if (userName.trimmed().isEmpty())
        return tr("Enter a user name.");
    return Core::UserService::userNameProblem(userName);
}

QString CredentialRules::passwordProblem(const QString &password)
{
    return Core::UserService::passwordProblem(password);
}

QString CredentialRules::repeatProblem(const QString &password, const QString &repeat)
{
    if (repeat.isEmpty())
        return tr("Enter the password again.");
    if (repeat != password)
        return tr("The two passwords differ: enter the same password again.");
    return {};
}

} // namespace Ud::Ui
