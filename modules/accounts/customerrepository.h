#pragma once

#include "customer.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Ud::Core {
class Database;
class FieldCipher;
}

namespace Ud::Accounts {

/// SQL for customers and their vulnerability flags. Runs on the calling thread's connection
/// inside the caller's Core::Transaction. Sensitive columns are written encrypted with the
/// FieldCipher (table "customers", the column name, the customer id as row id) next to their
/// blind index; they are decrypted only when the caller asks for it.
class CustomerRepository
{
public:
    CustomerRepository(Core::Database &db, const Core::FieldCipher &cipher);

    /// Inserts the customer and its vulnerabilities; sensitive values from their plaintext.
    void insert(const Customer &customer);
    /// Updates every column; a sensitive value whose plaintext is nullopt is left as stored.
    void update(const Customer &customer);
    void remove(const QString &id);

    /// With `decrypt`, sensitive values carry their plaintext.
    std::optional<Customer> get(const QString &id, bool decrypt);
    std::optional<QString> idByNumber(const QString &customerNumber);
    std::optional<QString> numberById(const QString &id);
    /// Exact match through the blind index, whatever spacing or dashes the caller used.
    QStringList idsByNationalId(const QString &nationalId);
    QStringList idsByBankAccount(const QString &bankAccount);
    /// The decrypted stored value, or empty when none is stored.
    QString storedNationalId(const QString &id);
    QString storedBankAccount(const QString &id);
    bool hasAccounts(const QString &id);

    /// `region`, when set, keeps only customers with an account at a premise of that region.
    QList<CustomerListRow> list(const CustomerListQuery &query, const std::optional<QString> &region = std::nullopt);
    qint64 count(const QString &filter, const std::optional<QString> &region = std::nullopt);
    /// True if the customer has an account at a premise of `region`.
    bool inRegion(const QString &customerId, const QString &region);
    /// SQL condition that `customerIdColumn` names a customer with an account at a premise of
    /// the region bound to `param` (answered by the indexes on premises.region and
    /// accounts.premise_id). For other repositories' queries.
    static QString regionCondition(const QString &customerIdColumn, const QString &param);
    /// Customer numbers starting with `prefix` (to seed the number sequence).
    QStringList numbersWithPrefix(const QString &prefix);

    QList<Vulnerability> vulnerabilities(const QString &customerId);
    /// Inserts or replaces the flag of this kind.
    void upsertVulnerability(const QString &customerId, const Vulnerability &vulnerability);
    /// Returns false if the customer had no such flag.
    bool removeVulnerability(const QString &customerId, VulnerabilityKind kind);

private:
    struct Filter {
        QString ids;          ///< SELECT of the matching customer ids; empty without filter
        QVariantMap values;
    };
    Filter filterFor(const QString &text) const;
    QString decryptColumn(const QString &id, const QString &column);

    Core::Database &m_db;
    const Core::FieldCipher &m_cipher;
};

} // namespace Ud::Accounts
