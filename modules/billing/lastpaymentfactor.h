#pragma once

#include <accounts/identityservice.h>

namespace Ud::Billing {

class LedgerRepository;

/// The identity factor "last payment amount" (key "last_payment"): the caller says how much
/// they last paid or topped up, on any of their accounts, and it must match to the minor unit.
/// The answer is text in IdentityAnswers::more ("20", "20.00", "20,00", "€20.00"). A customer
/// who never paid has nothing on record for it.
class LastPaymentFactor : public Accounts::IdentityFactor
{
public:
    static constexpr const char *Key = "last_payment";

    explicit LastPaymentFactor(LedgerRepository &ledger) : m_ledger(ledger) {}

    QString key() const override;
    QString name() const override;
    bool onRecord(const QString &customerId) override;
    std::optional<bool> matches(const QString &customerId, const Accounts::IdentityAnswers &answers) override;

    /// The amount a caller said, in minor units of `currency`; nullopt if it is not an amount.
    static std::optional<qint64> spokenAmount(const QString &text, const QString &currency);

private:
    LedgerRepository &m_ledger;
};

} // namespace Ud::Billing
