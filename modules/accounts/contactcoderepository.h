#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Ud::Core {
class Database;
}

namespace Ud::Accounts {

struct ContactCode;
enum class ContactCodeKind;

/// SQL for the contact codes, on the calling thread's connection inside the caller's
/// Transaction.
class ContactCodeRepository
{
public:
    explicit ContactCodeRepository(Core::Database &db);

    QList<ContactCode> list(ContactCodeKind kind, bool includeInactive);
    std::optional<ContactCode> get(const QString &id);
    std::optional<ContactCode> byCode(ContactCodeKind kind, const QString &code);
    void insert(const ContactCode &code);
    void update(const ContactCode &code);
    void remove(const QString &id);
    int nextSortOrder(ContactCodeKind kind);
    /// True if any contact was logged with this code.
    bool isUsed(ContactCodeKind kind, const QString &code);

private:
    Core::Database &m_db;
};

} // namespace Ud::Accounts
