// `utilitydesk usage refresh` through the real binary, on both databases: after an upgrade
// left the stored days without their usage summaries (and no profiles), the command rebuilds
// them, says what it did, shows progress on standard error, records it in the audit log, and
// the usage segment attributes answer again; extra words are a usage error.

#include "clirun.h"
#include "../metering/meteringfixture.h"

#include <testdatabase.h>

#include <core/sqlquery.h>
#include <metering/readingstore.h>

#include <QDateTime>
#include <QFile>
#include <QTest>

using namespace Ud;

namespace {
using Test::Run;
using Test::utilitydesk;

qint64 scalar(Core::Database &db, const QString &sql)
{
    Core::SqlQuery q(db.connection(), sql);
    q.exec();
    return q.next() ? q.value(0).toLongLong() : -1;
}
} // namespace

class TestUsageCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("UD_BINARY")), "UD_BINARY must name the built utilitydesk");
        Test::installTestMasterKey();
    }

    void refreshRebuildsSummariesAndProfiles_data() { Test::addBackendRows(); }
    void refreshRebuildsSummariesAndProfiles()
    {
        UD_TEST_DATABASE(t);
        // One customer with a London meter and a day of last month (by the real clock, which
        // the binary uses): half hour s holds s + 1 Wh, 1176 Wh in all, 292 in the peak hours.
        Test::MeteringFixture f(t.db());
        const QString channel = f.channelOf(f.addMeter(QStringLiteral("CLI1"), QStringLiteral("Europe/London"), 30));
        const QDate today = QDateTime::currentDateTimeUtc().date();
        const QDate day = QDate(today.year(), today.month(), 1).addMonths(-1).addDays(9);
        const QTimeZone london(QByteArrayLiteral("Europe/London"));
        QList<Metering::ReadingStore::Reading> readings;
        for (int s = 0; s < 48; ++s)
            readings.append({day.startOfDay(london).toSecsSinceEpoch() + s * 1800, s + 1, Metering::Quality::Actual});
        Metering::ReadingStore(t.db()).write(channel, london, 30, readings, QStringLiteral("test"));
        const QString checksum = QStringLiteral(
            "SELECT COALESCE(SUM(peak_total), -1) + COALESCE(SUM(night_total), -1) + COALESCE(SUM(max_value), -1) "
            "+ COUNT(max_demand) FROM interval_months");
        QCOMPARE(scalar(t.db(), checksum), 292 + 105 + 48 + 1);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT wh_01 FROM customer_usage_profiles")), 1176);

        // As a database upgraded from before the usage summaries looks.
        Core::SqlQuery::run(t.db().connection(), QStringLiteral("UPDATE interval_days SET peak_total = NULL, night_total = NULL, max_value = NULL"));
        Core::SqlQuery::run(t.db().connection(), QStringLiteral(
            "UPDATE interval_months SET peak_total = NULL, night_total = NULL, max_value = NULL, max_demand = NULL"));
        Core::SqlQuery::run(t.db().connection(), QStringLiteral("DELETE FROM customer_usage_profiles"));
        Core::SqlQuery::run(t.db().connection(), QStringLiteral("DELETE FROM customer_usage_periods"));
        const QString rule = QStringLiteral("usage.peak_share(last 1 month) between 0.248299 and 0.2483");
        QCOMPARE(utilitydesk(t.url(), {QStringLiteral("segment"), QStringLiteral("count"), rule}).out, QStringLiteral("0\n"));

        const Run refresh = utilitydesk(t.url(), {QStringLiteral("usage"), QStringLiteral("refresh")});
        QCOMPARE(refresh.code, 0);
        QVERIFY2(refresh.err.contains(QLatin1String("Refreshing usage profiles: 100%")), qPrintable(refresh.err));
        const QString through = QDateTime::currentDateTimeUtc().date().addMonths(-1).toString(QStringLiteral("yyyy-MM"));
        QCOMPARE(refresh.out, QStringLiteral("Summarised 1 stored days of readings on 1 channels.\n"
                                             "Recomputed the usage profiles of 1 customers through %1.\n").arg(through));
        QCOMPARE(scalar(t.db(), checksum), 292 + 105 + 48 + 1);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'usage.refresh'")), 1);
        // 292 / 1176 = 0.248299...: the customer is back in the segment.
        const Run counted = utilitydesk(t.url(), {QStringLiteral("segment"), QStringLiteral("count"), rule});
        QCOMPARE(counted.err, QString());
        QCOMPARE(counted.out, QStringLiteral("1\n"));
        // With the profile attributes of the accounts module in the same rule.
        const Run mixed = utilitydesk(t.url(), {QStringLiteral("segment"), QStringLiteral("count"),
                                                rule + QStringLiteral(" and class in (\"residential\", \"commercial\", "
                                                                      "\"industrial\", \"agricultural\")")});
        QCOMPARE(mixed.err, QString());
        QCOMPARE(mixed.out, QStringLiteral("1\n"));

        // Nothing left to summarise: a second run only recomputes.
        const Run again = utilitydesk(t.url(), {QStringLiteral("usage"), QStringLiteral("refresh")});
        QCOMPARE(again.code, 0);
        QCOMPARE(again.out, QStringLiteral("Recomputed the usage profiles of 1 customers through %1.\n").arg(through));
    }

    void extraWordsAreAUsageError_data() { Test::addBackendRows(); }
    void extraWordsAreAUsageError()
    {
        UD_TEST_DATABASE(t);
        const Run bad = utilitydesk(t.url(), {QStringLiteral("usage"), QStringLiteral("refresh"), QStringLiteral("now")});
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains(QLatin1String("\"usage refresh\" takes no further words.")), qPrintable(bad.err));
        const Run help = utilitydesk(t.url(), {QStringLiteral("--help")});
        QVERIFY2(help.out.contains(QLatin1String("usage refresh")), qPrintable(help.out));
    }
};

QTEST_GUILESS_MAIN(TestUsageCli)
#include "tst_usagecli.moc"
