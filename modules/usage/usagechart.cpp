#include "usagechart.h"

#include <accounts/customerrepository.h>
#include <accounts/meterrepository.h>
#include <accounts/premiserepository.h>
#include <accounts/regionaccess.h>
#include <accounts/sqlvalues.h>
#include <core/error.h>
#include <core/transaction.h>
#include <core/usercontext.h>
#include <metering/readingstore.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QTextStream>

#include <algorithm>

namespace Ud::Usage {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Usage::UsageChartService)
};

using Core::Error;

QDate dayOf(qint64 utc, const QTimeZone &zone)
{
    return QDateTime::fromSecsSinceEpoch(utc, zone).date();
}

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

QDate ChartPremise::firstDay() const
{
    qint64 first = 0;
    for (const ChartChannel &c : channels)
        if (c.hasReadings() && (first == 0 || c.firstUtc < first))
            first = c.firstUtc;
    return first == 0 ? QDate() : dayOf(first, zone);
}

QDate ChartPremise::lastDay() const
{
    qint64 last = 0;
    for (const ChartChannel &c : channels)
        if (c.hasReadings())
            last = std::max(last, c.lastUtc);
    return last == 0 ? QDate() : dayOf(last, zone);
}

const ChartChannel *ChartPremise::channel(const QString &channelId) const
{
    for (const ChartChannel &c : channels)
        if (c.channelId == channelId)
            return &c;
    return nullptr;
}

const ChartPremise *ChartScope::premise(const QString &premiseId) const
{
    for (const ChartPremise &p : premises)
        if (p.premiseId == premiseId)
            return &p;
    return nullptr;
}

const ChartPremise *ChartScope::premiseOfMeter(const QString &meterId) const
{
    for (const ChartPremise &p : premises)
        for (const ChartChannel &c : p.channels)
            if (c.meterId == meterId)
                return &p;
    return nullptr;
}

qsizetype ChartData::pointCount() const
{
    qsizetype n = 0;
    for (const ChartSeries &s : series)
        n += s.points.size();
    return n;
}

bool ChartData::isEmpty() const
{
    return std::none_of(series.cbegin(), series.cend(),
                        [](const ChartSeries &s) { return s.role == SeriesRole::Current && !s.points.isEmpty(); });
}

UsageChartService::UsageChartService(Core::Database &db, const Core::FieldCipher &cipher) : m_db(db), m_cipher(cipher) {}

ChartScope UsageChartService::scope(const Core::UserContext &user, const QString &customerId)
{
    user.require(Core::Permission::ViewCustomers);
    return Core::readOnly(m_db, [&] { return readScope(user, customerId); });
}

ChartScope UsageChartService::readScope(const Core::UserContext &user, const QString &customerId)
{
    Accounts::CustomerRepository customers(m_db, m_cipher);
    const std::optional<QString> number =
        Accounts::SqlValues::isId(customerId) ? customers.numberById(customerId) : std::nullopt;
    if (!number)
        throw Error(Error::Kind::NotFound, Tr::tr("The customer does not exist (any more); it may have been removed."));
    Accounts::RegionAccess::require(user, customers, customerId, *number);
    const std::optional<QString> region = Accounts::RegionAccess::limit(user);

    Accounts::PremiseRepository premises(m_db);
    Accounts::MeterRepository meters(m_db);
    Metering::ReadingStore store(m_db);
    ChartScope scope;
    scope.customerId = customerId;
    scope.customerNumber = *number;
    QHash<QString, qsizetype> indexOf;
    QSet<QString> outside;
    for (const Accounts::Premise &p : premises.ofCustomer(customerId)) {
        if (region && p.region != *region) {
            outside.insert(p.id);
            continue;
        }
        indexOf.insert(p.id, scope.premises.size());
        scope.premises.append({p.id, p.singleLineAddress(), p.region, QTimeZone(p.timeZone.toUtf8()), {}});
    }
    for (const Accounts::Meter &m : meters.metersOfCustomer(customerId)) {
        QString premiseId;
        if (!m.servicePointId.isEmpty())
            if (const auto sp = meters.servicePoint(m.servicePointId))
                premiseId = sp->premiseId;
        if (outside.contains(premiseId)) {
            scope.metersOutsideRegion.append(m.id);
            continue;
        }
        if (!indexOf.contains(premiseId)) {
            ChartPremise group;
            if (const auto p = premiseId.isEmpty() ? std::nullopt : premises.get(premiseId)) {
                if (region && p->region != *region) {
                    scope.metersOutsideRegion.append(m.id);
                    continue;
                }
                group = {p->id, p->singleLineAddress(), p->region, QTimeZone(p->timeZone.toUtf8()), {}};
            } else {
                group.zone = QTimeZone(m.timeZone.toUtf8());
            }
            indexOf.insert(premiseId, scope.premises.size());
            scope.premises.append(group);
        }
        ChartPremise &group = scope.premises[indexOf.value(premiseId)];
        if (!group.zone.isValid())
            group.zone = QTimeZone::utc();
        for (const Accounts::MeterChannel &c : m.channels) {
            if (c.kind == Accounts::ChannelKind::Reactive)
                continue;
            ChartChannel channel{c.id, m.id, m.serial, m.commodity, c.kind, c.unit, m.intervalMinutes, 0, 0};
            if (const auto stats = store.stats(c.id); stats && stats->lastUtc > 0) {
                channel.firstUtc = stats->firstUtc;
                channel.lastUtc = stats->lastUtc;
            }
            group.channels.append(channel);
        }
    }
    for (ChartPremise &p : scope.premises) {
        std::stable_sort(p.channels.begin(), p.channels.end(), [](const ChartChannel &a, const ChartChannel &b) {
            if (a.serial != b.serial)
                return a.serial < b.serial;
            return int(a.kind) < int(b.kind);
        });
    }
    return scope;
}

