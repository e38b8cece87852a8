#include "customerrepository.h"

#include "sqlvalues.h"

#include <core/database.h>
#include <core/fieldcipher.h>
#include <core/sqlquery.h>

namespace Ud::Accounts {

using Core::SqlQuery;

namespace {
const QString Table = QStringLiteral("customers");
const QString NationalIdColumn = QStringLiteral("national_id");
const QString BankAccountColumn = QStringLiteral("bank_account");

const QString SelectColumns = QStringLiteral(
    "id, customer_number, class, full_name, given_name, family_name, language, email, phone, income_band, "
    "credit_band, business_type, household_size, date_of_birth, national_id_enc, bank_account_enc, "
    "created_at, updated_at");

QString sortColumn(CustomerListQuery::SortKey key)
{
    switch (key) {
    case CustomerListQuery::SortKey::CustomerNumber: return QStringLiteral("customer_number");
    case CustomerListQuery::SortKey::FullName: return QStringLiteral("full_name");
    case CustomerListQuery::SortKey::CustomerClass: return QStringLiteral("class");
    case CustomerListQuery::SortKey::Phone: return QStringLiteral("phone");
    }
    return QStringLiteral("full_name");
}
} // namespace

CustomerRepository::CustomerRepository(Core::Database &db, const Core::FieldCipher &cipher)
    : m_db(db), m_cipher(cipher)
{
}

void CustomerRepository::insert(const Customer &c)
{
    const QString nationalId = c.nationalId.plaintext.value_or(QString());
    const QString bankAccount = c.bankAccount.plaintext.value_or(QString());
    SqlQuery q(m_db.connection(), QStringLiteral(
        "INSERT INTO customers (id, customer_number, class, full_name, given_name, family_name, language, email, "
        "phone, income_band, credit_band, business_type, household_size, date_of_birth, national_id_enc, "
        "national_id_idx, bank_account_enc, bank_account_idx, created_at, updated_at) VALUES (:id, :number, "
        ":class, :full, :given, :family, :language, :email, :phone, :income, :credit, :business, :household, "
        ":dob, :nid_enc, :nid_idx, :bank_enc, :bank_idx, :created, :updated)"));
    q.bind(QStringLiteral(":id"), c.id)
        .bind(QStringLiteral(":number"), SqlValues::text(c.customerNumber))
        .bind(QStringLiteral(":class"), customerClassKey(c.customerClass))
        .bind(QStringLiteral(":full"), SqlValues::text(c.fullName))
        .bind(QStringLiteral(":given"), SqlValues::text(c.givenName))
        .bind(QStringLiteral(":family"), SqlValues::text(c.familyName))
        .bind(QStringLiteral(":language"), SqlValues::text(c.language))
        .bind(QStringLiteral(":email"), SqlValues::text(c.email))
        .bind(QStringLiteral(":phone"), SqlValues::text(c.phone))
        .bind(QStringLiteral(":income"), SqlValues::text(c.incomeBand))
        .bind(QStringLiteral(":credit"), SqlValues::text(c.creditBand))
        .bind(QStringLiteral(":business"), SqlValues::text(c.businessType))
        .bind(QStringLiteral(":household"), SqlValues::optional(c.householdSize))
        .bind(QStringLiteral(":dob"), SqlValues::date(c.dateOfBirth))
        .bind(QStringLiteral(":nid_enc"), nationalId.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray))
                                                              : QVariant(m_cipher.encrypt(nationalId, Table, NationalIdColumn, c.id)))
        .bind(QStringLiteral(":nid_idx"), nationalId.isEmpty() ? QVariant() : QVariant(m_cipher.blindIndex(nationalId, Table, NationalIdColumn)))
        .bind(QStringLiteral(":bank_enc"), bankAccount.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray))
                                                                : QVariant(m_cipher.encrypt(bankAccount, Table, BankAccountColumn, c.id)))
        .bind(QStringLiteral(":bank_idx"), bankAccount.isEmpty() ? QVariant() : QVariant(m_cipher.blindIndex(bankAccount, Table, BankAccountColumn)))
        .bind(QStringLiteral(":created"), c.createdAt)
        .bind(QStringLiteral(":updated"), c.updatedAt)
        .exec();
    for (const Vulnerability &v : c.vulnerabilities)
        upsertVulnerability(c.id, v);
}

