#include "contactcoderepository.h"

#include "contactcodes.h"
#include "sqlvalues.h"

#include <core/database.h>
#include <core/sqlquery.h>

namespace Ud::Accounts {

using Core::SqlQuery;

namespace {
const QLatin1String Columns("id, kind, code, label, active, sort_order");

ContactCode read(const SqlQuery &q)
{
    ContactCode c;
    c.id = SqlValues::id(q.value(0));
    c.kind = contactCodeKindFromKey(q.value(1).toString()).value_or(ContactCodeKind::Reason);
    c.code = q.value(2).toString();
    c.label = q.value(3).toString();
    c.active = SqlValues::toBool(q.value(4));
    c.sortOrder = q.value(5).toInt();
    return c;
}
} // namespace

ContactCodeRepository::ContactCodeRepository(Core::Database &db) : m_db(db) {}

QList<ContactCode> ContactCodeRepository::list(ContactCodeKind kind, bool includeInactive)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT %1 FROM contact_codes WHERE kind = :kind%2 "
                                                 "ORDER BY sort_order, code")
                                      .arg(Columns, includeInactive ? QString() : QStringLiteral(" AND active = :active")));
    q.bind(QStringLiteral(":kind"), contactCodeKindKey(kind));
    if (!includeInactive)
        q.bind(QStringLiteral(":active"), true);
    q.exec();
    QList<ContactCode> codes;
    while (q.next())
        codes << read(q);
    return codes;
}

std::optional<ContactCode> ContactCodeRepository::get(const QString &id)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT %1 FROM contact_codes WHERE id = :id").arg(Columns));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next())
        return std::nullopt;
    return read(q);
}

std::optional<ContactCode> ContactCodeRepository::byCode(ContactCodeKind kind, const QString &code)
{
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT %1 FROM contact_codes WHERE kind = :kind AND code = :code").arg(Columns));
    q.bind(QStringLiteral(":kind"), contactCodeKindKey(kind)).bind(QStringLiteral(":code"), code).exec();
    if (!q.next())
        return std::nullopt;
    return read(q);
}

void ContactCodeRepository::insert(const ContactCode &c)
{
    SqlQuery(m_db.connection(), QStringLiteral("INSERT INTO contact_codes (id, kind, code, label, active, sort_order) "
                                               "VALUES (:id, :kind, :code, :label, :active, :sort)"))
        .bind(QStringLiteral(":id"), c.id)
        .bind(QStringLiteral(":kind"), contactCodeKindKey(c.kind))
        .bind(QStringLiteral(":code"), c.code)
        .bind(QStringLiteral(":label"), SqlValues::text(c.label))
        .bind(QStringLiteral(":active"), c.active)
        .bind(QStringLiteral(":sort"), c.sortOrder)
        .exec();
}

void ContactCodeRepository::update(const ContactCode &c)
{
    SqlQuery(m_db.connection(), QStringLiteral("UPDATE contact_codes SET label = :label, active = :active, "
                                               "sort_order = :sort WHERE id = :id"))
        .bind(QStringLiteral(":label"), SqlValues::text(c.label))
        .bind(QStringLiteral(":active"), c.active)
        .bind(QStringLiteral(":sort"), c.sortOrder)
        .bind(QStringLiteral(":id"), c.id)
        .exec();
}

void ContactCodeRepository::remove(const QString &id)
{
    SqlQuery(m_db.connection(), QStringLiteral("DELETE FROM contact_codes WHERE id = :id"))
        .bind(QStringLiteral(":id"), id)
        .exec();
}

int ContactCodeRepository::nextSortOrder(ContactCodeKind kind)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT max(sort_order) FROM contact_codes WHERE kind = :kind"));
    q.bind(QStringLiteral(":kind"), contactCodeKindKey(kind));
    const QVariant highest = q.scalar();
    return highest.isNull() ? 10 : highest.toInt() + 10;
}

bool ContactCodeRepository::isUsed(ContactCodeKind kind, const QString &code)
{
    const QString column = kind == ContactCodeKind::Reason ? QStringLiteral("reason_code") : QStringLiteral("wrap_up_code");
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT 1 FROM interactions WHERE %1 = :code LIMIT 1").arg(column));
    q.bind(QStringLiteral(":code"), code);
    return !q.scalar().isNull();
}

} // namespace Ud::Accounts
