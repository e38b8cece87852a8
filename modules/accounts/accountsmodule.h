#pragma once

#include <core/module.h>
#include <rules/attributecatalog.h>

#include <QString>

#include <memory>

namespace Ud::Accounts {

class AccountService;
class ApplianceService;
class ContactCodeService;
class CustomerHistory;
class CustomerSearch;
class CustomerService;
class IdentityService;
class InteractionService;
class MeterService;
class MoveService;
class RegistrationService;
class SegmentCount;

/// The accounts module: customers, premises, accounts, meters, appliances and the contact
/// history. initialize() creates its services over the shared Context; the accessors are
/// valid from then until the module is destroyed. Account and customer numbers start with
/// the site prefix (AccountsSettings::sitePrefix() unless one is given here).
class AccountsModule : public Core::Module
{
public:
    explicit AccountsModule(QString sitePrefix = {});
    ~AccountsModule() override;

    QString name() const override { return QStringLiteral("accounts"); }
    void initialize(Core::Context &context) override;

    CustomerService &customers() const;
    AccountService &accounts() const;
    MeterService &meters() const;
    ApplianceService &appliances() const;
    InteractionService &interactions() const;
    RegistrationService &registrations() const;
    MoveService &moves() const;
    CustomerHistory &history() const;
    CustomerSearch &customerSearch() const;
    ContactCodeService &contactCodes() const;
    IdentityService &identity() const;
    /// Counts the customers a segment rule picks (the accounts attributes of accountsattributes.h).
    SegmentCount &segmentCount() const;
    /// The attributes rules may test: the accounts module's own (accountsattributes.h) from
    /// initialize(); modules above add theirs in their initialize().
    Rules::AttributeCatalog &attributes() { return m_attributes; }
    const Rules::AttributeCatalog &attributes() const { return m_attributes; }
    /// The Context passed to initialize().
    Core::Context &context() const;
    QString sitePrefix() const { return m_sitePrefix; }

private:
    QString m_sitePrefix;
    Core::Context *m_context = nullptr;
    Rules::AttributeCatalog m_attributes;
    std::unique_ptr<CustomerService> m_customers;
    std::unique_ptr<AccountService> m_accounts;
    std::unique_ptr<MeterService> m_meters;
    std::unique_ptr<ApplianceService> m_appliances;
    std::unique_ptr<InteractionService> m_interactions;
    std::unique_ptr<RegistrationService> m_registrations;
    std::unique_ptr<MoveService> m_moves;
    std::unique_ptr<CustomerHistory> m_history;
    std::unique_ptr<CustomerSearch> m_customerSearch;
    std::unique_ptr<ContactCodeService> m_contactCodes;
    std::unique_ptr<IdentityService> m_identity;
    std::unique_ptr<SegmentCount> m_segmentCount;
};

} // namespace Ud::Accounts
