#include "espiassembler.h"

#include "espicodes.h"
#include "greenbuttonparser.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QTimeZone>

#include <climits>
#include <deque>

namespace Ud::Metering::Espi {

using Accounts::ChannelKind;
using Accounts::ChannelUnit;
using Accounts::Commodity;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::GreenButtonParser)
};

struct UsagePointInfo {
    QString key;
    QString id;   ///< last segment of the self href: the meterKey
    QString uuid; ///< from atom:id: the altKey
    std::optional<qint64> serviceKind;
    QString localTimeHref;
    Location where;
    qint64 firstStart = LLONG_MAX;
    qint64 lastStart = LLONG_MIN;
};

struct Channel {
    QString key;           ///< the MeterReading's href
    QString usagePointKey;
    int order = 0;
    bool haveMeterReading = false;
    QString readingTypeHref;
    bool hasBlocks = false;
    Location firstBlock;

    bool resolved = false;
    UsagePointInfo *usagePoint = nullptr;
    std::optional<Espi::Scale> scale;
    Quality defaultQuality = Quality::Actual;
    qint32 intervalSecs = 0;
    bool cumulative = false;
    ChannelKind kind = ChannelKind::Import;
    Commodity commodity = Commodity::Electricity;

    QList<SourceReading> readings; ///< the chunk being filled
    Location chunkWhere;
    std::deque<RawReading> pending; ///< 24 bytes a reading, grown in blocks (no doubling spikes)
    Location pendingWhere;
    QList<PeriodTotal> totals;
};

/// The last `segments` path segments ("UsagePoint/01"), the fallback key when feeds spell the
/// same resource with different prefixes.
QString tailOf(const QString &key, int segments)
{
    qsizetype at = key.size();
    for (int i = 0; i < segments; ++i) {
        at = key.lastIndexOf(u'/', at - 1);
        if (at < 0)
            return key;
    }
    return key.mid(at + 1);
}

QString lastSegment(const QString &key)
{
    return key.mid(key.lastIndexOf(u'/') + 1);
}

/// A map of resources by href that also finds a resource by its tail when that is unique.
template<typename T>
class HrefMap
{
public:
    explicit HrefMap(int tailSegments) : m_tailSegments(tailSegments) {}
    T *find(const QString &key)
    {
        auto it = m_items.find(key);
        if (it != m_items.end())
            return it->get();
        const auto tail = m_tails.constFind(tailOf(key, m_tailSegments));
        if (tail == m_tails.constEnd() || tail->isEmpty())
            return nullptr;
        return m_items.value(*tail).get();
    }
    bool contains(const QString &key) const { return m_items.contains(key); }
    T *insert(const QString &key)
    {
        auto &slot = m_items[key];
        if (!slot) {
            slot = std::make_shared<T>();
            const QString tail = tailOf(key, m_tailSegments);
            const auto existing = m_tails.constFind(tail);
            m_tails.insert(tail, existing == m_tails.constEnd() ? key : QString());
        }
        return slot.get();
    }
    qsizetype size() const { return m_items.size(); }
    T *only() { return m_items.size() == 1 ? m_items.begin()->get() : nullptr; }

private:
    int m_tailSegments;
    QHash<QString, std::shared_ptr<T>> m_items;
    QHash<QString, QString> m_tails;
};

} // namespace

struct Assembler::State {
    State(const ParseContext &context, const ReadingSink &sink, qint64 maxBuffered)
        : m_context(context), m_sink(sink), m_maxBuffered(maxBuffered)
    {
    }

    QString format(const Location &where) const;
    [[noreturn]] void failAt(const Location &where, const QString &reason) const;
    Channel *channel(const QString &key, bool exact);
    void tryResolve(Channel &ch);
    void resolve(Channel &ch, UsagePointInfo &up, const ReadingTypeInfo &rt);
    template<typename It> void append(Channel &ch, It begin, It end, const Location &where);
    void emitChunk(Channel &ch, bool last);
    QString hintFor(const UsagePointInfo &up, const QList<PeriodTotal> &totals);
    void attachSummary(const Summary &summary);
    void finish();

