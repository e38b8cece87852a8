#include "accountsfixture.h"

#include <accounts/identityservice.h>
#include <core/error.h>
#include <core/sqlquery.h>

#include <QTest>

using namespace Ud;
using Accounts::IdentityAnswers;
using Accounts::IdentityCheckResult;
using Accounts::IdentityFactorOutcome;
using Accounts::IdentityService;
using Core::Error;
using Test::AccountsFixture;
using Test::errorOf;

namespace {

const QDate Birthday(1985, 3, 14);

IdentityAnswers answers(std::optional<QDate> dateOfBirth, std::optional<QString> securityAnswer)
{
    IdentityAnswers a;
    a.dateOfBirth = dateOfBirth;
    a.securityAnswer = securityAnswer;
    return a;
}

// The accounts fixture with an identity service that hashes with few iterations, and a
// customer with a date of birth and a security answer on record.
struct IdentityFixture : AccountsFixture {
    explicit IdentityFixture(Core::Database &db, bool withFactors = true)
        : AccountsFixture(db), identity(context, Core::PasswordHasher::forTests(1000))
    {
        Accounts::Customer c;
        c.fullName = QStringLiteral("Wei Zhang");
        if (withFactors)
            c.dateOfBirth = Birthday;
        customerId = customers().create(agent(), c).id;
        if (withFactors)
            identity.setSecurityAnswer(agent(), customerId, QStringLiteral("Name of your first pet?"),
                                       QStringLiteral("  Fluffy   the Cat "));
    }

    IdentityCheckResult check(const IdentityAnswers &a) { return identity.check(agent(), customerId, a); }

    IdentityService identity;
    QString customerId;
};
} // namespace

class TestIdentity : public QObject
{
    Q_OBJECT

private slots:
    void rightDateOfBirthAndAnswerVerify_data() { Test::addBackendRows(); }
    void rightDateOfBirthAndAnswerVerify()
    {
        UD_TEST_DATABASE(t);
        IdentityFixture f(t.db());
        const IdentityCheckResult result = f.check(answers(Birthday, QStringLiteral("Fluffy the Cat")));
        QVERIFY(result.verified);
        QVERIFY(!result.nothingOnRecord);
        QCOMPARE(result.outcome(QStringLiteral("date_of_birth")), IdentityFactorOutcome::Passed);
        QCOMPARE(result.outcome(QStringLiteral("security_answer")), IdentityFactorOutcome::Passed);
        QCOMPARE(result.verification(), QStringLiteral("date of birth, security answer"));
        QCOMPARE(result.message, QStringLiteral("Identity verified by date of birth, security answer."));

        const Accounts::IdentityOnRecord on = f.identity.onRecord(f.agent(), f.customerId);
        QVERIFY(on.dateOfBirth);
        QCOMPARE(on.securityQuestion, QStringLiteral("Name of your first pet?"));
    }

    void answerMatchingIgnoresCaseAndSpaces_data() { Test::addBackendRows(); }
    void answerMatchingIgnoresCaseAndSpaces()
    {
        UD_TEST_DATABASE(t);
        IdentityFixture f(t.db());
        for (const QString &typed : {QStringLiteral("fluffy the cat"), QStringLiteral("  FLUFFY\tthe   cAT  ")}) {
            const auto result = f.check(answers(std::nullopt, typed));
            QCOMPARE(result.outcome(QStringLiteral("security_answer")), IdentityFactorOutcome::Passed);
            // The date of birth is on record too but was not asked: not verified yet.
            QCOMPARE(result.outcome(QStringLiteral("date_of_birth")), IdentityFactorOutcome::NotChecked);
            QVERIFY(!result.verified);
            QCOMPARE(result.message, QStringLiteral("Not verified yet: ask for the date of birth as well."));
        }
        QCOMPARE(f.check(answers(std::nullopt, QStringLiteral("fluffythecat"))).outcome(QStringLiteral("security_answer")),
                 IdentityFactorOutcome::Failed);
    }

