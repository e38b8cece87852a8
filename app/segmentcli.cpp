#include "segmentcli.h"

#include "appcontext.h"

#include <accounts/accountsmodule.h>
#include <accounts/segmentcount.h>
#include <core/usercontext.h>
#include <segments/segmentservice.h>
#include <segments/segmentsmodule.h>

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QSaveFile>

namespace Ud::App::Cli {

namespace {

using Segments::SegmentService;

QString csv(const QString &field)
{
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n'))
        && !field.contains(QLatin1Char('\r')))
        return field;
    QString quoted = field;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString timeText(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

SegmentService &service(AppContext &context)
{
    return context.module<Segments::SegmentsModule>()->segments();
}

/// The customer ids of a file of customer numbers: one a line; blank lines and lines starting
/// with # are skipped. A number that is no customer is bad input naming the file and line.
QStringList customerIds(SegmentService &segments, const QString &option, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        throw Core::Error(Core::Error::Kind::BadInput, Tr::tr("%1: cannot read the file %2: %3.").arg(option, path, file.errorString()));
    QStringList numbers;
    QList<int> lines;
    int line = 0;
    while (!file.atEnd()) {
        ++line;
        const QString text = QString::fromUtf8(file.readLine()).trimmed();
        if (text.isEmpty() || text.startsWith(QLatin1Char('#')))
            continue;
        numbers << text;
        lines << line;
    }
    const QHash<QString, QString> ids = segments.customerIdsByNumber(Core::UserContext::operatingSystemUser(), numbers);
    QStringList result;
    for (qsizetype i = 0; i < numbers.size(); ++i) {
        const auto id = ids.constFind(numbers.at(i));
        if (id == ids.constEnd()) {
            throw Core::Error(Core::Error::Kind::BadInput, Tr::tr("%1: %2 line %3: no customer has the number %4.")
                                                               .arg(option, path)
                                                               .arg(lines.at(i))
                                                               .arg(numbers.at(i)));
        }
        result << *id;
    }
    return result;
}

int runSave(const Parsed &p, QTextStream &out)
{
    if (p.words.size() != 3)
        throw usage(Tr::tr("Write: utilitydesk segment save NAME --rule \"RULE\" (the name in quotes if it has spaces)."));
    allowOnly(p, {QStringLiteral("--rule"), QStringLiteral("--description"), QStringLiteral("--include"),
                  QStringLiteral("--exclude"), QStringLiteral("--control"), QStringLiteral("--refresh-hours")});
    std::optional<std::optional<int>> hours;
    if (p.has(QStringLiteral("--refresh-hours"))) {
        const QString text = p.options.value(QStringLiteral("--refresh-hours"));
        hours = text == QLatin1String("none") ? std::optional<int>() : std::optional<int>(int(number(p, QStringLiteral("--refresh-hours"), 0, 1, 8760)));
    }
    AppContext context(databaseUrl(p));
    context.open();
    SegmentService &segments = service(context);
    const auto user = Core::UserContext::operatingSystemUser();

    // Options left out keep what the current version has.
    Segments::SegmentDefinition d;
    d.name = p.words.at(2);
    bool exists = true;
    try {
        d = segments.load(user, d.name).definition;
    } catch (const Core::Error &e) {
        if (e.kind() != Core::Error::Kind::NotFound)
            throw;
        exists = false;
    }
    if (!exists && !p.has(QStringLiteral("--rule")))
        throw usage(Tr::tr("A new segment needs --rule \"RULE\"."));
    if (p.has(QStringLiteral("--rule")))
        d.ruleText = p.options.value(QStringLiteral("--rule"));
    if (p.has(QStringLiteral("--description")))
        d.description = p.options.value(QStringLiteral("--description"));
    if (p.has(QStringLiteral("--control")))
        d.controlPercent = int(number(p, QStringLiteral("--control"), 0, 0, 100));
    if (p.has(QStringLiteral("--include")))
        d.includeCustomerIds = customerIds(segments, QStringLiteral("--include"), p.options.value(QStringLiteral("--include")));
    if (p.has(QStringLiteral("--exclude")))
        d.excludeCustomerIds = customerIds(segments, QStringLiteral("--exclude"), p.options.value(QStringLiteral("--exclude")));

    const Segments::SaveResult saved = segments.save(user, d);
    const QString name = saved.saved.definition.name;
    if (saved.created)
        out << Tr::tr("Created the segment %1 (version 1).").arg(name) << Qt::endl;
    else if (saved.changed)
        out << Tr::tr("Saved version %1 of the segment %2.").arg(saved.saved.version).arg(name) << Qt::endl;
    else
        out << Tr::tr("The segment %1 is already saved like this (version %2).").arg(name).arg(saved.saved.version) << Qt::endl;
    out << Tr::tr("Rule: %1").arg(saved.saved.definition.ruleText) << Qt::endl;
    if (hours) {
        const Segments::Segment before = segments.segment(user, saved.saved.segmentId);
        if (before.refreshHours != *hours) {
            segments.setRefreshInterval(user, saved.saved.segmentId, *hours);
            out << (*hours ? Tr::tr("Refreshed every %n hour(s).", nullptr, **hours) : Tr::tr("Refreshed on demand only."))
                << Qt::endl;
        }
    }
    return 0;
}

int runList(const Parsed &p, QTextStream &out)
{
    if (p.words.size() != 2)
        throw usage(Tr::tr("\"segment list\" takes no further words."));
    allowOnly(p, {});
    AppContext context(databaseUrl(p));
    context.open();
    const QList<Segments::Segment> rows = service(context).list(Core::UserContext::operatingSystemUser());
    out << "name,version,control_percent,refresh_hours,refreshed_at,refreshed_version,members,control" << Qt::endl;
    for (const Segments::Segment &s : rows) {
        out << csv(s.name) << ',' << s.currentVersion << ',' << s.controlPercent << ','
            << (s.refreshHours ? QString::number(*s.refreshHours) : QString()) << ','
            << (s.refreshedAt ? QDateTime::fromSecsSinceEpoch(*s.refreshedAt, Qt::UTC).toString(Qt::ISODate) : QString()) << ','
            << (s.refreshedVersion ? QString::number(*s.refreshedVersion) : QString()) << ','
            << (s.memberCount ? QString::number(*s.memberCount) : QString()) << ','
            << (s.controlCount ? QString::number(*s.controlCount) : QString()) << Qt::endl;
    }
    return 0;
}

int runShow(const Parsed &p, QTextStream &out)
{
    if (p.words.size() != 3)
        throw usage(Tr::tr("Write: utilitydesk segment show NAME [--version N]."));
    allowOnly(p, {QStringLiteral("--version")});
    const std::optional<int> version = p.has(QStringLiteral("--version"))
                                           ? std::optional<int>(int(number(p, QStringLiteral("--version"), 1, 1, 1000000)))
                                           : std::nullopt;
    AppContext context(databaseUrl(p));
    context.open();
    SegmentService &segments = service(context);
    const auto user = Core::UserContext::operatingSystemUser();
    const Segments::SegmentVersion v = segments.load(user, p.words.at(2), version);
    const Segments::Segment s = segments.segment(user, v.segmentId);
    const Segments::SegmentDefinition &d = v.definition;
    const QHash<QString, QString> numbers = segments.customerNumbersById(user, d.includeCustomerIds + d.excludeCustomerIds);
    const auto list = [&](const QStringList &ids) {
        QStringList shown;
        for (const QString &id : ids)
            shown << numbers.value(id, id);
        shown.sort();
        return shown.isEmpty() ? Tr::tr("none") : shown.join(QStringLiteral(", "));
    };
    out << Tr::tr("Segment: %1").arg(s.name) << (s.archived ? Tr::tr(" (archived)") : QString()) << Qt::endl;
    out << Tr::tr("Version: %1 of %2, saved %3 by %4").arg(v.version).arg(s.currentVersion).arg(timeText(v.savedAt), v.savedBy)
        << Qt::endl;
    out << Tr::tr("Rule: %1").arg(d.ruleText) << Qt::endl;
    if (!d.description.isEmpty())
        out << Tr::tr("Description: %1").arg(d.description) << Qt::endl;
    out << Tr::tr("Control group: %1%").arg(d.controlPercent) << Qt::endl;
    out << Tr::tr("Include: %1").arg(list(d.includeCustomerIds)) << Qt::endl;
    out << Tr::tr("Exclude: %1").arg(list(d.excludeCustomerIds)) << Qt::endl;
    out << (s.refreshHours ? Tr::tr("Refresh: every %n hour(s)", nullptr, *s.refreshHours) : Tr::tr("Refresh: on demand"))
        << Qt::endl;
    if (s.refreshedAt) {
        out << Tr::tr("Last refreshed: %1 by %2 from version %3: %4 members, %5 in the control group")
                   .arg(timeText(*s.refreshedAt), s.refreshedBy)
                   .arg(s.refreshedVersion.value_or(0))
                   .arg(s.memberCount.value_or(0))
                   .arg(s.controlCount.value_or(0))
            << Qt::endl;
    } else {
        out << Tr::tr("Last refreshed: never") << Qt::endl;
    }
    out << Tr::tr("Versions:") << Qt::endl;
    const QList<Segments::SegmentVersion> versions = segments.versions(user, v.segmentId);
    for (const Segments::SegmentVersion &each : versions)
        out << QStringLiteral("  %1  %2  %3  %4").arg(each.version).arg(timeText(each.savedAt), each.savedBy, each.definition.ruleText)
            << Qt::endl;
    return 0;
}

QString refreshLine(const Segments::RefreshResult &r)
{
    return Tr::tr("Refreshed %1 (version %2): %3 members, %4 in the control group.")
        .arg(r.name)
        .arg(r.version)
        .arg(r.members)
        .arg(r.control);
}

int runRefresh(const Parsed &p, QTextStream &out, QTextStream &err)
{
    const bool due = p.has(QStringLiteral("--due"));
    if (due ? p.words.size() != 2 : p.words.size() != 3)
        throw usage(Tr::tr("Write: utilitydesk segment refresh NAME, or segment refresh --due."));
    allowOnly(p, {QStringLiteral("--due")});
    AppContext context(databaseUrl(p));
    context.open();
    SegmentService &segments = service(context);
    const auto user = Core::UserContext::operatingSystemUser();
    if (!due) {
        out << refreshLine(segments.refresh(user, p.words.at(2))) << Qt::endl;
        return 0;
    }
    const QList<Segments::RefreshResult> results = segments.refreshDue(user);
    if (results.isEmpty())
        out << Tr::tr("No segment is due for a refresh.") << Qt::endl;
    int failures = 0;
    for (const Segments::RefreshResult &r : results) {
        if (r.error.isEmpty()) {
            out << refreshLine(r) << Qt::endl;
        } else {
            ++failures;
            err << QStringLiteral("utilitydesk: ") << Tr::tr("%1 was not refreshed: %2").arg(r.name, r.error) << Qt::endl;
        }
    }
    return failures ? 1 : 0;
}

int runExport(const Parsed &p, QTextStream &out)
{
    if (p.words.size() != 3)
        throw usage(Tr::tr("Write: utilitydesk segment export NAME [--output FILE] [--group all|test|control]."));
    allowOnly(p, {QStringLiteral("--output"), QStringLiteral("--group")});
    const QString groupText = p.options.value(QStringLiteral("--group"), QStringLiteral("all"));
    const std::optional<Segments::MemberGroup> group = Segments::memberGroupFromKey(groupText);
    if (!group) {
        throw Core::Error(Core::Error::Kind::BadInput,
                          Tr::tr("--group must be all, test or control, not \"%1\".").arg(groupText));
    }
    AppContext context(databaseUrl(p));
    context.open();
    SegmentService &segments = service(context);
    const auto user = Core::UserContext::operatingSystemUser();
    const QString name = segments.segment(user, p.words.at(2)).name; // an unknown segment fails before any file is made
    if (p.has(QStringLiteral("--output"))) {
        const QString path = p.options.value(QStringLiteral("--output"));
        // Written whole or not at all: the file appears only once the export is complete.
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            throw Core::Error(Core::Error::Kind::BadInput, Tr::tr("--output: cannot write the file %1: %2.").arg(path, file.errorString()));
        const qint64 rows = segments.exportCsv(user, name, file, *group);
        if (!file.commit())
            throw Core::Error(Core::Error::Kind::BadInput, Tr::tr("--output: cannot write the file %1: %2.").arg(path, file.errorString()));
        out << Tr::tr("Wrote %n member(s) of %1 to %2.", nullptr, int(rows)).arg(name, path) << Qt::endl;
        return 0;
    }
    out.flush();
    if (out.device()) {
        segments.exportCsv(user, name, *out.device(), *group);
    } else {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        segments.exportCsv(user, name, buffer, *group);
        out << QString::fromUtf8(bytes);
    }
    return 0;
}

} // namespace

int runSegment(const Parsed &p, QTextStream &out, QTextStream &err)
{
    const QString sub = p.words.value(1);
    if (sub == QLatin1String("save"))
        return runSave(p, out);
    if (sub == QLatin1String("list"))
        return runList(p, out);
    if (sub == QLatin1String("show"))
        return runShow(p, out);
    if (sub == QLatin1String("refresh"))
        return runRefresh(p, out, err);
    if (sub == QLatin1String("export"))
        return runExport(p, out);
    if (sub != QLatin1String("count") || p.words.size() != 3)
        throw usage(Tr::tr("Write: utilitydesk segment count \"RULE\" (the rule in quotes, as one word), or segment save, "
                           "list, show, refresh or export."));
    allowOnly(p, {});
    AppContext context(databaseUrl(p));
    context.open();
    const qint64 n = context.module<Accounts::AccountsModule>()->segmentCount().count(
        Core::UserContext::operatingSystemUser(), p.words.at(2));
    out << n << Qt::endl;
    return 0;
}

QString segmentHelpText()
{
    return Tr::tr("  segment count \"RULE\"                  count the customers a segment rule picks, e.g.\n"
                  "                                        'class = \"residential\" and has appliance \"solar_pv\"'\n"
                  "                                        (docs/rules.md lists the attributes)\n"
                  "  segment save NAME --rule \"RULE\" [--description TEXT] [--include FILE] [--exclude FILE]\n"
                  "               [--control PCT] [--refresh-hours N|none]\n"
                  "                                        save a segment, or a new version of it; a rule may name\n"
                  "                                        other segments: has segment \"NAME\"; --include/--exclude:\n"
                  "                                        files of customer numbers, one a line, always or never\n"
                  "                                        members; --control: the percent held back as a control\n"
                  "                                        group; options left out keep the current version's values\n"
                  "  segment list                          list the segments as CSV, with their last refresh\n"
                  "  segment show NAME [--version N]       show a segment's definition and its versions\n"
                  "  segment refresh NAME | --due          store a segment's members now, or those of every segment\n"
                  "                                        whose --refresh-hours have passed\n"
                  "  segment export NAME [--output FILE] [--group all|test|control]\n"
                  "                                        write the members as CSV (customer_number, name, class,\n"
                  "                                        region, group) to standard output or FILE; refreshes a\n"
                  "                                        segment that was never refreshed\n");
}

} // namespace Ud::App::Cli
