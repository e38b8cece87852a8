#pragma once

#include "veecalendar.h"
#include "veeengine.h"

#include <QHash>

#include <vector>

namespace Ud::Metering {

/// The findings of one run, at most VeeSettings::maxFindingsPerRule per rule: take() says
/// whether to build the message at all (a million negative readings must not build a million
/// sentences); finish() adds one finding per rule that counts the ones left out.
class VeeFindingSink
{
public:
    explicit VeeFindingSink(int maxPerRule) : m_max(maxPerRule) {}

    /// Counts a finding of `rule` for [startUtc, endUtc); true when its message is wanted.
    bool take(const QString &rule, VeeFinding::Severity severity, qint64 startUtc, qint64 endUtc);
    void add(VeeFinding finding) { m_findings.append(std::move(finding)); }
    /// take() and, when wanted, add() with the message built by `message()`.
    template<typename Message>
    void report(const QString &rule, VeeFinding::Severity severity, qint64 startUtc, qint64 endUtc, qint64 line,
                Message message)
    {
        if (take(rule, severity, startUtc, endUtc))
            add({rule, severity, startUtc, endUtc, line, message()});
    }
    bool hasReject() const { return m_reject; }
    /// The findings in time order, with the counts of those left out.
    QList<VeeFinding> finish();

private:
    struct Count {
        int count = 0;
        VeeFinding::Severity severity = VeeFinding::Severity::Flag;
        qint64 firstSkipped = 0;
        qint64 lastSkippedEnd = 0;
    };
    int m_max;
    bool m_reject = false;
    QList<VeeFinding> m_findings;
    QHash<QString, Count> m_counts;
    QStringList m_order;
};

/// The state of one VeeEngine::run(): the import laid out on the channel's grid of local days,
/// one entry per interval ("slot") from the first to the last local day of the import.
struct VeeWork {
    enum class Slot : quint8 {
        Empty,          ///< no value (absent or Missing in the file)
        Anchor,         ///< first register read of a cumulative series: only a start for the next delta
        Actual,
        SourceEstimated, ///< the file says estimated
        SourceEdited,    ///< the file says edited
        ToEstimate,      ///< a value a rule rejected (see reason), not (yet) estimated; raw value in raw
        Estimated,       ///< estimated here (see method; reason says whether it replaced a value)
    };
    enum Reason : quint8 { NoReason, Negative, HighLimit, Reset };
    enum Method : quint8 { Interpolation, LikeDay, ImportAverage, RegisterSpread };

    VeeWork(const ChannelSeries &series, const VeeChannel &channel, const VeeHistory &history, qint64 nowUtc,
            const VeeSettings &settings);

    const ChannelSeries &series;
    const VeeChannel &channel;
    const VeeHistory &history;
    const qint64 now;
    const VeeSettings &settings;
    const qint64 step;
    const qint64 maxPerInterval;
    VeeFindingSink sink;

    std::optional<VeeCalendar> calendar;
    std::vector<qint64> value; ///< per slot
    std::vector<qint32> source; ///< per slot: index into series.readings, -1 for none
    std::vector<Slot> state;
    std::vector<quint8> reason; ///< per slot: the Reason a rule rejected the file's value, NoReason if none
    std::vector<quint8> method; ///< per slot: the Method of an Estimated slot
    QHash<qint64, qint64> raw; ///< slot -> the file's value a rule replaced
    QHash<qint64, std::pair<qint64, qint64>> resets; ///< slot -> register before and after a reset
    qint64 missingInFile = 0;  ///< readings the file marks Missing
    qint64 spanFirst = 0;      ///< first and last slot with a value from the file; empty span: first > last
    qint64 spanLast = -1;

    bool present(qint64 slot) const
    {
        const Slot s = state[size_t(slot)];
        return s == Slot::Actual || s == Slot::SourceEstimated || s == Slot::SourceEdited || s == Slot::Estimated;
    }
    bool fromFile(qint64 slot) const
    {
        const Slot s = state[size_t(slot)];
        return s == Slot::Actual || s == Slot::SourceEstimated || s == Slot::SourceEdited;
    }
    qint64 slotStart(qint64 slot) const { return calendar->slotStart(slot); }
    /// The end of a slot: start + step, or the end of its local day for a daily channel.
    qint64 slotEnd(qint64 slot) const { return calendar->slotEnd(slot); }
    qint64 lineOf(qint64 slot) const;
    /// "Line 7" / the series' location / empty, to begin a message.
    QString where(qint64 line) const;
    QString localTime(qint64 utc) const { return calendar->localTime(utc); }
    /// "450 Wh"
    QString amount(qint64 value) const;
    static const QString &methodRule(quint8 method);
    static const QString &reasonRule(quint8 reason);
    /// How an estimate was made, for messages: "linear interpolation", "like days", ...
    static QString methodName(quint8 method);
    /// Negative values are real on this channel (net metering, signed reactive energy).
    bool negativeAllowed() const { return channel.netMetered || channel.kind == Accounts::ChannelKind::Reactive; }
};

} // namespace Ud::Metering
