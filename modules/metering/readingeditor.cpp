#include "readingeditor.h"

#include "meterdirectory.h"
#include "veeengine.h"
#include "veesettings.h"

#include <core/auditlog.h>
#include <core/clock.h>
#include <core/error.h>
#include <core/module.h>
#include <core/transaction.h>
#include <core/usercontext.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QSettings>

namespace Ud::Metering {

using Core::Error;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::ReadingEditor)
};

QString qualityKey(Quality q)
{
    switch (q) {
    case Quality::Actual: return QStringLiteral("actual");
    case Quality::Estimated: return QStringLiteral("estimated");
    case Quality::Edited: return QStringLiteral("edited");
    case Quality::Missing: return QStringLiteral("missing");
    }
    return {};
}
} // namespace

ReadingEditor::ReadingEditor(Core::Context &context) : m_context(context) {}

ReadingStore::Reading ReadingEditor::edit(const Core::UserContext &user, const Edit &e)
{
    user.require(Core::Permission::ImportMeterData);
    if (e.reason.trimmed().isEmpty())
        throw Error(Error::Kind::BadInput, Tr::tr("Reason: say why the value is changed; it is kept in the audit log."));
    Core::Transaction tx(m_context.database);
    MeterDirectory directory(m_context.database);
    const auto meter = directory.meter(e.meter);
    if (!meter)
        throw Error(Error::Kind::NotFound, Tr::tr("There is no meter %1.").arg(e.meter));
    const auto binding = directory.find(meter->serial, {}, e.kind);
    if (!binding)
        throw Error(Error::Kind::NotFound,
                    Tr::tr("Meter %1 has no %2 channel.").arg(meter->serial, Accounts::channelKindName(e.kind)));
    const QTimeZone zone = binding->zone.isValid() ? binding->zone : QTimeZone::utc();
    const qint64 step = qint64(binding->intervalMinutes) * 60;

    ReadingStore store(m_context.database, m_context.clock);
    std::optional<ReadingStore::Reading> before;
    for (const auto &r : store.read(binding->channelId, zone, e.startUtc, e.startUtc + step)) {
        if (r.startUtc == e.startUtc)
            before = r;
    }

    VeeChannel channel;
    channel.commodity = binding->commodity;
    channel.kind = binding->kind;
    channel.unit = binding->unit;
    channel.intervalMinutes = binding->intervalMinutes;
    channel.zone = zone;
    channel.netMetered = binding->netMetered;
    const auto checked = VeeEngine::edit(channel, e.startUtc, e.value, before ? std::optional<qint64>(before->value)
                                                                              : std::nullopt,
                                         m_context.clock.nowSecs(), VeeSettings::load(QSettings()));
    if (checked.rejected() || !checked.reading) {
        for (const VeeFinding &f : checked.findings) {
            if (f.severity == VeeFinding::Severity::Reject)
                throw Error(Error::Kind::BadInput, f.message);
        }
        throw Error(Error::Kind::BadInput, Tr::tr("The value cannot be stored."));
    }
    const CheckedReading &r = *checked.reading;
    ReadingStore::ChannelWrite write{binding->channelId, zone, binding->intervalMinutes,
                                     {{r.startUtc, r.value, Quality::Edited}},
                                     {{r.startUtc, QStringLiteral("manual"), r.rawValue}}};
    store.write({write}, Tr::tr("manual edit by %1").arg(user.userName()));

    const QString at = QDateTime::fromSecsSinceEpoch(e.startUtc, zone).toString(Qt::ISODate);
    QJsonObject beforeJson{{QStringLiteral("meter"), meter->serial},
                           {QStringLiteral("channel"), Accounts::channelKindKey(e.kind)},
                           {QStringLiteral("interval_start"), at}};
    QJsonObject afterJson = beforeJson;
    if (before) {
        beforeJson.insert(QStringLiteral("value"), before->value);
        beforeJson.insert(QStringLiteral("quality"), qualityKey(before->quality));
    } else {
        beforeJson.insert(QStringLiteral("quality"), qualityKey(Quality::Missing));
    }
    afterJson.insert(QStringLiteral("value"), r.value);
    afterJson.insert(QStringLiteral("quality"), qualityKey(Quality::Edited));
    afterJson.insert(QStringLiteral("reason"), e.reason.trimmed());
    m_context.audit.record(user, QStringLiteral("meter_data.edit"), QStringLiteral("meter_channel"), binding->channelId,
                           beforeJson, afterJson);
    tx.commit();
    return {r.startUtc, r.value, Quality::Edited};
}

} // namespace Ud::Metering
