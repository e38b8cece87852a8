#include "tarifftrial.h"

#include <core/error.h>
#include <core/module.h>
#include <core/transaction.h>
#include <core/usercontext.h>

#include <QCoreApplication>
#include <QDateTime>

namespace Ud::Billing {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Billing::TariffTrialService)
};

using Core::Error;

void checkPeriod(const QDate &from, const QDate &to)
{
    if (!from.isValid())
        throw Error(Error::Kind::BadInput, Tr::tr("From: enter the first day of the test period."));
    if (!to.isValid())
        throw Error(Error::Kind::BadInput, Tr::tr("To: enter the last day of the test period."));
    if (to < from)
        throw Error(Error::Kind::BadInput, Tr::tr("To: %1 is before the first day %2; enter a later day.")
                                               .arg(to.toString(Qt::ISODate), from.toString(Qt::ISODate)));
}

} // namespace

TariffTrialService::TariffTrialService(Core::Context &context) : m_context(context) {}

TariffTrial TariffTrialService::run(const Core::UserContext &user, const Tariff &draft, const QString &account,
                                    const QDate &from, const QDate &to)
{
    user.require(Core::Permission::ManageCatalog);
    checkPeriod(from, to);
    return Core::readOnly(m_context.database, [&] {
        BillingData data(m_context.database);
        TariffTrial trial;
        trial.account = data.account(account.trimmed());
        trial.from = from;
        trial.to = to;
        if (draft.marketCode != trial.account.marketCode)
            throw Error(Error::Kind::BadInput,
                        Tr::tr("Account %1 is in market %2; this tariff is for %3. Choose an account of market %3.")
                            .arg(trial.account.accountNumber, trial.account.marketCode, draft.marketCode));
        if (!draft.customerClasses.contains(trial.account.customerClass))
            throw Error(Error::Kind::BadInput,
                        Tr::tr("Account %1 belongs to a %2 customer; this tariff is not for that class. "
                               "Add the class or choose another account.")
                            .arg(trial.account.accountNumber, Accounts::customerClassName(trial.account.customerClass)));
        const TaxSchedule taxes = data.taxes(trial.account.marketCode, trial.account.customerClass);
        const MeteredUsage usage = data.usage(trial.account, from, to);
        // A draft version usually starts tomorrow and is tried on last month: its prices are
        // tried as if in force over the whole period.
        Tariff tried = draft;
        if (tried.versions.size() == 1) {
            tried.versions[0].effectiveFrom = from;
            tried.versions[0].effectiveTo = to;
        }
        trial.draft = BillCalculator::calculate(tried, taxes, usage, from, to);
        if (const std::optional<Tariff> current = data.tariffOn(trial.account.accountId, from)) {
            trial.currentName = current->name;
            try {
                trial.current = BillCalculator::calculate(*current, taxes, usage, from, to);
            } catch (const Error &) {
                // The current tariff does not cover the whole period (it changed or ends inside
                // it): the draft's figures stand alone rather than against a partial bill.
                trial.current.reset();
            }
        }
        return trial;
    });
}

std::optional<std::pair<QDate, QDate>> TariffTrialService::lastFullMonth(const Core::UserContext &user,
                                                                         const QString &account)
{
    user.require(Core::Permission::ManageCatalog);
    return Core::readOnly(m_context.database, [&]() -> std::optional<std::pair<QDate, QDate>> {
        BillingData data(m_context.database);
        const BillingAccount a = data.account(account.trimmed());
        const std::optional<QDate> last = data.lastReadingDay(a);
        if (!last)
            return std::nullopt;
        const QDate lastDay = *last;
        // The month of the last reading counts only if the reading is its last day's.
        const QDate monthEnd(lastDay.year(), lastDay.month(), lastDay.daysInMonth());
        const QDate end = lastDay == monthEnd ? monthEnd : QDate(lastDay.year(), lastDay.month(), 1).addDays(-1);
        return std::pair{QDate(end.year(), end.month(), 1), end};
    });
}

} // namespace Ud::Billing
