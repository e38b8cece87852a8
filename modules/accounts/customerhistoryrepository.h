#pragma once

#include <core/auditlog.h>

#include <QList>
#include <QString>
#include <QStringList>

namespace Ud::Core {
class Database;
}

namespace Ud::Accounts {

/// SQL of a customer's change history: the audit entries about a set of records (the
/// customer, its accounts, its premises), through the index on audit_log(entity_id, seq) of
/// migration 0009. Runs on the calling thread's connection inside the caller's Transaction.
class CustomerHistoryRepository
{
public:
    explicit CustomerHistoryRepository(Core::Database &db);

    /// Records of one entity ("customer", "account", "premise") whose entries count.
    struct Subject {
        QString entity;
        QStringList ids;
    };

    /// Newest first.
    QList<Core::AuditLog::Entry> entries(const QList<Subject> &subjects, int limit, int offset);
    qint64 count(const QList<Subject> &subjects);

private:
    QString condition(const QList<Subject> &subjects, QVariantMap &values) const;

    Core::Database &m_db;
};

} // namespace Ud::Accounts
