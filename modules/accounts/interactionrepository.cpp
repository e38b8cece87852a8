#include "interactionrepository.h"

#include "sqlvalues.h"

#include <core/database.h>
#include <core/sqlquery.h>

namespace Ud::Accounts {

using Core::SqlQuery;

InteractionRepository::InteractionRepository(Core::Database &db) : m_db(db) {}

void InteractionRepository::insert(const Interaction &i)
{
    SqlQuery(m_db.connection(), QStringLiteral(
        "INSERT INTO interactions (id, customer_id, account_id, at, channel, direction, reason, summary, notes, agent, "
        "reason_code, wrap_up_code, duration_seconds, identity_check) "
        "VALUES (:id, :customer, :account, :at, :channel, :direction, :reason, :summary, :notes, :agent, "
        ":reason_code, :wrap_up_code, :duration, :identity)"))
        .bind(QStringLiteral(":id"), i.id)
        .bind(QStringLiteral(":customer"), i.customerId)
        .bind(QStringLiteral(":account"), SqlValues::optionalId(i.accountId))
        .bind(QStringLiteral(":at"), i.at)
        .bind(QStringLiteral(":channel"), interactionChannelKey(i.channel))
        .bind(QStringLiteral(":direction"), interactionDirectionKey(i.direction))
        .bind(QStringLiteral(":reason"), SqlValues::text(i.reason))
        .bind(QStringLiteral(":summary"), SqlValues::text(i.summary))
        .bind(QStringLiteral(":notes"), SqlValues::text(i.notes))
        .bind(QStringLiteral(":agent"), SqlValues::text(i.agent))
        .bind(QStringLiteral(":reason_code"), SqlValues::text(i.reasonCode))
        .bind(QStringLiteral(":wrap_up_code"), SqlValues::text(i.wrapUpCode))
        .bind(QStringLiteral(":duration"), i.durationSeconds)
        .bind(QStringLiteral(":identity"), SqlValues::text(i.identityCheck))
        .exec();
}

QList<Interaction> InteractionRepository::ofCustomer(const QString &customerId, int limit)
{
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT id, customer_id, account_id, at, channel, direction, reason, summary, notes, agent, reason_code, "
        "wrap_up_code, duration_seconds, identity_check FROM interactions "
        "WHERE customer_id = :c ORDER BY at DESC, id LIMIT :limit"));
    q.bind(QStringLiteral(":c"), customerId).bind(QStringLiteral(":limit"), qMax(0, limit)).exec();
    QList<Interaction> list;
    while (q.next()) {
        Interaction i;
        i.id = SqlValues::id(q.value(0));
        i.customerId = SqlValues::id(q.value(1));
        i.accountId = SqlValues::id(q.value(2));
        i.at = q.value(3).toLongLong();
        i.channel = interactionChannelFromKey(q.value(4).toString()).value_or(InteractionChannel::Phone);
        i.direction = interactionDirectionFromKey(q.value(5).toString()).value_or(InteractionDirection::Inbound);
        i.reason = q.value(6).toString();
        i.summary = q.value(7).toString();
        i.notes = q.value(8).toString();
        i.agent = q.value(9).toString();
        i.reasonCode = q.value(10).toString();
        i.wrapUpCode = q.value(11).toString();
        i.durationSeconds = q.value(12).toInt();
        i.identityCheck = q.value(13).toString();
        list << i;
    }
    return list;
}

qint64 InteractionRepository::countOfCustomer(const QString &customerId)
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT count(*) FROM interactions WHERE customer_id = :c"));
    q.bind(QStringLiteral(":c"), customerId);
    return q.scalar(0).toLongLong();
}

} // namespace Ud::Accounts