ChartSeries UsageChartService::yearBefore(SeriesBuilder &builder, const Core::UserContext &user,
                                          const ChartChannel &channel, const QTimeZone &zone, const ChartRequest &request,
                                          Resolution resolution)
{
    const auto [from, to] = PeriodComparison::previousPeriod(request.from, request.to);
    const UsageSeries previous = builder.build(user, channel.channelId, zone, from, to, resolution);
    ChartSeries out{channel, SeriesRole::YearBefore, 0, {}};
    // Thinned on its own axis first, then only the kept points moved a year on: moving every
    // one of five years of quarter-hours through the time zone costs more than all the rest.
    UsageSeries one{resolution, from, to, {}};
    bool dropped = false;
    const QList<ChartPoint> sampled = ChartSampler::sample(previous.points, request.maxPoints);
    const bool thinned = sampled.size() < previous.points.size();
    for (ChartPoint c : sampled) {
        one.points = {c.point};
        const QList<UsagePoint> moved = PeriodComparison::shiftOntoYearLater(one, zone, request.from, request.to);
        if (moved.isEmpty()) {
            dropped = true; // no place a year on (29 February, the hour skipped in spring): a gap
            continue;
        }
        if (!out.points.isEmpty() && moved.first().startUtc <= out.points.last().point.startUtc)
            continue; // the second time of a repeated hour, as PeriodComparison keeps only the first
        const qint64 offset = moved.first().startUtc - c.point.startUtc;
        c.point = moved.first();
        c.spanStartUtc += offset;
        c.spanEndUtc += offset;
        // Joined as it was a year earlier, unless a point between had no place; drawn point by
        // point, also only where the moved points still meet (the repeated autumn hour has no
        // earlier reading under it). Thinned, an hour's shift is not to be seen: runs stay.
        c.runStart = out.points.isEmpty() || c.runStart || dropped
                     || (!thinned && out.points.last().point.endUtc != c.point.startUtc);
        dropped = false;
        out.points.append(c);
    }
    out.sourcePoints = previous.points.size();
    return out;
}

Resolution UsageChartService::resolutionFor(const ChartPremise &premise, const ChartRequest &request)
{
    if (request.resolution)
        return *request.resolution;
    int minutes = 1440;
    for (const QString &id : request.channelIds)
        if (const ChartChannel *c = premise.channel(id))
            minutes = std::min(minutes, c->intervalMinutes);
    return SeriesBuilder::autoResolution(request.from, request.to, minutes, request.maxPoints);
}

