#include "identityservice.h"

#include "customerrepository.h"
#include "regionaccess.h"
#include "sqlvalues.h"

#include <core/auditlog.h>
#include <core/clock.h>
#include <core/database.h>
#include <core/error.h>
#include <core/eventbus.h>
#include <core/module.h>
#include <core/transaction.h>
#include <core/usercontext.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace Ud::Accounts {

using Core::Error;
using Core::Permission;
using Core::Transaction;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::IdentityService)
};

constexpr size_t BuiltInFactors = 2;   // date of birth, security answer

[[noreturn]] void badInput(const QString &message)
{
    throw Error(Error::Kind::BadInput, message);
}

class DateOfBirthFactor : public IdentityFactor
{
public:
    explicit DateOfBirthFactor(IdentityRepository &repository) : m_repository(repository) {}
    QString key() const override { return QStringLiteral("date_of_birth"); }
    QString name() const override { return Tr::tr("date of birth"); }
    bool onRecord(const QString &customerId) override
    {
        const auto record = m_repository.get(customerId);
        return record && record->dateOfBirth.isValid();
    }
    std::optional<bool> matches(const QString &customerId, const IdentityAnswers &answers) override
    {
        if (!answers.dateOfBirth || !answers.dateOfBirth->isValid())
            return std::nullopt;
        const auto record = m_repository.get(customerId);
        return record && record->dateOfBirth == *answers.dateOfBirth;
    }

private:
    IdentityRepository &m_repository;
};

class SecurityAnswerFactor : public IdentityFactor
{
public:
    SecurityAnswerFactor(IdentityRepository &repository, const Core::PasswordHasher &hasher)
        : m_repository(repository), m_hasher(hasher) {}
    QString key() const override { return QStringLiteral("security_answer"); }
    QString name() const override { return Tr::tr("security answer"); }
    bool onRecord(const QString &customerId) override
    {
        const auto record = m_repository.get(customerId);
        return record && !record->securityAnswerHash.isEmpty();
    }
    std::optional<bool> matches(const QString &customerId, const IdentityAnswers &answers) override
    {
        if (!answers.securityAnswer)
            return std::nullopt;
        const QString given = IdentityService::normalisedAnswer(*answers.securityAnswer);
        if (given.isEmpty())
            return std::nullopt;
        const auto record = m_repository.get(customerId);
        return record && m_hasher.verify(given, record->securityAnswerHash);
    }

private:
    IdentityRepository &m_repository;
    const Core::PasswordHasher &m_hasher;
};

QStringList names(const QList<IdentityFactorResult> &factors, IdentityFactorOutcome outcome)
{
    QStringList list;
    for (const IdentityFactorResult &f : factors) {
        if (f.outcome == outcome)
            list << f.name;
    }
    return list;
}

QJsonArray keys(const QList<IdentityFactorResult> &factors, IdentityFactorOutcome outcome)
{
    QJsonArray list;
    for (const IdentityFactorResult &f : factors) {
        if (f.outcome == outcome)
            list.append(f.key);
    }
    return list;
}
} // namespace

QString IdentityCheckResult::verification() const
{
    return verified ? names(factors, IdentityFactorOutcome::Passed).join(QStringLiteral(", ")) : QString();
}

IdentityFactorOutcome IdentityCheckResult::outcome(const QString &key) const
{
    for (const IdentityFactorResult &f : factors) {
        if (f.key == key)
            return f.outcome;
    }
    return IdentityFactorOutcome::NotOnRecord;
}

IdentityService::IdentityService(Core::Context &context, Core::PasswordHasher hasher)
    : m_context(context), m_hasher(hasher), m_identity(context.database)
{
    m_factors.push_back(std::make_unique<DateOfBirthFactor>(m_identity));
    m_factors.push_back(std::make_unique<SecurityAnswerFactor>(m_identity, m_hasher));
}

IdentityService::~IdentityService() = default;

