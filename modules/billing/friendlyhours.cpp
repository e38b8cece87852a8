#include "friendlyhours.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace Ud::Billing {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Billing::FriendlyHours)
};

QTime timeOf(int minute)
{
    return minute >= 1440 ? QTime(23, 59, 59) : QTime(minute / 60, minute % 60);
}
} // namespace

FriendlyHours::FriendlyHours(PrepaidSettings rules, QTimeZone zone, QList<QDate> holidays)
    : m_rules(std::move(rules)), m_zone(std::move(zone)), m_holidays(std::move(holidays))
{
}

bool FriendlyHours::dayAllowed(const QDate &day) const
{
    return m_rules.friendlyWeekdays.contains(day.dayOfWeek()) && !m_holidays.contains(day);
}

FriendlyHours::Block FriendlyHours::blockAt(qint64 utc) const
{
    const QDateTime local = QDateTime::fromSecsSinceEpoch(utc, m_zone);
    const QDate day = local.date();
    if (m_holidays.contains(day))
        return Block::Holiday;
    if (!m_rules.friendlyWeekdays.contains(day.dayOfWeek()))
        return Block::Weekend;
    const int minute = local.time().hour() * 60 + local.time().minute();
    if (minute < m_rules.friendlyFromMinute || minute >= m_rules.friendlyToMinute)
        return Block::Night;
    return Block::None;
}

qint64 FriendlyHours::nextAllowed(qint64 utc) const
{
    if (allowsAt(utc))
        return utc;
    const QDateTime local = QDateTime::fromSecsSinceEpoch(utc, m_zone);
    QDate day = local.date();
    const int minute = local.time().hour() * 60 + local.time().minute();
    if (!(dayAllowed(day) && minute < m_rules.friendlyFromMinute))
        day = day.addDays(1);
    for (int i = 0; i < 400; ++i, day = day.addDays(1)) {
        if (dayAllowed(day))
            return QDateTime(day, timeOf(m_rules.friendlyFromMinute), m_zone).toSecsSinceEpoch();
    }
    return 0;
}

QString FriendlyHours::blockText(Block block) const
{
    const QLocale locale;
    const QString from = locale.toString(timeOf(m_rules.friendlyFromMinute), QLocale::ShortFormat);
    const QString to = locale.toString(timeOf(m_rules.friendlyToMinute), QLocale::ShortFormat);
    switch (block) {
    case Block::None: return {};
    case Block::Night: return Tr::tr("it is outside the hours supply may be disconnected in (%1 to %2)").arg(from, to);
    case Block::Weekend: return Tr::tr("supply is not disconnected at weekends");
    case Block::Holiday: return Tr::tr("it is a public holiday");
    }
    return {};
}

} // namespace Ud::Billing
