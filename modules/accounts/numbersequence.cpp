#include "numbersequence.h"

#include <core/database.h>
#include <core/sqlquery.h>

namespace Ud::Accounts {

using Core::SqlQuery;

NumberSequence::NumberSequence(Core::Database &db, QString name, std::function<qint64()> seed)
    : m_db(db), m_name(std::move(name)), m_seed(std::move(seed))
{
}

qint64 NumberSequence::reserve(qint64 count)
{
    QSqlDatabase db = m_db.connection();
    const QString lock = m_db.dialect().lockResourceSql(QStringLiteral("number_sequences:") + m_name);
    if (!lock.isEmpty())
        SqlQuery(db, lock).exec();

    SqlQuery update(db, QStringLiteral("UPDATE number_sequences SET last_value = last_value + :count "
                                       "WHERE name = :name"));
    update.bind(QStringLiteral(":count"), count).bind(QStringLiteral(":name"), m_name).exec();
    if (update.rowsAffected() == 0) {
        const qint64 start = m_seed ? m_seed() : 0;
        SqlQuery insert(db, QStringLiteral("INSERT INTO number_sequences (name, last_value) VALUES (:name, :last)"));
        insert.bind(QStringLiteral(":name"), m_name).bind(QStringLiteral(":last"), start + count).exec();
    }
    SqlQuery read(db, QStringLiteral("SELECT last_value FROM number_sequences WHERE name = :name"));
    read.bind(QStringLiteral(":name"), m_name);
    return read.scalar().toLongLong() - count + 1;
}

QString NumberSequence::format(const QString &prefix, qint64 number, int width)
{
    return prefix + QStringLiteral("%1").arg(number, width, 10, QLatin1Char('0'));
}

qint64 NumberSequence::parse(const QString &prefix, const QString &text)
{
    if (!text.startsWith(prefix) || text.size() == prefix.size())
        return -1;
    const QStringView digits = QStringView(text).mid(prefix.size());
    for (QChar c : digits) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return -1;
    }
    bool ok = false;
    const qint64 value = digits.toLongLong(&ok);
    return ok ? value : -1;
}

} // namespace Ud::Accounts