void IdentityService::addFactor(std::unique_ptr<IdentityFactor> factor)
{
    m_factors.push_back(std::move(factor));
}

QString IdentityService::normalisedAnswer(const QString &answer)
{
    return answer.simplified().toCaseFolded();
}

QString IdentityService::securityQuestionProblem(const QString &question)
{
    const QString q = question.simplified();
    if (q.isEmpty())
        return Tr::tr("Security question is required: enter a question only the customer can answer.");
    if (q.size() > 200)
        return Tr::tr("Security question must be at most 200 characters.");
    return {};
}

QString IdentityService::securityAnswerProblem(const QString &answer)
{
    const QString a = normalisedAnswer(answer);
    if (a.size() < 2)
        return Tr::tr("Security answer is required: enter the customer's answer, at least 2 characters.");
    if (a.size() > 200)
        return Tr::tr("Security answer must be at most 200 characters.");
    return {};
}

IdentityRepository::Record IdentityService::requireCustomer(const Core::UserContext &user, const QString &customerId)
{
    const auto record = SqlValues::isId(customerId) ? m_identity.get(customerId) : std::nullopt;
    if (!record)
        throw Error(Error::Kind::NotFound, Tr::tr("The customer does not exist (any more); it may have been removed."));
    if (user.limitedToRegion()) {
        CustomerRepository customers(m_context.database, m_context.cipher);
        RegionAccess::require(user, customers, customerId, customers.numberById(customerId).value_or(QString()));
    }
    return *record;
}

void IdentityService::setSecurityAnswer(const Core::UserContext &user, const QString &customerId,
                                        const QString &question, const QString &answer)
{
    user.require(Permission::EditCustomers);
    const QString q = question.simplified();
    const QString a = normalisedAnswer(answer);
    for (const QString &problem : {securityQuestionProblem(q), securityAnswerProblem(a)}) {
        if (!problem.isEmpty())
            badInput(problem);
    }
    // Hashing takes about half a second: done before the write lock is taken.
    const QString hash = m_hasher.hash(a);
    Transaction tx(m_context.database);
    const IdentityRepository::Record before = requireCustomer(user, customerId);
    m_identity.setSecurityAnswer(customerId, q, hash);
    QJsonObject beforeJson;
    if (!before.securityAnswerHash.isEmpty())
        beforeJson = {{QStringLiteral("security_question"), before.securityQuestion},
                      {QStringLiteral("security_answer"), QStringLiteral("recorded")}};
    m_context.audit.record(user, QStringLiteral("customer.security_answer_set"), QStringLiteral("customer"), customerId,
                           beforeJson,
                           {{QStringLiteral("security_question"), q},
                            {QStringLiteral("security_answer"), before.securityAnswerHash.isEmpty()
                                                                    ? QStringLiteral("recorded")
                                                                    : QStringLiteral("changed")}});
    tx.commit();
    m_context.events.publish(QStringLiteral("customer.updated"), {{QStringLiteral("id"), customerId}});
}

IdentityOnRecord IdentityService::onRecord(const Core::UserContext &user, const QString &customerId)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] {
        const IdentityRepository::Record record = requireCustomer(user, customerId);
        IdentityOnRecord on;
        on.dateOfBirth = record.dateOfBirth.isValid();
        if (!record.securityAnswerHash.isEmpty())
            on.securityQuestion = record.securityQuestion;
        // The built-in factors come first and are reported above; the rest were added.
        for (size_t i = BuiltInFactors; i < m_factors.size(); ++i) {
            if (m_factors[i]->onRecord(customerId))
                on.more << IdentityFactorResult{m_factors[i]->key(), m_factors[i]->name(), IdentityFactorOutcome::NotChecked};
        }
        return on;
    });
}

