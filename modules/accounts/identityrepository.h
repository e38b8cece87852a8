#pragma once

#include <QDate>
#include <QString>

#include <optional>

namespace Ud::Core {
class Database;
}

namespace Ud::Accounts {

/// SQL for identity verification (the customer's date of birth, security question and answer
/// hash, and the failed checks), on the calling thread's connection inside the caller's
/// Transaction.
class IdentityRepository
{
public:
    struct Record {
        QDate dateOfBirth;            ///< invalid when unknown
        QString securityQuestion;     ///< empty when none
        QString securityAnswerHash;   ///< empty when none
    };

    explicit IdentityRepository(Core::Database &db);

    std::optional<Record> get(const QString &customerId);
    void setSecurityAnswer(const QString &customerId, const QString &question, const QString &answerHash);

    /// Failed checks of the customer at or after `since`, and the time of the oldest of them.
    struct Failures {
        int count = 0;
        qint64 oldest = 0;
    };
    Failures failuresSince(const QString &customerId, qint64 since);
    void addFailure(const QString &customerId, qint64 at);
    void clearFailures(const QString &customerId);

private:
    Core::Database &m_db;
};

} // namespace Ud::Accounts