    const ParseContext &m_context;
    const ReadingSink &m_sink;
    const qint64 m_maxBuffered;
    bool m_rootIsEntry = false;
    HrefMap<UsagePointInfo> m_usagePoints{2};
    HrefMap<ReadingTypeInfo> m_readingTypes{2};
    HrefMap<LocalTime> m_localTimes{2};
    HrefMap<Channel> m_channels{4};
    std::vector<Channel *> m_channelOrder;
    std::vector<Summary> m_summaries;
    qint64 m_pendingTotal = 0;
    qint64 m_unflushed = 0;
};

QString Assembler::State::format(const Location &where) const
{
    if (where.entry == 0)
        return Tr::tr("line %1").arg(where.line);
    const QString entry = m_rootIsEntry ? QStringLiteral("entry") : QStringLiteral("feed/entry[%1]").arg(where.entry);
    if (where.block == 0)
        return Tr::tr("line %1, %2").arg(where.line).arg(entry);
    const QString block = where.block > 1 ? QStringLiteral("IntervalBlock[%1]").arg(where.block)
                                          : QStringLiteral("IntervalBlock");
    return Tr::tr("line %1, %2/content/%3").arg(where.line).arg(entry, block);
}

void Assembler::State::failAt(const Location &where, const QString &reason) const
{
    throw ImportError(m_context.fileName, format(where), reason);
}

Channel *Assembler::State::channel(const QString &key, bool exact)
{
    // A MeterReading's own href names its channel exactly; a block's up link may spell it differently
    Channel *ch = exact ? (m_channels.contains(key) ? m_channels.find(key) : nullptr) : m_channels.find(key);
    if (ch)
        return ch;
    ch = m_channels.insert(key);
    ch->key = key;
    ch->usagePointKey = key.left(key.lastIndexOf(u"/MeterReading"));
    ch->order = int(m_channelOrder.size());
    m_channelOrder.push_back(ch);
    return ch;
}

void Assembler::State::tryResolve(Channel &ch)
{
    if (ch.resolved || !ch.hasBlocks || !ch.haveMeterReading)
        return;
    UsagePointInfo *up = m_usagePoints.find(ch.usagePointKey);
    const ReadingTypeInfo *rt = m_readingTypes.find(ch.readingTypeHref);
    if (!up || !rt)
        return;
    resolve(ch, *up, *rt);
}