Core::Error IdentityService::refusal(qint64 oldestFailure) const
{
    const qint64 wait = oldestFailure + ThrottleSeconds - m_context.clock.nowSecs();
    const int minutes = int(qMax<qint64>(1, (wait + 59) / 60));
    return Error(Error::Kind::Denied,
                 Tr::tr("Identity checks for this customer are paused after %1 failed checks in %2 minutes: try again "
                        "in %n minute(s), or verify the caller another way.", nullptr, minutes)
                     .arg(MaxFailures)
                     .arg(ThrottleSeconds / 60));
}

IdentityCheckResult IdentityService::check(const Core::UserContext &user, const QString &customerId,
                                           const IdentityAnswers &answers)
{
    // Verifying a caller is part of a contact: whoever may not log contacts has no caller.
    user.require(Permission::LogInteractions);
    const qint64 now = m_context.clock.nowSecs();
    const qint64 windowStart = now - ThrottleSeconds + 1;

    // Compared in a read transaction: the answer's hash takes about half a second, which must
    // not hold the write lock. The count is read again before writing.
    IdentityCheckResult result;
    bool paused = false;
    {
        Transaction read(m_context.database, Transaction::Mode::Read);
        requireCustomer(user, customerId);
        paused = m_identity.failuresSince(customerId, windowStart).count >= MaxFailures;
        if (!paused) {
            for (const auto &factor : m_factors) {
                IdentityFactorResult f{factor->key(), factor->name(), IdentityFactorOutcome::NotOnRecord};
                if (factor->onRecord(customerId)) {
                    const auto match = factor->matches(customerId, answers);
                    f.outcome = !match ? IdentityFactorOutcome::NotChecked
                                : *match ? IdentityFactorOutcome::Passed
                                         : IdentityFactorOutcome::Failed;
                }
                result.factors << f;
            }
        }
        read.commit();
    }

    Transaction tx(m_context.database);
    const IdentityRepository::Failures failures = m_identity.failuresSince(customerId, windowStart);
    if (paused || failures.count >= MaxFailures) {
        // The refusal is audited too, so the entry is committed before the error goes out.
        m_context.audit.record(user, QStringLiteral("customer.identity_check_refused"), QStringLiteral("customer"),
                               customerId, {}, {{QStringLiteral("failed_checks"), failures.count}});
        tx.commit();
        throw refusal(failures.oldest);
    }

    const QStringList failed = names(result.factors, IdentityFactorOutcome::Failed);
    const QStringList notChecked = names(result.factors, IdentityFactorOutcome::NotChecked);
    const QStringList passed = names(result.factors, IdentityFactorOutcome::Passed);
    result.nothingOnRecord = failed.isEmpty() && notChecked.isEmpty() && passed.isEmpty();
    result.verified = !result.nothingOnRecord && failed.isEmpty() && notChecked.isEmpty();
    if (result.nothingOnRecord)
        result.message = Tr::tr("No date of birth or security answer on record: verify the caller another way and "
                                "record one.");
    else if (!failed.isEmpty())
        result.message = Tr::tr("Not verified: the %1 did not match.").arg(failed.join(QStringLiteral(", ")));
    else if (!notChecked.isEmpty())
        result.message = Tr::tr("Not verified yet: ask for the %1 as well.").arg(notChecked.join(QStringLiteral(", ")));
    else
        result.message = Tr::tr("Identity verified by %1.").arg(passed.join(QStringLiteral(", ")));

    if (!failed.isEmpty())
        m_identity.addFailure(customerId, now);
    else if (result.verified)
        m_identity.clearFailures(customerId);
    m_context.audit.record(user, QStringLiteral("customer.identity_check"), QStringLiteral("customer"), customerId, {},
                           {{QStringLiteral("verified"), result.verified},
                            {QStringLiteral("passed"), keys(result.factors, IdentityFactorOutcome::Passed)},
                            {QStringLiteral("failed"), keys(result.factors, IdentityFactorOutcome::Failed)},
                            {QStringLiteral("not_checked"), keys(result.factors, IdentityFactorOutcome::NotChecked)}});
    tx.commit();
    return result;
}

} // namespace Ud::Accounts
