#include "lastpaymentfactor.h"

#include "ledgerrepository.h"

#include <core/error.h>
#include <core/money.h>

#include <QCoreApplication>

namespace Ud::Billing {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Billing::LastPaymentFactor)
};
} // namespace

QString LastPaymentFactor::key() const
{
    return QLatin1String(Key);
}

QString LastPaymentFactor::name() const
{
    return Tr::tr("last payment amount");
}

bool LastPaymentFactor::onRecord(const QString &customerId)
{
    return m_ledger.lastPaymentOfCustomer(customerId).has_value();
}

std::optional<qint64> LastPaymentFactor::spokenAmount(const QString &text, const QString &currency)
{
    // What the agent typed as heard: currency signs and spaces go, and a comma is the decimal
    // point when there is no full stop ("20,50").
    QString t;
    for (QChar c : text) {
        if (c.isDigit() || c == QLatin1Char('.') || c == QLatin1Char(','))
            t.append(c);
    }
    if (!t.contains(QLatin1Char('.')))
        t.replace(QLatin1Char(','), QLatin1Char('.'));
    else
        t.remove(QLatin1Char(','));
    if (t.isEmpty())
        return std::nullopt;
    try {
        return Core::Money::parse(t, currency, QLocale::c(), QString()).minorUnits();
    } catch (const Core::Error &) {
        return std::nullopt;
    }
}

std::optional<bool> LastPaymentFactor::matches(const QString &customerId, const Accounts::IdentityAnswers &answers)
{
    const QString given = answers.more.value(key()).toString().trimmed();
    if (given.isEmpty())
        return std::nullopt;
    const auto last = m_ledger.lastPaymentOfCustomer(customerId);
    if (!last)
        return false;
    const auto amount = spokenAmount(given, last->currency);
    return amount && *amount == last->amountMinor;
}

} // namespace Ud::Billing
