#include "accountsattributes.h"

#include "account.h"
#include "appliance.h"
#include "customer.h"

#include <core/dialect.h>
#include <rules/attributeregistry.h>
#include <rules/attributesql.h>

#include <iterator>

namespace Ud::Accounts {

using Rules::AttributeDefinition;
using Rules::AttributeSql;
using Rules::AttributeType;
using Rules::HasKind;

namespace {

/// The lowest age of each band after the first (under_30).
constexpr int BandStarts[] = {30, 45, 60, 75};

/// The postcode or region of the premises of the customer's first account (as the customer list
/// picks it), kept on the customer by the triggers of migration 0017, NULL when unknown or blank:
/// a column instead of a lookup per customer (a region count over 1,000,000 customers 0.8 s ->
/// 0.14 s on SQLite, 2.1 s -> 0.16 s on PostgreSQL). No NULLIF: the columns never hold '' (a
/// CHECK), and NULLIF cost SQLite a further 55 ms.
QString firstPremiseColumn(const QString &column)
{
    return QStringLiteral("%1.first_premise_%2").arg(QStringLiteral("%1"), column);
}

AttributeDefinition attribute(const QString &name, AttributeType type, const QString &sql, QStringList values = {})
{
    AttributeDefinition a;
    a.name = name;
    a.type = type;
    a.allowedValues = std::move(values);
    a.sql = AttributeSql::column(sql);
    return a;
}

/// "has <name> X": a row of `table` (under `alias`) with the customer and `itemColumn` = X.
HasKind hasKind(const QString &name, const QString &table, const QString &alias, const QString &itemColumn,
                QStringList values = {})
{
    HasKind k;
    k.name = name;
    k.allowedValues = std::move(values);
    const QString rows = QStringLiteral("FROM %1 %2 WHERE %2.%3 = %4").arg(table, alias, itemColumn, QStringLiteral("%2"));
    k.sql = AttributeSql::itemList(QStringLiteral("%1.id IN (SELECT %2.customer_id %3)").arg(QStringLiteral("%1"), alias, rows), {},
                                   QStringLiteral("NOT EXISTS (SELECT 1 %1 AND %2.customer_id = %3.id)").arg(rows, alias, QStringLiteral("%1")));
    return k;
}

} // namespace

QStringList ageBandKeys()
{
    return {QStringLiteral("under_30"), QStringLiteral("from_30_to_44"), QStringLiteral("from_45_to_59"), QStringLiteral("from_60_to_74"),
            QStringLiteral("from_75")};
}

void registerAccountsAttributes(Rules::AttributeRegistry &registry, const QDate &today)
{
    QStringList classes;
    for (CustomerClass c : {CustomerClass::Residential, CustomerClass::Commercial, CustomerClass::Industrial,
                            CustomerClass::Agricultural})
        classes << customerClassKey(c);
    registry.addAttribute(attribute(QStringLiteral("class"), AttributeType::Enum, QStringLiteral("%1.class"), classes));
    // Text, not an enum: a customer's language may be one UtilityDesk does not speak ("de").
    registry.addAttribute(attribute(QStringLiteral("language"), AttributeType::Text, QStringLiteral("%1.language")));
    registry.addAttribute(attribute(QStringLiteral("income_band"), AttributeType::Enum,
                                    QStringLiteral("NULLIF(%1.income_band, '')"), incomeBandKeys()));
    registry.addAttribute(attribute(QStringLiteral("credit_band"), AttributeType::Enum,
                                    QStringLiteral("NULLIF(%1.credit_band, '')"), creditBandKeys()));
    registry.addAttribute(attribute(QStringLiteral("business_type"), AttributeType::Text,
                                    QStringLiteral("NULLIF(%1.business_type, '')")));
    registry.addAttribute(attribute(QStringLiteral("household_size"), AttributeType::Integer,
                                    QStringLiteral("%1.household_size")));
    registry.addAttribute(attribute(QStringLiteral("postcode"), AttributeType::Text, firstPremiseColumn(QStringLiteral("postcode"))));
    registry.addAttribute(attribute(QStringLiteral("region"), AttributeType::Text, firstPremiseColumn(QStringLiteral("region"))));

    // Age band: date_of_birth is an ISO date (text on both backends), so "younger than N years
    // today" is date_of_birth > today minus N years, compared as text. Youngest band first: a
    // NULL date fails every test and an empty one the last, so both read NULL without a NULLIF
    // per test (a count over 1,000,000 customers on SQLite 0.28 s -> 0.09 s).
    AttributeDefinition age;
    age.name = QStringLiteral("age_band");
    age.type = AttributeType::Enum;
    age.allowedValues = ageBandKeys();
    age.sql = AttributeSql::computed([today](const QString &alias, const std::optional<Rules::Period> &,
                                             const Core::Dialect &, const AttributeSql::Binder &bind) {
        const QStringList bands = ageBandKeys();
        const QString dob = QStringLiteral("%1.date_of_birth").arg(alias);
        QString sql = QStringLiteral("(CASE");
        for (int i = 0; i < int(std::size(BandStarts)); ++i) {
            sql += QStringLiteral(" WHEN %1 > %2 THEN '%3'")
                       .arg(dob, bind(today.addYears(-BandStarts[i]).toString(Qt::ISODate)), bands.at(i));
        }
        return sql + QStringLiteral(" WHEN %1 <> '' THEN '%2' END)").arg(dob, bands.last());
    });
    registry.addAttribute(age);

    // The has-kinds are "customer id IN (the customers with the item)", not a correlated EXISTS:
    // the same TRUE / FALSE (no column in them is NULL), but the list of customers is built
    // once per count (PostgreSQL hashes it) instead of being looked up again for every customer:
    // "has appliance" over 1,000,000 customers 0.93 s -> 0.6 s on SQLite, 1.3 s -> 0.35 s on
    // PostgreSQL (tests/bench/bench_segments.cpp). An index on appliances(kind, premise_id) made
    // PostgreSQL slower (0.8 s: a nested loop instead of the hash join), so there is none.
    QStringList vulnerabilities;
    for (VulnerabilityKind v : allVulnerabilityKinds())
        vulnerabilities << vulnerabilityKindKey(v);
    registry.addHasKind(hasKind(QStringLiteral("vulnerability"), QStringLiteral("customer_vulnerabilities"), QStringLiteral("cv"),
                                QStringLiteral("kind"), vulnerabilities));
    QStringList appliances;
    for (ApplianceKind k : allApplianceKinds())
        appliances << applianceKindKey(k);
    // The kinds at the premises of the customer's accounts are kept on the customer row by
    // triggers (",heat_pump,solar_pv,", migration 0019): a substring test, no per-customer probe.
    HasKind appliance;
    appliance.name = QStringLiteral("appliance");
    appliance.allowedValues = appliances;
    appliance.sql = AttributeSql::itemComputed([](const QString &alias, const QString &item, const Core::Dialect &dialect,
                                                  const AttributeSql::Binder &bind) {
        const QString needle = bind(QLatin1Char(',') + item + QLatin1Char(','));
        return dialect.isSqlite() ? QStringLiteral("instr(%1.appliance_kinds, %2) > 0").arg(alias, needle)
                                  : QStringLiteral("strpos(%1.appliance_kinds, %2) > 0").arg(alias, needle);
    });
    registry.addHasKind(appliance);
    // Markets are rows of the markets table, not a fixed list: any code is accepted.
    registry.addHasKind(hasKind(QStringLiteral("account.market"), QStringLiteral("accounts"), QStringLiteral("am"),
                                QStringLiteral("market_code")));
    registry.addHasKind(hasKind(QStringLiteral("account.payment_type"), QStringLiteral("accounts"), QStringLiteral("apt"),
                                QStringLiteral("payment_type"),
                                {paymentTypeKey(PaymentType::Postpaid), paymentTypeKey(PaymentType::Prepaid)}));
}

} // namespace Ud::Accounts