    void wrongAnswerFails_data() { Test::addBackendRows(); }
    void wrongAnswerFails()
    {
        UD_TEST_DATABASE(t);
        IdentityFixture f(t.db());
        const auto result = f.check(answers(Birthday, QStringLiteral("Rex")));
        QVERIFY(!result.verified);
        QCOMPARE(result.outcome(QStringLiteral("date_of_birth")), IdentityFactorOutcome::Passed);
        QCOMPARE(result.outcome(QStringLiteral("security_answer")), IdentityFactorOutcome::Failed);
        QCOMPARE(result.verification(), QString());
        QCOMPARE(result.message, QStringLiteral("Not verified: the security answer did not match."));
        const auto wrongDate = f.check(answers(QDate(1985, 3, 15), QStringLiteral("fluffy the cat")));
        QVERIFY(!wrongDate.verified);
        QCOMPARE(wrongDate.outcome(QStringLiteral("date_of_birth")), IdentityFactorOutcome::Failed);
    }

    void nothingOnRecordSaysSo_data() { Test::addBackendRows(); }
    void nothingOnRecordSaysSo()
    {
        UD_TEST_DATABASE(t);
        IdentityFixture f(t.db(), false);
        const auto result = f.check(answers(Birthday, QStringLiteral("anything")));
        QVERIFY(!result.verified);
        QVERIFY(result.nothingOnRecord);
        QCOMPARE(result.outcome(QStringLiteral("date_of_birth")), IdentityFactorOutcome::NotOnRecord);
        QCOMPARE(result.outcome(QStringLiteral("security_answer")), IdentityFactorOutcome::NotOnRecord);
        QCOMPARE(result.message, QStringLiteral("No date of birth or security answer on record: verify the caller "
                                                "another way and record one."));
        const Accounts::IdentityOnRecord on = f.identity.onRecord(f.agent(), f.customerId);
        QVERIFY(!on.dateOfBirth);
        QVERIFY(on.securityQuestion.isEmpty());
    }

    void checksPauseAfterThreeFailures_data() { Test::addBackendRows(); }
    void checksPauseAfterThreeFailures()
    {
        UD_TEST_DATABASE(t);
        IdentityFixture f(t.db());
        // Two failures, then a pass clears them.
        f.check(answers(Birthday, QStringLiteral("Rex")));
        f.check(answers(Birthday, QStringLiteral("Tom")));
        QVERIFY(f.check(answers(Birthday, QStringLiteral("fluffy the cat"))).verified);
        for (const char *wrong : {"Rex", "Tom", "Felix"}) {
            f.clock.advance(60);
            QVERIFY(!f.check(answers(Birthday, QString::fromLatin1(wrong))).verified);
        }
        f.clock.advance(60);
        const QString refused = errorOf(Error::Kind::Denied, [&] { f.check(answers(Birthday, QStringLiteral("fluffy the cat"))); });
        QCOMPARE(refused, QStringLiteral("Identity checks for this customer are paused after 3 failed checks in 15 minutes: "
                                         "try again in 12 minute(s), or verify the caller another way."));
        QCOMPARE(f.audit.list(f.supervisor(), 1).constFirst().action, QStringLiteral("customer.identity_check_refused"));
        // Other customers are not affected.
        Accounts::Customer other;
        other.fullName = QStringLiteral("Someone Else");
        other.dateOfBirth = Birthday;
        other = f.customers().create(f.agent(), other);
        QVERIFY(f.identity.check(f.agent(), other.id, answers(Birthday, std::nullopt)).verified);
        // Fifteen minutes after the first of the three failures, checks resume.
        f.clock.advance(11 * 60);
        QVERIFY(errorOf(Error::Kind::Denied, [&] { f.check(answers(Birthday, QStringLiteral("Rex"))); })
                    .contains(QLatin1String("try again in 1 minute(s)")));
        f.clock.advance(60);
        QVERIFY(f.check(answers(Birthday, QStringLiteral("fluffy the cat"))).verified);
    }

