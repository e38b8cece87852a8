#pragma once

#include "identityrepository.h"

#include <core/passwordhasher.h>

#include <QDate>
#include <QList>
#include <QString>
#include <QVariantMap>

#include <memory>
#include <optional>
#include <vector>

namespace Ud::Core {
class Error;
struct Context;
class UserContext;
}

namespace Ud::Accounts {

/// What the caller told the agent to prove who they are. A factor left nullopt was not asked.
struct IdentityAnswers {
    std::optional<QDate> dateOfBirth;
    std::optional<QString> securityAnswer;
    /// Answers for factors other modules add with IdentityService::addFactor, by factor key.
    QVariantMap more;
};

enum class IdentityFactorOutcome {
    NotOnRecord,   ///< the customer has nothing on record to check this factor against
    NotChecked,    ///< on record, but the caller was not asked
    Passed,
    Failed,
};

struct IdentityFactorResult {
    QString key;                  ///< "date_of_birth", "security_answer", or an added factor's key
    QString name;                 ///< translated, for running text: "date of birth"
    IdentityFactorOutcome outcome = IdentityFactorOutcome::NotOnRecord;

    friend bool operator==(const IdentityFactorResult &, const IdentityFactorResult &) = default;
};

/// The outcome of one identity check: every factor the service knows, in order, with its
/// outcome, and one translated sentence for the agent.
struct IdentityCheckResult {
    bool verified = false;
    /// True when the customer has no factor on record, so nothing could be checked.
    bool nothingOnRecord = false;
    QList<IdentityFactorResult> factors;
    QString message;

    /// The factors passed, in words for the contact log ("date of birth, security answer");
    /// empty unless verified.
    QString verification() const;
    /// The outcome of the factor with this key (NotOnRecord for an unknown key).
    IdentityFactorOutcome outcome(const QString &key) const;
};

/// What an agent may ask a caller about, without the answers themselves.
struct IdentityOnRecord {
    bool dateOfBirth = false;
    QString securityQuestion;     ///< empty when no security answer is on record
    /// Added factors on record, by key, with their translated names.
    QList<IdentityFactorResult> more;
};

/// A way to tell that the caller is the customer, checked against what is on record. The
/// date of birth and the security answer are built in; modules that know more about the
/// customer add their own with IdentityService::addFactor (billing: the last payment, once
/// payments exist). Both methods run inside check()'s transaction on the calling thread.
class IdentityFactor
{
public:
    virtual ~IdentityFactor() = default;
    virtual QString key() const = 0;
    /// Translated, lower case for running text ("last payment").
    virtual QString name() const = 0;
    virtual bool onRecord(const QString &customerId) = 0;
    /// nullopt when `answers` holds nothing for this factor; else whether it matches.
    virtual std::optional<bool> matches(const QString &customerId, const IdentityAnswers &answers) = 0;
};

/// Verifying a caller's identity before anything is changed for them. check() compares the
/// caller's answers with what is on record: the caller is verified when every factor on record
/// was asked and matched. Each check is audited ("customer.identity_check" with the factors
/// passed and failed, never the values given or stored). After MaxFailures failed checks of a
/// customer within ThrottleSeconds, further checks are refused (Error Denied, audited as
/// "customer.identity_check_refused") until the oldest of them is that old; a verified check
/// clears the count. The security answer is stored only as a PBKDF2 hash of its normalised
/// form (normalisedAnswer), so "  Fluffy  the CAT" matches "fluffy the cat".
class IdentityService
{
public:
    static constexpr int MaxFailures = 3;
    static constexpr int ThrottleSeconds = 15 * 60;

    explicit IdentityService(Core::Context &context, Core::PasswordHasher hasher = {});
    ~IdentityService();

    /// EditCustomers. Question required (at most 200 characters); answer required, 2 to 200
    /// characters once normalised. Audited with the question only.
    void setSecurityAnswer(const Core::UserContext &user, const QString &customerId, const QString &question,
                           const QString &answer);
    /// ViewCustomers. Throws NotFound.
    IdentityOnRecord onRecord(const Core::UserContext &user, const QString &customerId);
    /// LogInteractions (verifying a caller is part of a contact). Throws NotFound, or Denied while checks of the customer are paused.
    IdentityCheckResult check(const Core::UserContext &user, const QString &customerId, const IdentityAnswers &answers);

    /// Adds a factor after the built-in ones (date of birth, security answer).
    void addFactor(std::unique_ptr<IdentityFactor> factor);

    /// Trimmed, letter case folded, inner white space collapsed to one space.
    static QString normalisedAnswer(const QString &answer);
    /// What is wrong with a security question as setSecurityAnswer() sees it, or empty: the
    /// sentence it throws, so a form can show it beside the field first.
    static QString securityQuestionProblem(const QString &question);
    /// The same for the answer.
    static QString securityAnswerProblem(const QString &answer);

private:
    IdentityRepository::Record requireCustomer(const Core::UserContext &user, const QString &customerId);
    Core::Error refusal(qint64 oldestFailure) const;

    Core::Context &m_context;
    Core::PasswordHasher m_hasher;
    IdentityRepository m_identity;
    std::vector<std::unique_ptr<IdentityFactor>> m_factors;
};

} // namespace Ud::Accounts
