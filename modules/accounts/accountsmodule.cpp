#include "accountsmodule.h"

#include "accountsattributes.h"
#include "accountservice.h"
#include "accountssettings.h"
#include "applianceservice.h"
#include "contactcodes.h"
#include "customerhistory.h"
#include "customersearch.h"
#include "customerservice.h"
#include "identityservice.h"
#include "interactionservice.h"
#include "meterservice.h"
#include "moveservice.h"
#include "registrationservice.h"
#include "segmentcount.h"

namespace Ud::Accounts {

AccountsModule::AccountsModule(QString sitePrefix) : m_sitePrefix(std::move(sitePrefix)) {}

AccountsModule::~AccountsModule() = default;

void AccountsModule::initialize(Core::Context &context)
{
    if (!AccountsSettings::isValidSitePrefix(m_sitePrefix))
        m_sitePrefix = AccountsSettings::sitePrefix();
    m_context = &context;
    m_customers = std::make_unique<CustomerService>(context, m_sitePrefix);
    m_accounts = std::make_unique<AccountService>(context, m_sitePrefix);
    m_meters = std::make_unique<MeterService>(context);
    m_appliances = std::make_unique<ApplianceService>(context);
    m_interactions = std::make_unique<InteractionService>(context);
    m_registrations = std::make_unique<RegistrationService>(context, m_sitePrefix);
    m_moves = std::make_unique<MoveService>(context, m_sitePrefix);
    m_history = std::make_unique<CustomerHistory>(context);
    m_customerSearch = std::make_unique<CustomerSearch>(context.database);
    m_contactCodes = std::make_unique<ContactCodeService>(context);
    m_identity = std::make_unique<IdentityService>(context);
    if (!m_attributes.modules().contains(name()))
        m_attributes.addProvider(name(), registerAccountsAttributes);
    m_segmentCount = std::make_unique<SegmentCount>(context, m_attributes);
}

CustomerService &AccountsModule::customers() const
{
    Q_ASSERT_X(m_customers, "AccountsModule", "used before initialize()");
    return *m_customers;
}

AccountService &AccountsModule::accounts() const
{
    Q_ASSERT_X(m_accounts, "AccountsModule", "used before initialize()");
    return *m_accounts;
}

MeterService &AccountsModule::meters() const
{
    Q_ASSERT_X(m_meters, "AccountsModule", "used before initialize()");
    return *m_meters;
}

ApplianceService &AccountsModule::appliances() const
{
    Q_ASSERT_X(m_appliances, "AccountsModule", "used before initialize()");
    return *m_appliances;
}

InteractionService &AccountsModule::interactions() const
{
    Q_ASSERT_X(m_interactions, "AccountsModule", "used before initialize()");
    return *m_interactions;
}

RegistrationService &AccountsModule::registrations() const
{
    Q_ASSERT_X(m_registrations, "AccountsModule", "used before initialize()");
    return *m_registrations;
}

MoveService &AccountsModule::moves() const
{
    Q_ASSERT_X(m_moves, "AccountsModule", "used before initialize()");
    return *m_moves;
}

CustomerHistory &AccountsModule::history() const
{
    Q_ASSERT_X(m_history, "AccountsModule", "used before initialize()");
    return *m_history;
}

CustomerSearch &AccountsModule::customerSearch() const
{
    Q_ASSERT_X(m_customerSearch, "AccountsModule", "used before initialize()");
    return *m_customerSearch;
}

ContactCodeService &AccountsModule::contactCodes() const
{
    Q_ASSERT_X(m_contactCodes, "AccountsModule", "used before initialize()");
    return *m_contactCodes;
}

IdentityService &AccountsModule::identity() const
{
    Q_ASSERT_X(m_identity, "AccountsModule", "used before initialize()");
    return *m_identity;
}

SegmentCount &AccountsModule::segmentCount() const
{
    Q_ASSERT_X(m_segmentCount, "AccountsModule", "used before initialize()");
    return *m_segmentCount;
}

Core::Context &AccountsModule::context() const
{
    Q_ASSERT_X(m_context, "AccountsModule", "used before initialize()");
    return *m_context;
}

} // namespace Ud::Accounts