void CustomerRepository::update(const Customer &c)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "UPDATE customers SET customer_number = :number, class = :class, full_name = :full, given_name = :given, "
        "family_name = :family, language = :language, email = :email, phone = :phone, income_band = :income, "
        "credit_band = :credit, business_type = :business, household_size = :household, date_of_birth = :dob, "
        "updated_at = :updated WHERE id = :id"));
    q.bind(QStringLiteral(":number"), SqlValues::text(c.customerNumber))
        .bind(QStringLiteral(":class"), customerClassKey(c.customerClass))
        .bind(QStringLiteral(":full"), SqlValues::text(c.fullName))
        .bind(QStringLiteral(":given"), SqlValues::text(c.givenName))
        .bind(QStringLiteral(":family"), SqlValues::text(c.familyName))
        .bind(QStringLiteral(":language"), SqlValues::text(c.language))
        .bind(QStringLiteral(":email"), SqlValues::text(c.email))
        .bind(QStringLiteral(":phone"), SqlValues::text(c.phone))
        .bind(QStringLiteral(":income"), SqlValues::text(c.incomeBand))
        .bind(QStringLiteral(":credit"), SqlValues::text(c.creditBand))
        .bind(QStringLiteral(":business"), SqlValues::text(c.businessType))
        .bind(QStringLiteral(":household"), SqlValues::optional(c.householdSize))
        .bind(QStringLiteral(":dob"), SqlValues::date(c.dateOfBirth))
        .bind(QStringLiteral(":updated"), c.updatedAt)
        .bind(QStringLiteral(":id"), c.id)
        .exec();

    // Column names come from this fixed list, never from input.
    const struct {
        const SensitiveValue &value;
        QString column;
    } sensitive[] = {{c.nationalId, NationalIdColumn}, {c.bankAccount, BankAccountColumn}};
    for (const auto &s : sensitive) {
        if (!s.value.plaintext)
            continue;
        const QString plain = *s.value.plaintext;
        SqlQuery u(m_db.connection(), QStringLiteral("UPDATE customers SET %1_enc = :enc, %1_idx = :idx WHERE id = :id")
                                          .arg(s.column));
        u.bind(QStringLiteral(":enc"), plain.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray))
                                                       : QVariant(m_cipher.encrypt(plain, Table, s.column, c.id)))
            .bind(QStringLiteral(":idx"), plain.isEmpty() ? QVariant() : QVariant(m_cipher.blindIndex(plain, Table, s.column)))
            .bind(QStringLiteral(":id"), c.id)
            .exec();
    }
}

void CustomerRepository::remove(const QString &id)
{
    SqlQuery(m_db.connection(), QStringLiteral("DELETE FROM customers WHERE id = :id"))
        .bind(QStringLiteral(":id"), id)
        .exec();
}

std::optional<Customer> CustomerRepository::get(const QString &id, bool decrypt)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT %1 FROM customers WHERE id = :id").arg(SelectColumns));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    Customer c;
    c.id = SqlValues::id(q.value(0));
    c.customerNumber = q.value(1).toString();
    c.customerClass = customerClassFromKey(q.value(2).toString()).value_or(CustomerClass::Residential);
    c.fullName = q.value(3).toString();
    c.givenName = q.value(4).toString();
    c.familyName = q.value(5).toString();
    c.language = q.value(6).toString();
    c.email = q.value(7).toString();
    c.phone = q.value(8).toString();
    c.incomeBand = q.value(9).toString();
    c.creditBand = q.value(10).toString();
    c.businessType = q.value(11).toString();
    c.householdSize = SqlValues::toOptionalInt(q.value(12));
    c.dateOfBirth = SqlValues::toDate(q.value(13));
    const QByteArray nationalId = q.value(14).toByteArray();
    const QByteArray bankAccount = q.value(15).toByteArray();
    c.createdAt = q.value(16).toLongLong();
    c.updatedAt = q.value(17).toLongLong();
    c.nationalId.stored = !nationalId.isEmpty();
    c.bankAccount.stored = !bankAccount.isEmpty();
    if (decrypt) {
        if (c.nationalId.stored)
            c.nationalId.plaintext = m_cipher.decrypt(nationalId, Table, NationalIdColumn, c.id);
        if (c.bankAccount.stored)
            c.bankAccount.plaintext = m_cipher.decrypt(bankAccount, Table, BankAccountColumn, c.id);
    }
    c.vulnerabilities = vulnerabilities(c.id);
    return c;
}