void Assembler::State::resolve(Channel &ch, UsagePointInfo &up, const ReadingTypeInfo &rt)
{
    const Location &at = rt.where;
    if (!rt.uom)
        failAt(at, Tr::tr("the ReadingType has no <uom>; expected the unit of its readings"));
    Espi::Scale::Problem problem = Espi::Scale::Problem::None;
    ch.scale = Espi::Scale::make(*rt.uom, rt.multiplier.value_or(0), &problem);
    const QString symbol = Espi::uomSymbol(*rt.uom);
    const QString unitName = symbol.isEmpty() ? QString::number(*rt.uom)
                                              : QStringLiteral("%1 (%2)").arg(*rt.uom).arg(symbol);
    switch (problem) {
    case Espi::Scale::Problem::None:
        break;
    case Espi::Scale::Problem::Power:
        failAt(at, Tr::tr("the unit of measure %1 is a power or flow rate; expected energy or volume "
                          "(Wh, VArh, therm, Btu, m³, ft³, L, gallons)").arg(unitName));
    case Espi::Scale::Problem::NotEnergyOrVolume:
        failAt(at, Tr::tr("the unit of measure %1 is not an energy or volume unit; expected Wh (72), VArh (73), "
                          "therm (169), Btu (132), m³ (42), ft³ (119), L (134) or US gallons (128)").arg(unitName));
    case Espi::Scale::Problem::Multiplier:
        failAt(at, Tr::tr("the powerOfTenMultiplier %1 is outside -12 to 12").arg(rt.multiplier.value_or(0)));
    }
    if (rt.kind && *rt.kind != 0 && *rt.kind != 12 && *rt.kind != 58)
        failAt(at, Tr::tr("the ReadingType kind %1 is not energy (12) or volume (58)").arg(*rt.kind));

    const auto accumulation = Espi::accumulationFromCode(rt.accumulation.value_or(4));
    if (!accumulation)
        failAt(at, Tr::tr("the accumulationBehaviour %1 is not interval data; expected 4 (deltaData) or a register: "
                          "1 (bulkQuantity), 3 (cumulative) or 9 (summation)").arg(*rt.accumulation));
    const auto flow = Espi::flowFromCode(rt.flow.value_or(1));
    if (!flow)
        failAt(at, Tr::tr("the flowDirection %1 is not a consumption channel; expected 1 (forward, delivered), "
                          "19 (reverse, received) or 4 (net)").arg(*rt.flow));

    std::optional<Commodity> commodity;
    if (up.serviceKind)
        commodity = Espi::commodityFromServiceKind(*up.serviceKind);
    else if (rt.commodity)
        commodity = Espi::commodityFromReadingType(*rt.commodity);
    if (!commodity)
        failAt(up.where, Tr::tr("the usage point has no ServiceCategory kind and its ReadingType no known commodity; "
                                "expected electricity, gas or water"));
    if (*commodity == Commodity::Electricity && ch.scale->isVolume())
        failAt(at, Tr::tr("the unit of measure %1 is a volume, but the usage point is electricity").arg(unitName));
    if (*commodity == Commodity::Water && !ch.scale->isVolume())
        failAt(at, Tr::tr("the unit of measure %1 is not a volume, but the usage point is water").arg(unitName));
    if (*commodity != Commodity::Electricity && ch.scale->isReactive())
        failAt(at, Tr::tr("the unit of measure %1 is reactive energy, but the usage point is not electricity")
                       .arg(unitName));
    if (ch.scale->isReactive() && *flow == Espi::Flow::Reverse)
        failAt(at, Tr::tr("reverse reactive energy is not imported; a meter has one reactive channel"));
    if (rt.intervalLength && *rt.intervalLength > INT_MAX)
        failAt(at, Tr::tr("the intervalLength %1 is longer than a channel interval can be").arg(*rt.intervalLength));

    ch.usagePoint = &up;
    ch.commodity = *commodity;
    ch.cumulative = *accumulation == Espi::Accumulation::Cumulative;
    ch.kind = ch.scale->isReactive() ? ChannelKind::Reactive
            : *flow == Espi::Flow::Reverse ? ChannelKind::Export : ChannelKind::Import;
    ch.intervalSecs = qint32(rt.intervalLength.value_or(0));
    ch.defaultQuality = rt.defaultQuality ? Espi::qualityFromCode(*rt.defaultQuality) : Quality::Actual;
    ch.resolved = true;

    if (!ch.pending.empty()) {
        std::deque<RawReading> pending;
        pending.swap(ch.pending);
        m_pendingTotal -= qint64(pending.size());
        append(ch, pending.cbegin(), pending.cend(), ch.pendingWhere);
    }
}

