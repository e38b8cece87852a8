#pragma once

#include <core/module.h>

#include <QString>

#include <memory>

namespace Ud::Accounts {
class AccountsModule;
}

namespace Ud::Billing {

class BillRun;
class BillService;
class BillingService;
class LedgerService;
class TariffService;
class TariffTrialService;

/// The billing module: tariffs now, the bill calculation later. initialize() creates its
/// services over the shared Context; the accessors are valid from then until the module is
/// destroyed. It comes after the accounts module, whose markets and classes it uses.
class BillingModule : public Core::Module
{
public:
    BillingModule();
    /// With the accounts module, initialize() adds billing's identity factor (the last payment
    /// amount) to its IdentityService and the billing rule attributes (billingattributes.h) to its
    /// attribute catalog; the accounts module must be initialised first.
    explicit BillingModule(Accounts::AccountsModule *accounts);
    ~BillingModule() override;

    QString name() const override { return QStringLiteral("billing"); }
    void initialize(Core::Context &context) override;

    TariffService &tariffs() const;
    LedgerService &ledger() const;
    TariffTrialService &tariffTrials() const;
    BillingService &billing() const;
    BillService &bills() const;
    BillRun &billRun() const;

private:
    Accounts::AccountsModule *m_accounts = nullptr;
    std::unique_ptr<LedgerService> m_ledger;
    std::unique_ptr<TariffService> m_tariffs;
    std::unique_ptr<TariffTrialService> m_tariffTrials;
    std::unique_ptr<BillingService> m_billing;
    std::unique_ptr<BillService> m_bills;
    std::unique_ptr<BillRun> m_billRun;
};

} // namespace Ud::Billing
