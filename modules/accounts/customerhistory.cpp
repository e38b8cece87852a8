#include "customerhistory.h"

#include "account.h"
#include "customer.h"
#include "phonenumbers.h"
#include "regionaccess.h"
#include "sqlvalues.h"

#include <core/database.h>
#include <core/error.h>
#include <core/module.h>
#include <core/permissions.h>
#include <core/transaction.h>
#include <core/usercontext.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace Ud::Accounts {

using Core::Error;
using Core::Permission;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::CustomerHistory)
};

const QString CustomerEntity = QStringLiteral("customer");
const QString AccountEntity = QStringLiteral("account");
const QString PremiseEntity = QStringLiteral("premise");

/// Names of the records an entry may be about, for the field labels.
struct Labels {
    QHash<QString, QString> accountNumbers;   ///< account id -> number
    QHash<QString, QString> premises;         ///< premise id -> address line 1
};

// The order fields are listed in within one entry: as the profile shows them, then anything
// else alphabetically.
const QStringList FieldOrder = {
    QStringLiteral("customer_number"), QStringLiteral("class"), QStringLiteral("full_name"),
    QStringLiteral("given_name"), QStringLiteral("family_name"), QStringLiteral("language"),
    QStringLiteral("email"), QStringLiteral("phone"), QStringLiteral("date_of_birth"),
    QStringLiteral("household_size"), QStringLiteral("income_band"), QStringLiteral("credit_band"),
    QStringLiteral("business_type"), QStringLiteral("national_id"), QStringLiteral("bank_account"),
    QStringLiteral("security_question"), QStringLiteral("security_answer"),
    QStringLiteral("account_number"), QStringLiteral("market_code"), QStringLiteral("payment_type"),
    QStringLiteral("status"), QStringLiteral("opened_on"), QStringLiteral("closed_on"), QStringLiteral("premise_id"),
    QStringLiteral("address_line1"), QStringLiteral("address_line2"), QStringLiteral("city"),
    QStringLiteral("postcode"), QStringLiteral("region"), QStringLiteral("country"), QStringLiteral("time_zone"),
    QStringLiteral("substation"), QStringLiteral("feeder"), QStringLiteral("transformer"),
    QStringLiteral("latitude"), QStringLiteral("longitude"), QStringLiteral("vulnerabilities")};

// References by id mean nothing to people; the record they name is in the label already.
bool isHiddenKey(const QString &key)
{
    // Record ids (and lists of them) mean nothing to a person; the rows name the records.
    static const QStringList hidden{QStringLiteral("customer_id"), QStringLiteral("id"),
                                    QStringLiteral("released_service_points"),
                                    QStringLiteral("attached_service_points"),
                                    QStringLiteral("duplicates_acknowledged")};
    return hidden.contains(key);
}

bool isSensitiveKey(const QString &key)
{
    return key == QLatin1String("national_id") || key == QLatin1String("bank_account")
           || key == QLatin1String("security_answer");
}

