#include "identityrepository.h"

#include "sqlvalues.h"

#include <core/database.h>
#include <core/ids.h>
#include <core/sqlquery.h>

namespace Ud::Accounts {

using Core::SqlQuery;

IdentityRepository::IdentityRepository(Core::Database &db) : m_db(db) {}

std::optional<IdentityRepository::Record> IdentityRepository::get(const QString &customerId)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT date_of_birth, security_question, security_answer_hash "
                                                 "FROM customers WHERE id = :id"));
    q.bind(QStringLiteral(":id"), customerId).exec();
    if (!q.next())
        return std::nullopt;
    Record r;
    r.dateOfBirth = SqlValues::toDate(q.value(0));
    r.securityQuestion = q.value(1).toString();
    r.securityAnswerHash = q.value(2).toString();
    return r;
}

void IdentityRepository::setSecurityAnswer(const QString &customerId, const QString &question, const QString &answerHash)
{
    SqlQuery(m_db.connection(), QStringLiteral("UPDATE customers SET security_question = :q, security_answer_hash = :h "
                                               "WHERE id = :id"))
        .bind(QStringLiteral(":q"), question)
        .bind(QStringLiteral(":h"), answerHash)
        .bind(QStringLiteral(":id"), customerId)
        .exec();
}

IdentityRepository::Failures IdentityRepository::failuresSince(const QString &customerId, qint64 since)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT count(*), min(at) FROM identity_check_failures "
                                                 "WHERE customer_id = :c AND at >= :since"));
    q.bind(QStringLiteral(":c"), customerId).bind(QStringLiteral(":since"), since).exec();
    Failures f;
    if (q.next()) {
        f.count = q.value(0).toInt();
        f.oldest = q.value(1).toLongLong();
    }
    return f;
}

void IdentityRepository::addFailure(const QString &customerId, qint64 at)
{
    SqlQuery(m_db.connection(), QStringLiteral("INSERT INTO identity_check_failures (id, customer_id, at) "
                                               "VALUES (:id, :c, :at)"))
        .bind(QStringLiteral(":id"), Core::newId())
        .bind(QStringLiteral(":c"), customerId)
        .bind(QStringLiteral(":at"), at)
        .exec();
}

void IdentityRepository::clearFailures(const QString &customerId)
{
    SqlQuery(m_db.connection(), QStringLiteral("DELETE FROM identity_check_failures WHERE customer_id = :c"))
        .bind(QStringLiteral(":c"), customerId)
        .exec();
}

} // namespace Ud::Accounts