template<typename It>
void Assembler::State::append(Channel &ch, It begin, It end, const Location &where)
{
    UsagePointInfo &up = *ch.usagePoint;
    for (It r = begin; r != end; ++r) {
        if (ch.readings.isEmpty()) {
            ch.chunkWhere = where;
            ch.readings.reserve(qMin<qsizetype>(GreenButtonParser::chunkReadings, qsizetype(end - r)));
        }
        SourceReading s;
        if (r->flags & implicitTimeFlag) {
            if (ch.intervalSecs <= 0)
                failAt(where, Tr::tr("an IntervalReading has no timePeriod and its ReadingType no intervalLength; "
                                     "expected one of them"));
            s.startUtc = r->start + qint64(r->duration) * ch.intervalSecs;
            s.durationSecs = ch.intervalSecs;
        } else {
            s.startUtc = r->start;
            s.durationSecs = r->duration;
        }
        if (r->flags & noValueFlag) {
            s.quality = Quality::Missing;
        } else {
            if (!ch.scale->convert(r->value, &s.value))
                failAt(where, Tr::tr("the value %1 is outside the range ESPI allows (Int48) or too large in the base "
                                     "unit").arg(r->value));
            const quint8 q = r->flags & qualityMask;
            s.quality = q == unspecifiedQuality ? ch.defaultQuality : Quality(q);
        }
        up.firstStart = qMin(up.firstStart, s.startUtc);
        up.lastStart = qMax(up.lastStart, s.startUtc);
        ch.readings.append(s);
        ++m_unflushed;
        if (ch.readings.size() >= GreenButtonParser::chunkReadings)
            emitChunk(ch, false);
    }
    // Interleaved channels must not pile up unbounded partial chunks.
    if (m_unflushed > 4 * GreenButtonParser::chunkReadings) {
        for (Channel *other : m_channelOrder) {
            if (!other->readings.isEmpty())
                emitChunk(*other, false);
        }
    }
}

QString Assembler::State::hintFor(const UsagePointInfo &up, const QList<PeriodTotal> &totals)
{
    const LocalTime *lt = up.localTimeHref.isEmpty() ? nullptr : m_localTimes.find(up.localTimeHref);
    if (!lt)
        lt = m_localTimes.only();
    if (!lt)
        return {};
    qint64 first = up.firstStart, last = up.lastStart;
    for (const PeriodTotal &t : totals) {
        first = qMin(first, t.startUtc);
        last = qMax(last, t.startUtc);
    }
    if (first > last)
        return {};
    const int firstYear = QDateTime::fromSecsSinceEpoch(first, QTimeZone::utc()).date().year();
    const int lastYear = QDateTime::fromSecsSinceEpoch(last, QTimeZone::utc()).date().year();
    return Espi::timeZoneFor(lt->tzOffset, lt->dstOffset, lt->startRule, lt->endRule, firstYear, lastYear);
}

void Assembler::State::emitChunk(Channel &ch, bool last)
{
    ChannelSeries series;
    const UsagePointInfo &up = *ch.usagePoint;
    series.meterKey = up.id.isEmpty() ? up.uuid : up.id;
    series.altKey = up.id.isEmpty() ? QString() : up.uuid;
    series.commodity = ch.commodity;
    series.kind = ch.kind;
    series.unit = ch.scale->unit();
    series.intervalSecs = ch.intervalSecs;
    series.cumulative = ch.cumulative;
    series.timeZoneHint = hintFor(up, last ? ch.totals : QList<PeriodTotal>());
    series.location = format(ch.readings.isEmpty() ? ch.firstBlock : ch.chunkWhere);
    m_unflushed -= ch.readings.size();
    series.readings = std::move(ch.readings);
    ch.readings = QList<SourceReading>();
    if (last)
        series.periodTotals = ch.totals;
    m_sink(std::move(series));
}