std::optional<QString> CustomerRepository::idByNumber(const QString &customerNumber)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT id FROM customers WHERE customer_number = :number"));
    q.bind(QStringLiteral(":number"), customerNumber).exec();
    if (!q.next())
        return std::nullopt;
    return SqlValues::id(q.value(0));
}

std::optional<QString> CustomerRepository::numberById(const QString &id)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT customer_number FROM customers WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    return q.value(0).toString();
}

QStringList CustomerRepository::idsByNationalId(const QString &nationalId)
{
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT id FROM customers WHERE national_id_idx = :idx ORDER BY customer_number"));
    q.bind(QStringLiteral(":idx"), m_cipher.blindIndex(nationalId, Table, NationalIdColumn)).exec();
    QStringList ids;
    while (q.next())
        ids << SqlValues::id(q.value(0));
    return ids;
}

QStringList CustomerRepository::idsByBankAccount(const QString &bankAccount)
{
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT id FROM customers WHERE bank_account_idx = :idx ORDER BY customer_number"));
    q.bind(QStringLiteral(":idx"), m_cipher.blindIndex(bankAccount, Table, BankAccountColumn)).exec();
    QStringList ids;
    while (q.next())
        ids << SqlValues::id(q.value(0));
    return ids;
}

QString CustomerRepository::decryptColumn(const QString &id, const QString &column)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT %1_enc FROM customers WHERE id = :id").arg(column));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return {};
    const QByteArray stored = q.value(0).toByteArray();
    return stored.isEmpty() ? QString() : m_cipher.decrypt(stored, Table, column, id);
}

QString CustomerRepository::storedNationalId(const QString &id)
{
    return decryptColumn(id, NationalIdColumn);
}

QString CustomerRepository::storedBankAccount(const QString &id)
{
    return decryptColumn(id, BankAccountColumn);
}

bool CustomerRepository::hasAccounts(const QString &id)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT 1 FROM accounts WHERE customer_id = :id LIMIT 1"));
    q.bind(QStringLiteral(":id"), id).exec();
    return q.next();
}

CustomerRepository::Filter CustomerRepository::filterFor(const QString &text) const
{
    Filter filter;
    const QString needle = text.simplified();
    if (needle.isEmpty())
        return filter;
    const Core::Dialect &dialect = m_db.dialect();
    auto like = [&dialect](const QString &column, const QString &param) {
        return dialect.caseInsensitiveLike(column, param) + QStringLiteral(" ESCAPE '\\'");
    };
    const QString literal = SqlValues::likeLiteral(needle);
    QStringList onCustomer{like(QStringLiteral("s.full_name"), QStringLiteral(":f_name")),
                           like(QStringLiteral("s.customer_number"), QStringLiteral(":f_number"))};
    filter.values.insert(QStringLiteral(":f_name"), QLatin1Char('%') + literal + QLatin1Char('%'));
    filter.values.insert(QStringLiteral(":f_number"), literal + QLatin1Char('%'));

    // Phone numbers are stored in E.164; what an agent types is usually the national form,
    // so compare digits only and drop the national trunk prefix (leading zeros).
    QString digits;
    bool phoneLike = true;
    for (QChar c : needle) {
        if (c.isDigit())
            digits.append(c);
        else if (!c.isSpace() && !QStringLiteral("+-()").contains(c))
            phoneLike = false;
    }
    while (digits.startsWith(QLatin1Char('0')))
        digits.remove(0, 1);
    if (phoneLike && digits.size() >= 4) {
        onCustomer << QStringLiteral("s.phone LIKE :f_phone");
        filter.values.insert(QStringLiteral(":f_phone"), QLatin1Char('%') + digits + QLatin1Char('%'));
    }
    // One scan per table and a union of ids: a correlated EXISTS per customer costs a
    // million index probes on a large database, this costs three sequential scans.
    filter.ids = QStringLiteral("SELECT s.id FROM customers s WHERE %1 "
                                "UNION SELECT fa.customer_id FROM accounts fa WHERE %2 "
                                "UNION SELECT fa.customer_id FROM accounts fa WHERE fa.premise_id IN "
                                "(SELECT fp.id FROM premises fp WHERE %3)")
                     .arg(onCustomer.join(QStringLiteral(" OR ")),
                          like(QStringLiteral("fa.account_number"), QStringLiteral(":f_account")),
                          like(QStringLiteral("fp.postcode"), QStringLiteral(":f_postcode")));
    filter.values.insert(QStringLiteral(":f_account"), literal + QLatin1Char('%'));
    filter.values.insert(QStringLiteral(":f_postcode"), literal + QLatin1Char('%'));
    return filter;
}