ChartData UsageChartService::load(const Core::UserContext &user, const QString &customerId, const ChartRequest &request)
{
    user.require(Core::Permission::ViewCustomers);
    if (request.maxPoints <= 0)
        throw Error(Error::Kind::BadInput, Tr::tr("The number of points to draw must be at least 1."));
    return Core::readOnly(m_db, [&] {
        const ChartScope scope = readScope(user, customerId);
        const ChartPremise *premise = scope.premise(request.premiseId);
        if (!premise) {
            // The premise is the customer's but not of the officer's region: say so.
            if (const auto limit = Accounts::RegionAccess::limit(user); limit && !request.premiseId.isEmpty()) {
                if (const auto p = Accounts::PremiseRepository(m_db).get(request.premiseId)) {
                    throw Error(Error::Kind::Denied, Tr::tr("The premise %1 of customer %2 is outside your region %3.")
                                                         .arg(p->singleLineAddress(), scope.customerNumber, *limit));
                }
            }
            throw Error(Error::Kind::NotFound,
                        Tr::tr("Customer %1 has no such premise (any more); reload the customer.").arg(scope.customerNumber));
        }
        ChartData data;
        data.request = request;
        data.zone = premise->zone;
        data.premiseAddress = premise->address;
        data.resolution = resolutionFor(*premise, request);
        SeriesBuilder builder(m_db);
        for (const QString &id : request.channelIds) {
            const ChartChannel *channel = premise->channel(id);
            if (!channel)
                throw Error(Error::Kind::NotFound,
                            Tr::tr("The meter channel asked for is not at this premise of customer %1 (any more); reload "
                                   "the customer.").arg(scope.customerNumber));
            const UsageSeries s = builder.build(user, id, premise->zone, request.from, request.to, data.resolution);
            data.series.append({*channel, SeriesRole::Current, s.points.size(), ChartSampler::sample(s.points, request.maxPoints)});
            if (request.compareWithYearBefore)
                data.series.append(yearBefore(builder, user, *channel, premise->zone, request, data.resolution));
        }
        return data;
    });
}

double ChartText::displayValue(qint64 value, Accounts::ChannelUnit unit)
{
    switch (unit) {
    case Accounts::ChannelUnit::WattHour:
    case Accounts::ChannelUnit::VarHour: return double(value) / 1000.0;
    case Accounts::ChannelUnit::Litre: return double(value);
    }
    return double(value);
}

QString ChartText::unitSymbol(Accounts::ChannelUnit unit)
{
    switch (unit) {
    case Accounts::ChannelUnit::WattHour: return Tr::tr("kWh");
    case Accounts::ChannelUnit::VarHour: return Tr::tr("kvarh");
    case Accounts::ChannelUnit::Litre: return Tr::tr("L");
    }
    return {};
}

std::pair<qint64, qint64> ChartText::sourceSpan(const ChartSeries &series, const ChartPoint &point,
                                                const QTimeZone &zone)
{
    if (series.role == SeriesRole::Current)
        return {point.point.startUtc, point.point.endUtc};
    const auto back = [&zone](qint64 utc) {
        return QDateTime::fromSecsSinceEpoch(utc, zone).addYears(-1).toSecsSinceEpoch();
    };
    return {back(point.point.startUtc), back(point.point.endUtc)};
}

QString ChartText::localIso(qint64 utc, const QTimeZone &zone)
{
    return QDateTime::fromSecsSinceEpoch(utc, zone).toString(Qt::ISODate);
}

QString ChartText::csv(const ChartData &data)
{
    QString out;
    QTextStream s(&out);
    s << "series,meter,channel,unit,start,end,value,readings,expected,estimated\n";
    for (const ChartSeries &series : data.series) {
        const QString role = series.role == SeriesRole::Current ? QStringLiteral("current") : QStringLiteral("year_before");
        // Unit keys stay English in the file, like every CSV the program writes.
        QString unit = QStringLiteral("L");
        if (series.channel.unit == Accounts::ChannelUnit::WattHour)
            unit = QStringLiteral("kWh");
        else if (series.channel.unit == Accounts::ChannelUnit::VarHour)
            unit = QStringLiteral("kvarh");
        const int decimals = series.channel.unit == Accounts::ChannelUnit::Litre ? 0 : 3;
        for (const ChartPoint &p : series.points) {
            const auto [start, end] = sourceSpan(series, p, data.zone);
            s << role << ',' << csvField(series.channel.serial) << ','
              << Accounts::channelKindKey(series.channel.kind) << ',' << unit << ',' << localIso(start, data.zone)
              << ',' << localIso(end, data.zone) << ','
              << QString::number(displayValue(p.point.value, series.channel.unit), 'f', decimals) << ','
              << p.point.count << ',' << p.point.expected << ',' << p.point.estimated << '\n';
        }
    }
    return out;
}

} // namespace Ud::Usage