void Assembler::State::attachSummary(const Summary &s)
{
    if (!s.value || !s.start || !s.duration)
        return; // a summary of bill amounts only, or without its billing period: nothing to check
    UsagePointInfo *up = m_usagePoints.find(s.usagePointKey);
    if (!up)
        failAt(s.where, Tr::tr("the summary belongs to the usage point %1, which the file does not contain")
                            .arg(s.usagePointKey));
    std::optional<ChannelUnit> unit;
    if (s.uom) {
        Espi::Scale::Problem problem;
        const auto scale = Espi::Scale::make(*s.uom, 0, &problem);
        if (!scale)
            failAt(s.where, Tr::tr("the summary's unit of measure %1 is not an energy or volume unit").arg(*s.uom));
        unit = scale->unit();
    }
    Channel *target = nullptr;
    for (Channel *ch : m_channelOrder) {
        if (!ch->haveMeterReading || m_usagePoints.find(ch->usagePointKey) != up)
            continue;
        if (!s.readingTypeRef.isEmpty()) {
            if (m_readingTypes.find(ch->readingTypeHref) == m_readingTypes.find(s.readingTypeRef)) {
                target = ch;
                break;
            }
        } else if (ch->resolved && ch->kind == ChannelKind::Import && (!unit || *unit == ch->scale->unit())) {
            target = ch;
            break;
        }
    }
    if (target && !target->resolved) {
        const ReadingTypeInfo *rt = m_readingTypes.find(target->readingTypeHref);
        if (!rt)
            failAt(s.where, Tr::tr("the summary's ReadingType %1 is not in the file").arg(target->readingTypeHref));
        target->hasBlocks = true;
        target->firstBlock = s.where;
        resolve(*target, *up, *rt);
    }
    if (!target) {
        if (!s.uom)
            return; // no unit and no channel to take one from: the total cannot be placed
        target = channel(s.usagePointKey + QStringLiteral("/MeterReading/UsageSummary"), true);
        if (!target->resolved) {
            ReadingTypeInfo rt;
            rt.uom = s.uom;
            rt.where = s.where;
            target->hasBlocks = true;
            target->haveMeterReading = true;
            target->firstBlock = s.where;
            resolve(*target, *up, rt);
        }
    }
    qint64 uom = s.uom.value_or(-1);
    if (!s.uom) {
        const ReadingTypeInfo *rt = m_readingTypes.find(target->readingTypeHref);
        uom = rt ? rt->uom.value_or(-1) : -1;
    }
    Espi::Scale::Problem problem;
    const auto scale = Espi::Scale::make(uom, s.multiplier.value_or(0), &problem);
    if (!scale || scale->unit() != target->scale->unit())
        failAt(s.where, Tr::tr("the summary's unit of measure %1 does not match its channel; expected %2")
                            .arg(uom).arg(Accounts::channelUnitKey(target->scale->unit())));
    PeriodTotal total;
    total.startUtc = *s.start;
    total.durationSecs = *s.duration;
    if (!scale->convert(*s.value, &total.value))
        failAt(s.where, Tr::tr("the summary value %1 is outside the range ESPI allows").arg(*s.value));
    target->totals.append(total);
}

void Assembler::State::finish()
{
    for (Channel *ch : m_channelOrder) {
        if (!ch->hasBlocks || ch->resolved)
            continue;
        if (!ch->haveMeterReading)
            failAt(ch->firstBlock, Tr::tr("the IntervalBlock belongs to the MeterReading %1, which the file does not "
                                          "contain").arg(ch->key));
        if (!m_readingTypes.find(ch->readingTypeHref))
            failAt(ch->firstBlock, Tr::tr("the MeterReading %1 refers to the ReadingType %2, which the file does not "
                                          "contain; expected its unit and multiplier").arg(ch->key, ch->readingTypeHref));
        failAt(ch->firstBlock, Tr::tr("the IntervalBlock belongs to the usage point %1, which the file does not contain")
                                   .arg(ch->usagePointKey));
    }
    for (const Summary &s : m_summaries)
        attachSummary(s);
    QHash<QString, QString> keys;
    for (Channel *ch : m_channelOrder) {
        if (!ch->resolved)
            continue;
        const QString meterKey = ch->usagePoint->id;
        const auto seen = keys.constFind(meterKey);
        if (seen != keys.constEnd() && *seen != ch->usagePoint->key)
            failAt(ch->firstBlock, Tr::tr("the usage points %1 and %2 have the same id %3, so their meters cannot be told "
                                          "apart").arg(*seen, ch->usagePoint->key, meterKey));
        keys.insert(meterKey, ch->usagePoint->key);
    }
    for (Channel *ch : m_channelOrder) {
        if (ch->resolved && (!ch->readings.isEmpty() || !ch->totals.isEmpty()))
            emitChunk(*ch, true);
    }
}


// ---------------------------------------------------------------------------------------------