QString fieldLabel(const QString &key)
{
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("customer_number"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Customer number")},
        {QStringLiteral("class"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Class")},
        {QStringLiteral("full_name"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Full name")},
        {QStringLiteral("given_name"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Given name")},
        {QStringLiteral("family_name"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Family name")},
        {QStringLiteral("language"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Language")},
        {QStringLiteral("email"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Email")},
        {QStringLiteral("phone"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Phone")},
        {QStringLiteral("date_of_birth"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Date of birth")},
        {QStringLiteral("household_size"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Household size")},
        {QStringLiteral("income_band"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Income band")},
        {QStringLiteral("credit_band"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Credit band")},
        {QStringLiteral("business_type"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Business type")},
        {QStringLiteral("national_id"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "National id")},
        {QStringLiteral("bank_account"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Bank account")},
        {QStringLiteral("security_question"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Security question")},
        {QStringLiteral("security_answer"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Security answer")},
        {QStringLiteral("account_number"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Account number")},
        {QStringLiteral("market_code"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Market")},
        {QStringLiteral("payment_type"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Payment type")},
        {QStringLiteral("status"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Status")},
        {QStringLiteral("opened_on"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Opened on")},
        {QStringLiteral("closed_on"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Closed on")},
        {QStringLiteral("premise_id"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Premise")},
        {QStringLiteral("address_line1"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Address line 1")},
        {QStringLiteral("address_line2"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Address line 2")},
        {QStringLiteral("city"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "City")},
        {QStringLiteral("postcode"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Postcode")},
        {QStringLiteral("region"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Region")},
        {QStringLiteral("country"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Country")},
        {QStringLiteral("time_zone"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Time zone")},
        {QStringLiteral("substation"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Substation")},
        {QStringLiteral("feeder"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Feeder")},
        {QStringLiteral("transformer"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Transformer")},
        {QStringLiteral("latitude"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Latitude")},
        {QStringLiteral("longitude"), QT_TRANSLATE_NOOP("Ud::Accounts::CustomerHistory", "Longitude")},
    };
    const auto it = labels.constFind(key);
    if (it != labels.cend())
        return Tr::tr(*it);
    // A field another module audits that this list does not know yet: readable, if English.
    QString text = key;
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

QString dateText(const QString &iso)
{
    const QDate date = QDate::fromString(iso, Qt::ISODate);
    return date.isValid() ? QLocale().toString(date, QLocale::ShortFormat) : iso;
}

QString dateTimeText(qint64 secs)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(secs).toLocalTime(), QLocale::ShortFormat);
}

QString valueText(const QString &key, const QJsonValue &value, const Labels &labels)
{
    if (value.isNull() || value.isUndefined())
        return {};
    if (isSensitiveKey(key)) {
        // The log holds only "recorded" or "changed" for these; whatever else, never show it.
        return value.toString() == QLatin1String("recorded") ? Tr::tr("Recorded") : Tr::tr("Changed");
    }
    if (value.isBool())
        return value.toBool() ? Tr::tr("Yes") : Tr::tr("No");
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (key == QLatin1String("latitude") || key == QLatin1String("longitude"))
            return QLocale().toString(number, 'f', 6);
        if (key.endsWith(QLatin1String("_at")))
            return dateTimeText(qint64(number));
        return QLocale().toString(qint64(number));
    }
    if (value.isArray() || value.isObject()) {
        const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
        return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
    }
    const QString text = value.toString();
    if (text.isEmpty())
        return {};
    if (key == QLatin1String("class")) {
        const auto cls = customerClassFromKey(text);
        return cls ? customerClassName(*cls) : text;
    }
    if (key == QLatin1String("language"))
        return customerLanguageName(text);
    if (key == QLatin1String("income_band"))
        return incomeBandName(text);
    if (key == QLatin1String("credit_band"))
        return creditBandName(text);
    if (key == QLatin1String("phone"))
        return PhoneNumbers::formatInternational(text);
    if (key == QLatin1String("payment_type")) {
        const auto type = paymentTypeFromKey(text);
        return type ? paymentTypeName(*type) : text;
    }
    if (key == QLatin1String("status")) {
        const auto status = accountStatusFromKey(text);
        return status ? accountStatusName(*status) : text;
    }
    if (key == QLatin1String("premise_id"))
        return labels.premises.value(text, Tr::tr("A former premise"));
    if (key.endsWith(QLatin1String("_on")) || key == QLatin1String("date_of_birth"))
        return dateText(text);
    return text;
}

QString vulnerabilityLabel(const QJsonObject &o)
{
    const auto kind = vulnerabilityKindFromKey(o.value(QStringLiteral("kind")).toString());
    return Tr::tr("Vulnerability: %1").arg(kind ? vulnerabilityKindName(*kind) : o.value(QStringLiteral("kind")).toString());
}

QString vulnerabilityText(const QJsonObject &o)
{
    if (o.isEmpty())
        return {};
    QString text = o.value(QStringLiteral("consent_given")).toBool()
                       ? Tr::tr("Consent given on %1").arg(dateTimeText(o.value(QStringLiteral("consent_at")).toInteger()))
                       : Tr::tr("No consent recorded");
    const QString notes = o.value(QStringLiteral("notes")).toString();
    if (!notes.isEmpty())
        text = Tr::tr("%1; notes: %2").arg(text, notes);
    return text;
}

QString actionText(const Core::AuditLog::Entry &e, const QJsonObject &before, const QJsonObject &after)
{
    const QString &a = e.action;
    if (a == QLatin1String("customer.create")) return Tr::tr("Created");
    if (a == QLatin1String("customer.update")) return after.isEmpty() && before.isEmpty() ? Tr::tr("Saved unchanged") : Tr::tr("Changed");
    if (a == QLatin1String("customer.delete")) return Tr::tr("Removed");
    if (a == QLatin1String("customer.vulnerability_set"))
        return before.isEmpty() ? Tr::tr("Vulnerability recorded") : Tr::tr("Vulnerability changed");
    if (a == QLatin1String("customer.vulnerability_remove")) return Tr::tr("Vulnerability removed");
    if (a == QLatin1String("customer.reveal")) {
        const QString field = after.value(QStringLiteral("field")).toString();
        if (field == QLatin1String("national_id")) return Tr::tr("Revealed national id");
        if (field == QLatin1String("bank_account")) return Tr::tr("Revealed bank account");
        return Tr::tr("Revealed %1").arg(fieldLabel(field));
    }
    if (a == QLatin1String("account.open")) return Tr::tr("Account opened");
    if (a == QLatin1String("account.status")) return Tr::tr("Account status changed");
    if (a == QLatin1String("account.move_out")) return Tr::tr("Moved out");
    if (a == QLatin1String("account.move_in")) return Tr::tr("Moved in");
    if (a == QLatin1String("customer.register")) return Tr::tr("Registered");
    if (a == QLatin1String("customer.security_answer_set")) return Tr::tr("Security answer set");
    if (a == QLatin1String("customer.identity_check")) return Tr::tr("Identity checked");
    if (a == QLatin1String("customer.identity_check_refused")) return Tr::tr("Identity check refused");
    if (a == QLatin1String("premise.create")) return Tr::tr("Premise added");
    if (a == QLatin1String("premise.update")) return Tr::tr("Premise changed");
    return a;
}

QJsonObject parse(const QString &json)
{
    return json.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(json.toUtf8()).object();
}

QStringList orderedKeys(const QJsonObject &before, const QJsonObject &after)
{
    QStringList keys = before.keys();
    for (const QString &k : after.keys()) {
        if (!keys.contains(k))
            keys << k;
    }
    std::sort(keys.begin(), keys.end(), [](const QString &a, const QString &b) {
        const qsizetype ia = FieldOrder.indexOf(a);
        const qsizetype ib = FieldOrder.indexOf(b);
        if (ia != ib)
            return ia < 0 ? false : (ib < 0 ? true : ia < ib);
        return a < b;
    });
    return keys;
}

QList<CustomerChange> expand(const Core::AuditLog::Entry &e, const Labels &labels)
{
    const QJsonObject before = parse(e.beforeJson);
    const QJsonObject after = parse(e.afterJson);
    CustomerChange base;
    base.seq = e.seq;
    base.at = e.at;
    base.actor = e.actor;
    const auto role = Core::roleFromKey(e.actorRole);
    base.actorRole = role ? Core::roleDisplayName(*role) : QString();
    base.actionKey = e.action;
    base.action = actionText(e, before, after);

    QList<CustomerChange> rows;
    if (e.action == QLatin1String("customer.reveal")) {
        CustomerChange row = base;
        row.fieldKey = after.value(QStringLiteral("field")).toString();
        row.field = fieldLabel(row.fieldKey);
        rows << row;
        return rows;
    }
    if (e.action.startsWith(QLatin1String("customer.vulnerability_"))) {
        CustomerChange row = base;
        row.fieldKey = QStringLiteral("vulnerability");
        row.field = vulnerabilityLabel(after.isEmpty() ? before : after);
        row.before = vulnerabilityText(before);
        row.after = vulnerabilityText(after);
        rows << row;
        return rows;
    }

    QString prefix;
    if (e.entity == AccountEntity)
        prefix = Tr::tr("Account %1").arg(labels.accountNumbers.value(e.entityId,
                                                                     after.value(QStringLiteral("account_number")).toString()));
    else if (e.entity == PremiseEntity)
        prefix = Tr::tr("Premise %1").arg(labels.premises.value(e.entityId,
                                                                after.value(QStringLiteral("address_line1")).toString()));
    for (const QString &key : orderedKeys(before, after)) {
        if (isHiddenKey(key))
            continue;
        if (key == QLatin1String("vulnerabilities")) {
            // A customer created with flags: one row per flag.
            for (const QJsonValue &flag : after.value(key).toArray()) {
                CustomerChange row = base;
                row.fieldKey = QStringLiteral("vulnerability");
                row.field = vulnerabilityLabel(flag.toObject());
                row.after = vulnerabilityText(flag.toObject());
                rows << row;
            }
            continue;
        }
        CustomerChange row = base;
        row.fieldKey = key;
        row.field = prefix.isEmpty() ? fieldLabel(key) : Tr::tr("%1: %2").arg(prefix, fieldLabel(key));
        row.before = valueText(key, before.value(key), labels);
        row.after = valueText(key, after.value(key), labels);
        if (row.before.isEmpty() && row.after.isEmpty())
            continue;
        rows << row;
    }
    if (rows.isEmpty()) {
        // Every entry shows, even one that changed nothing a person would see.
        CustomerChange row = base;
        row.field = prefix;
        rows << row;
    }
    return rows;
}

// The records whose audit entries make up the customer's history, and their names.
QList<CustomerHistoryRepository::Subject> subjectsOf(const Core::UserContext &user, const QString &customerId,
                                                     CustomerRepository &customers, AccountRepository &accounts,
                                                     PremiseRepository &premises, Labels *labels)
{
    const auto number = SqlValues::isId(customerId) ? customers.numberById(customerId) : std::nullopt;
    if (!number)
        throw Error(Error::Kind::NotFound, Tr::tr("The customer does not exist (any more); it may have been removed."));
    RegionAccess::require(user, customers, customerId, *number);
    QList<CustomerHistoryRepository::Subject> subjects{
        {CustomerEntity, {customerId}}, {AccountEntity, {}}, {PremiseEntity, {}}};
    for (const Account &a : accounts.ofCustomer(customerId)) {
        subjects[1].ids << a.id;
        if (labels)
            labels->accountNumbers.insert(a.id, a.accountNumber);
    }
    for (const Premise &p : premises.ofCustomer(customerId)) {
        subjects[2].ids << p.id;
        if (labels)
            labels->premises.insert(p.id, p.addressLine1);
    }
    return subjects;
}
} // namespace

CustomerHistory::CustomerHistory(Core::Context &context)
    : m_context(context), m_history(context.database), m_customers(context.database, context.cipher),
      m_accounts(context.database), m_premises(context.database)
{
}

void CustomerHistory::releaseThreadConnection()
{
    m_context.database.releaseThreadConnection();
}

QList<CustomerChange> CustomerHistory::changes(const Core::UserContext &user, const QString &customerId, int limit,
                                               int offset)
{
    user.require(Permission::ViewCustomers);
    if (limit <= 0)
        return {};
    return Core::readOnly(m_context.database, [&] {
        Labels labels;
        const auto subjects = subjectsOf(user, customerId, m_customers, m_accounts, m_premises, &labels);
        QList<CustomerChange> rows;
        for (const Core::AuditLog::Entry &e : m_history.entries(subjects, limit, offset))
            rows << expand(e, labels);
        return rows;
    });
}

qint64 CustomerHistory::count(const Core::UserContext &user, const QString &customerId)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] { 
        return m_history.count(subjectsOf(user, customerId, m_customers, m_accounts, m_premises, nullptr));
    });
}

} // namespace Ud::Accounts