QString CustomerRepository::regionCondition(const QString &customerIdColumn, const QString &param)
{
    return QStringLiteral("%1 IN (SELECT ra.customer_id FROM accounts ra JOIN premises rp ON rp.id = ra.premise_id "
                          "WHERE rp.region = %2)").arg(customerIdColumn, param);
}

bool CustomerRepository::inRegion(const QString &customerId, const QString &region)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT 1 FROM accounts a JOIN premises p ON p.id = a.premise_id WHERE a.customer_id = :c AND p.region = :r "
        "LIMIT 1"));
    q.bind(QStringLiteral(":c"), customerId).bind(QStringLiteral(":r"), region).exec();
    return q.next();
}

QList<CustomerListRow> CustomerRepository::list(const CustomerListQuery &query, const std::optional<QString> &region)
{
    const Filter filter = filterFor(query.filter);
    const QString direction = query.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    // The customer number is unique, so it makes the order total and pages never overlap.
    const QString order = QStringLiteral("ORDER BY c.%1 %2, c.customer_number %2").arg(sortColumn(query.sortKey), direction);
    QStringList conditions;
    if (!filter.ids.isEmpty())
        conditions << QStringLiteral("c.id IN (%1)").arg(filter.ids);
    if (region)
        conditions << regionCondition(QStringLiteral("c.id"), QStringLiteral(":region"));
    const QString where = conditions.isEmpty() ? QString()
                                               : QStringLiteral("WHERE ") + conditions.join(QStringLiteral(" AND "));
    // Page first, then look up the first account's premise and market for just these rows.
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT c.id, c.customer_number, c.full_name, c.class, c.phone, p.postcode, p.city, a.market_code "
        "FROM (SELECT c.id, c.customer_number, c.full_name, c.class, c.phone, "
        "(SELECT fa.id FROM accounts fa WHERE fa.customer_id = c.id ORDER BY fa.opened_on, fa.account_number LIMIT 1) "
        "AS first_account FROM customers c %1 %2 LIMIT :limit OFFSET :offset) c "
        "LEFT JOIN accounts a ON a.id = c.first_account LEFT JOIN premises p ON p.id = a.premise_id %2")
        .arg(where, order));
    for (auto it = filter.values.cbegin(); it != filter.values.cend(); ++it)
        q.bind(it.key(), it.value());
    if (region)
        q.bind(QStringLiteral(":region"), *region);
    q.bind(QStringLiteral(":limit"), qMax(0, query.limit)).bind(QStringLiteral(":offset"), qMax(0, query.offset)).exec();
    QList<CustomerListRow> rows;
    while (q.next()) {
        CustomerListRow row;
        row.id = SqlValues::id(q.value(0));
        row.customerNumber = q.value(1).toString();
        row.fullName = q.value(2).toString();
        row.customerClass = customerClassFromKey(q.value(3).toString()).value_or(CustomerClass::Residential);
        row.phone = q.value(4).toString();
        row.postcode = q.value(5).toString();
        row.city = q.value(6).toString();
        row.marketCode = q.value(7).toString();
        rows << row;
    }
    return rows;
}