Assembler::Assembler(const ParseContext &context, const ReadingSink &sink, qint64 maxBuffered)
    : d(std::make_unique<State>(context, sink, maxBuffered))
{
}

Assembler::~Assembler() = default;

void Assembler::setRootIsEntry(bool rootIsEntry)
{
    d->m_rootIsEntry = rootIsEntry;
}

QString Assembler::format(const Location &where) const
{
    return d->format(where);
}

void Assembler::failAt(const Location &where, const QString &reason) const
{
    d->failAt(where, reason);
}

void Assembler::addUsagePoint(const QString &self, const QString &uuid, std::optional<qint64> serviceKind,
                              const QStringList &related, const Location &where)
{
    if (serviceKind && !commodityFromServiceKind(*serviceKind))
        failAt(where, Tr::tr("the usage point's ServiceCategory kind is %1; expected 0 (electricity), 1 (gas) or "
                             "2 (water)").arg(*serviceKind));
    const bool known = d->m_usagePoints.contains(self);
    UsagePointInfo *up = d->m_usagePoints.insert(self);
    if (known && up->serviceKind != serviceKind)
        failAt(where, Tr::tr("the usage point %1 is described twice, differently").arg(self));
    up->key = self;
    up->id = lastSegment(self);
    up->uuid = uuid;
    up->serviceKind = serviceKind;
    up->where = where;
    for (const QString &href : related) {
        if (href.contains(u"/LocalTimeParameters"))
            up->localTimeHref = href;
    }
    for (Channel *ch : d->m_channelOrder) {
        if (!ch->resolved && d->m_usagePoints.find(ch->usagePointKey) == up)
            d->tryResolve(*ch);
    }
}

void Assembler::addMeterReading(const QString &self, const QString &readingType, const Location &where)
{
    Channel *ch = d->channel(self, true);
    if (ch->haveMeterReading && ch->readingTypeHref != readingType)
        failAt(where, Tr::tr("the MeterReading %1 is described twice, differently").arg(self));
    ch->haveMeterReading = true;
    ch->readingTypeHref = readingType;
    d->tryResolve(*ch);
}

void Assembler::addReadingType(const QString &self, const ReadingTypeInfo &readingType)
{
    const bool known = d->m_readingTypes.contains(self);
    ReadingTypeInfo *rt = d->m_readingTypes.insert(self);
    if (known && !rt->sameAs(readingType))
        failAt(readingType.where, Tr::tr("the ReadingType %1 is described twice, differently").arg(self));
    *rt = readingType;
    for (Channel *ch : d->m_channelOrder) {
        if (!ch->resolved && ch->haveMeterReading && d->m_readingTypes.find(ch->readingTypeHref) == rt)
            d->tryResolve(*ch);
    }
}

void Assembler::addLocalTime(const QString &self, const LocalTime &localTime)
{
    *d->m_localTimes.insert(self) = localTime;
}

void Assembler::addSummary(const Summary &summary)
{
    d->m_summaries.push_back(summary);
}

void Assembler::addIntervalBlocks(const QString &key, const std::vector<RawReading> &readings, const Location &where)
{
    Channel *ch = d->channel(key, false);
    if (!ch->hasBlocks) {
        ch->hasBlocks = true;
        ch->firstBlock = where;
        d->tryResolve(*ch);
    }
    if (readings.empty())
        return;
    if (ch->resolved) {
        d->append(*ch, readings.cbegin(), readings.cend(), where);
        return;
    }
    d->m_pendingTotal += qint64(readings.size());
    if (d->m_pendingTotal > d->m_maxBuffered)
        failAt(where, Tr::tr("more than %1 interval readings come before the MeterReading, ReadingType or UsagePoint "
                             "they belong to; expected those entries earlier").arg(d->m_maxBuffered));
    if (ch->pending.empty())
        ch->pendingWhere = where;
    ch->pending.insert(ch->pending.end(), readings.begin(), readings.end());
}

void Assembler::finish()
{
    d->finish();
}

} // namespace Ud::Metering::Espi