    void auditEntriesHoldNoValuesAndTheAnswerIsHashed_data() { Test::addBackendRows(); }
    void auditEntriesHoldNoValuesAndTheAnswerIsHashed()
    {
        UD_TEST_DATABASE(t);
        IdentityFixture f(t.db());
        f.check(answers(Birthday, QStringLiteral("Rexford")));
        f.check(answers(Birthday, QStringLiteral("Fluffy the cat")));

        int checks = 0;
        int setAnswer = 0;
        for (const auto &entry : f.audit.list(f.supervisor(), 50)) {
            if (!entry.action.startsWith(QLatin1String("customer.identity_check"))
                && entry.action != QLatin1String("customer.security_answer_set"))
                continue;
            checks += entry.action == QLatin1String("customer.identity_check");
            setAnswer += entry.action == QLatin1String("customer.security_answer_set");
            QCOMPARE(entry.entityId, f.customerId);
            const QString text = entry.beforeJson + entry.afterJson;
            QVERIFY2(!text.contains(QLatin1String("fluffy"), Qt::CaseInsensitive), qPrintable(text));
            QVERIFY2(!text.contains(QLatin1String("rexford"), Qt::CaseInsensitive), qPrintable(text));
            QVERIFY2(!text.contains(QLatin1String("1985")), qPrintable(text));
            QVERIFY2(!text.contains(QLatin1String("pbkdf2")), qPrintable(text));
        }
        QCOMPARE(checks, 2);
        QCOMPARE(setAnswer, 1);
        const auto last = f.audit.list(f.supervisor(), 2);
        QCOMPARE(last.at(0).afterJson, QStringLiteral(
            "{\"failed\":[],\"not_checked\":[],\"passed\":[\"date_of_birth\",\"security_answer\"],\"verified\":true}"));
        QCOMPARE(last.at(1).afterJson, QStringLiteral(
            "{\"failed\":[\"security_answer\"],\"not_checked\":[],\"passed\":[\"date_of_birth\"],\"verified\":false}"));

        Core::SqlQuery stored(t.db().connection(),
                              QStringLiteral("SELECT security_question, security_answer_hash FROM customers WHERE id = :id"));
        stored.bind(QStringLiteral(":id"), f.customerId).exec();
        QVERIFY(stored.next());
        QCOMPARE(stored.value(0).toString(), QStringLiteral("Name of your first pet?"));
        const QString hash = stored.value(1).toString();
        QVERIFY(hash.startsWith(QLatin1String("pbkdf2-sha256$")));
        QVERIFY(!hash.contains(QLatin1String("fluffy"), Qt::CaseInsensitive));
        QVERIFY(Core::PasswordHasher::forTests(1000).verify(QStringLiteral("fluffy the cat"), hash));
    }

    void settingTheAnswerNeedsEditCustomersAndAnAnswer_data() { Test::addBackendRows(); }
    void settingTheAnswerNeedsEditCustomersAndAnAnswer()
    {
        UD_TEST_DATABASE(t);
        IdentityFixture f(t.db(), false);
        QVERIFY(errorOf(Error::Kind::Denied, [&] {
                    f.identity.setSecurityAnswer(f.businessUser(), f.customerId, QStringLiteral("Town of birth?"),
                                                 QStringLiteral("Leeds"));
                }).contains(QLatin1String("bob")));
        QCOMPARE(errorOf(Error::Kind::BadInput, [&] {
                     f.identity.setSecurityAnswer(f.agent(), f.customerId, QStringLiteral("Town of birth?"), QStringLiteral("  "));
                 }), QStringLiteral("Security answer is required: enter the customer's answer, at least 2 characters."));
        QVERIFY(errorOf(Error::Kind::BadInput, [&] {
                    f.identity.setSecurityAnswer(f.agent(), f.customerId, QString(), QStringLiteral("Leeds"));
                }).startsWith(QLatin1String("Security question is required")));
        QVERIFY(f.identity.onRecord(f.agent(), f.customerId).securityQuestion.isEmpty());
        f.identity.setSecurityAnswer(f.agent(), f.customerId, QStringLiteral("Town of birth?"), QStringLiteral("Leeds"));
        // A business user has no caller to verify; an agent's check counts only the answer on record.
        QVERIFY(errorOf(Error::Kind::Denied, [&] {
                    f.identity.check(f.businessUser(), f.customerId, answers(std::nullopt, QStringLiteral("leeds")));
                }).contains(QLatin1String("bob")));
        const auto result = f.identity.check(f.agent(), f.customerId, answers(std::nullopt, QStringLiteral("leeds")));
        QVERIFY(result.verified);
        QCOMPARE(result.verification(), QStringLiteral("security answer"));
        QCOMPARE(errorOf(Error::Kind::NotFound, [&] { f.identity.check(f.agent(), Core::newId(), {}); }),
                 QStringLiteral("The customer does not exist (any more); it may have been removed."));
    }
};

QTEST_GUILESS_MAIN(TestIdentity)
#include "tst_identity.moc"