qint64 CustomerRepository::count(const QString &filterText, const std::optional<QString> &region)
{
    const Filter filter = filterFor(filterText);
    QString sql = filter.ids.isEmpty() ? QStringLiteral("SELECT count(*) FROM customers matches")
                                       : QStringLiteral("SELECT count(*) FROM (%1) matches").arg(filter.ids);
    if (region)
        sql += QStringLiteral(" WHERE ") + regionCondition(QStringLiteral("matches.id"), QStringLiteral(":region"));
    SqlQuery q(m_db.connection(), sql);
    for (auto it = filter.values.cbegin(); it != filter.values.cend(); ++it)
        q.bind(it.key(), it.value());
    if (region)
        q.bind(QStringLiteral(":region"), *region);
    return q.scalar(0).toLongLong();
}

QStringList CustomerRepository::numbersWithPrefix(const QString &prefix)
{
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT customer_number FROM customers WHERE customer_number LIKE :p ESCAPE '\\'"));
    q.bind(QStringLiteral(":p"), SqlValues::likeLiteral(prefix) + QLatin1Char('%')).exec();
    QStringList numbers;
    while (q.next())
        numbers << q.value(0).toString();
    return numbers;
}

QList<Vulnerability> CustomerRepository::vulnerabilities(const QString &customerId)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT id, kind, consent_given, consent_at, notes, recorded_at FROM customer_vulnerabilities "
        "WHERE customer_id = :c ORDER BY recorded_at, kind"));
    q.bind(QStringLiteral(":c"), customerId).exec();
    QList<Vulnerability> list;
    while (q.next()) {
        const auto kind = vulnerabilityKindFromKey(q.value(1).toString());
        if (!kind)
            continue;
        Vulnerability v;
        v.id = SqlValues::id(q.value(0));
        v.kind = *kind;
        v.consentGiven = SqlValues::toBool(q.value(2));
        v.consentAt = q.value(3).toLongLong();
        v.notes = q.value(4).toString();
        v.recordedAt = q.value(5).toLongLong();
        list << v;
    }
    return list;
}

void CustomerRepository::upsertVulnerability(const QString &customerId, const Vulnerability &v)
{
    SqlQuery del(m_db.connection(),
                 QStringLiteral("DELETE FROM customer_vulnerabilities WHERE customer_id = :c AND kind = :k"));
    del.bind(QStringLiteral(":c"), customerId).bind(QStringLiteral(":k"), vulnerabilityKindKey(v.kind)).exec();
    SqlQuery q(m_db.connection(), QStringLiteral(
        "INSERT INTO customer_vulnerabilities (id, customer_id, kind, consent_given, consent_at, notes, recorded_at) "
        "VALUES (:id, :c, :k, :consent, :consent_at, :notes, :recorded)"));
    q.bind(QStringLiteral(":id"), v.id)
        .bind(QStringLiteral(":c"), customerId)
        .bind(QStringLiteral(":k"), vulnerabilityKindKey(v.kind))
        .bind(QStringLiteral(":consent"), v.consentGiven)
        .bind(QStringLiteral(":consent_at"), v.consentGiven ? QVariant(v.consentAt) : QVariant())
        .bind(QStringLiteral(":notes"), SqlValues::text(v.notes))
        .bind(QStringLiteral(":recorded"), v.recordedAt)
        .exec();
}

bool CustomerRepository::removeVulnerability(const QString &customerId, VulnerabilityKind kind)
{
    SqlQuery q(m_db.connection(),
               QStringLiteral("DELETE FROM customer_vulnerabilities WHERE customer_id = :c AND kind = :k"));
    q.bind(QStringLiteral(":c"), customerId).bind(QStringLiteral(":k"), vulnerabilityKindKey(kind)).exec();
    return q.rowsAffected() > 0;
}

} // namespace Ud::Accounts
