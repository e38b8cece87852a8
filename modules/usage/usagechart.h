#pragma once

#include "chartsampler.h"
#include "seriesbuilder.h"
#include "usageseries.h"

#include <accounts/meter.h>

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <optional>
#include <utility>

namespace Ud::Core {
class FieldCipher;
}

namespace Ud::Usage {

/// One channel a usage chart can draw: a meter's import (consumption) or export (solar) channel.
struct ChartChannel {
    QString channelId;
    QString meterId;
    QString serial;
    Accounts::Commodity commodity = Accounts::Commodity::Electricity;
    Accounts::ChannelKind kind = Accounts::ChannelKind::Import;
    Accounts::ChannelUnit unit = Accounts::ChannelUnit::WattHour;
    int intervalMinutes = 30;
    qint64 firstUtc = 0;       ///< start of the first present reading; 0 when there is none
    qint64 lastUtc = 0;        ///< start of the last present reading; 0 when there is none

    bool hasReadings() const { return lastUtc > 0; }
    friend bool operator==(const ChartChannel &, const ChartChannel &) = default;
};

/// A premise of the customer (or, with an empty id, the meters on none) and its channels.
struct ChartPremise {
    QString premiseId;
    QString address;           ///< one line; empty for the meters on no premise
    QString region;
    QTimeZone zone;            ///< the premise's; a meter on no premise brings its own
    QList<ChartChannel> channels; ///< by meter serial, import before export

    /// The local days of the first and last reading of any channel (invalid when none).
    QDate firstDay() const;
    QDate lastDay() const;
    const ChartChannel *channel(const QString &channelId) const;
};

/// What a usage chart of one customer can show: their premises the user may see, and there the
/// import and export channels of the meters.
struct ChartScope {
    QString customerId;
    QString customerNumber;
    QList<ChartPremise> premises;
    /// Meters of the customer at premises outside the user's region (a field officer's), left
    /// out of `premises`, so a screen opened for one of them can say why it shows nothing.
    QStringList metersOutsideRegion;

    const ChartPremise *premise(const QString &premiseId) const;
    /// The premise holding the meter, or nullptr.
    const ChartPremise *premiseOfMeter(const QString &meterId) const;
};

/// Whose usage, over which local days and how finely.
struct ChartRequest {
    QString premiseId;
    QStringList channelIds;    ///< of the premise, in drawing order
    QDate from;
    QDate to;
    std::optional<Resolution> resolution; ///< nullopt: the finest that fits (autoResolution)
    bool compareWithYearBefore = false;
    int maxPoints = SeriesBuilder::MaxPoints;
};

enum class SeriesRole { Current, YearBefore };

/// One drawn series: a channel over the period (or the same period a year before, moved onto
/// this period's time axis), thinned to at most the request's maxPoints.
struct ChartSeries {
    ChartChannel channel;
    SeriesRole role = SeriesRole::Current;
    qsizetype sourcePoints = 0; ///< points of the computed series before thinning
    QList<ChartPoint> points;

    bool thinned() const { return sourcePoints > points.size(); }
};

/// A loaded chart: the request, the resolution used and the series in drawing order.
struct ChartData {
    ChartRequest request;
    Resolution resolution = Resolution::Day;
    QTimeZone zone;
    QString premiseAddress;
    QList<ChartSeries> series;

    /// Points shown in all series.
    qsizetype pointCount() const;
    /// True when no series of this period holds a point (the year before does not count).
    bool isEmpty() const;
};

/// Reads usage charts for the customer page: which premises and channels a customer has, and
/// their series over a period. Every call needs ViewCustomers and applies the region rule
/// (Accounts::RegionAccess): a field officer sees a customer only with an account in their
/// region, and only the premises of their region; naming another throws Error(Denied) with a
/// sentence saying so. Reads in one read transaction; series come from SeriesBuilder and are
/// thinned with ChartSampler; the year before is thinned on its own axis and then moved a year on
/// (PeriodComparison), so five years of intervals compare as fast as they draw.
class UsageChartService
{
public:
    UsageChartService(Core::Database &db, const Core::FieldCipher &cipher);

    /// Throws Core::Error: Denied (permission or region), NotFound for an unknown customer.
    ChartScope scope(const Core::UserContext &user, const QString &customerId);
    /// Throws Core::Error: as scope(), NotFound for a premise or channel not of the customer,
    /// BadInput for invalid or reversed dates.
    ChartData load(const Core::UserContext &user, const QString &customerId, const ChartRequest &request);

    /// The resolution a request is drawn at: its own, or the finest whose points over the
    /// period fit maxPoints for the shortest interval among the channels.
    static Resolution resolutionFor(const ChartPremise &premise, const ChartRequest &request);

private:
    ChartScope readScope(const Core::UserContext &user, const QString &customerId);
    /// The same period a year before, thinned, moved onto the request's time axis.
    static ChartSeries yearBefore(SeriesBuilder &builder, const Core::UserContext &user, const ChartChannel &channel,
                                  const QTimeZone &zone, const ChartRequest &request, Resolution resolution);

    Core::Database &m_db;
    const Core::FieldCipher &m_cipher;
};

/// The figures of a chart in words and as files: units, local times, CSV.
class ChartText
{
public:
    /// A value in its display unit: Wh as kWh, varh as kvarh, litres as they are.
    static double displayValue(qint64 value, Accounts::ChannelUnit unit);
    /// "kWh", "kvarh", "L".
    static QString unitSymbol(Accounts::ChannelUnit unit);
    /// The instants a point of `series` stands for as the user reads it: its own, or for the
    /// year before, the real ones of a year earlier (not the axis it is drawn on).
    static std::pair<qint64, qint64> sourceSpan(const ChartSeries &series, const ChartPoint &point,
                                                const QTimeZone &zone);
    /// ISO 8601 local time with its offset ("2024-10-27T01:00:00+01:00"): the repeated hour of
    /// an autumn day stays told apart.
    static QString localIso(qint64 utc, const QTimeZone &zone);
    /// The points shown as CSV, one line per point, header first:
    /// series,meter,channel,unit,start,end,value,readings,expected,estimated
    static QString csv(const ChartData &data);
};

} // namespace Ud::Usage
