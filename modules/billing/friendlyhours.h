#pragma once

#include "ledger.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QTimeZone>

namespace Ud::Billing {

/// When a prepaid customer's supply may be disconnected for a negative balance: only inside
/// the friendly hours of their prepaid settings (by default 10:00 to 16:00 local time, Monday to
/// Friday), never at night, at a weekend or on a public holiday of their tariff version. Pure:
/// it reads no clock and no database.
class FriendlyHours
{
public:
    enum class Block { None, Night, Weekend, Holiday };

    FriendlyHours(PrepaidSettings rules, QTimeZone zone, QList<QDate> holidays);

    /// Why disconnection is not allowed at `utc` (epoch seconds), or None when it is.
    Block blockAt(qint64 utc) const;
    bool allowsAt(qint64 utc) const { return blockAt(utc) == Block::None; }
    /// `utc` itself when allowed, else the start of the next allowed stretch; 0 when there is
    /// none in the coming 400 days (settings without a weekday, or a year of holidays).
    qint64 nextAllowed(qint64 utc) const;
    /// Translated, for running text: "it is night (disconnection only from 10:00 to 16:00)".
    QString blockText(Block block) const;

private:
    bool dayAllowed(const QDate &day) const;

    PrepaidSettings m_rules;
    QTimeZone m_zone;
    QList<QDate> m_holidays;
};

} // namespace Ud::Billing
