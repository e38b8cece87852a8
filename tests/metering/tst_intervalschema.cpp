// The interval store's schema across migration 0005: a database at schema 4 with interval data
// keeps its rows, and meters and interval_days then admit daily readings (1440 minutes) and
// nothing else new.

#include <metering/readingstore.h>

#include <core/error.h>
#include <core/ids.h>
#include <core/migrator.h>
#include <core/sqlquery.h>
#include <core/transaction.h>

#include "testdatabase.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace Ud;
using Core::SqlQuery;
using Metering::Quality;
using Metering::ReadingStore;

namespace {

/// Applies the migrations up to `version` the way Migrator does, and records them.
void migrateTo(Core::Database &db, int version)
{
    Core::Migrator migrator(db);
    QSqlDatabase c = db.connection();
    SqlQuery::run(c, QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                                    "name TEXT NOT NULL, applied_at BIGINT NOT NULL)"));
    for (const Core::Migrator::Migration &m : migrator.available()) {
        if (m.version > version)
            break;
        Core::Transaction tx(db);
        for (const QString &statement : Core::Migrator::splitStatements(m.sql))
            SqlQuery::run(c, statement);
        SqlQuery(c, QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, 0)"))
            .bind(QStringLiteral(":v"), m.version)
            .bind(QStringLiteral(":n"), m.name)
            .exec();
        tx.commit();
    }
}

struct Ids {
    QString meter;
    QString channel;
};

/// A customer, premise, account, service point, 30-minute meter and import channel, as schema 4 has them.
Ids insertMeter(Core::Database &db, const QString &serial)
{
    QSqlDatabase c = db.connection();
    const QString customer = Core::newId(), premise = Core::newId(), account = Core::newId();
    const QString servicePoint = Core::newId();
    const Ids ids{Core::newId(), Core::newId()};
    SqlQuery(c, QStringLiteral("INSERT INTO customers (id, customer_number, class, full_name, created_at, updated_at) "
                               "VALUES (:id, :n, 'residential', 'Ada Test', 0, 0)"))
        .bind(QStringLiteral(":id"), customer).bind(QStringLiteral(":n"), QStringLiteral("C-") + serial).exec();
    SqlQuery(c, QStringLiteral("INSERT INTO premises (id, address_line1, country, time_zone) "
                               "VALUES (:id, '1 Test Street', 'GB', 'Europe/London')"))
        .bind(QStringLiteral(":id"), premise).exec();
    SqlQuery(c, QStringLiteral("INSERT INTO accounts (id, account_number, customer_id, premise_id, market_code, "
                               "payment_type, status, opened_on) VALUES (:id, :n, :c, :p, 'GB', 'postpaid', "
                               "'active', '2026-01-01')"))
        .bind(QStringLiteral(":id"), account).bind(QStringLiteral(":n"), QStringLiteral("A-") + serial)
        .bind(QStringLiteral(":c"), customer).bind(QStringLiteral(":p"), premise).exec();
    SqlQuery(c, QStringLiteral("INSERT INTO service_points (id, premise_id, account_id, commodity, identifier) "
                               "VALUES (:id, :p, :a, 'gas', :n)"))
        .bind(QStringLiteral(":id"), servicePoint).bind(QStringLiteral(":p"), premise)
        .bind(QStringLiteral(":a"), account).bind(QStringLiteral(":n"), QStringLiteral("SP-") + serial).exec();
    SqlQuery(c, QStringLiteral("INSERT INTO meters (id, service_point_id, serial, commodity, interval_minutes, installed_on) "
                               "VALUES (:id, :sp, :s, 'gas', 30, '2026-01-01')"))
        .bind(QStringLiteral(":id"), ids.meter).bind(QStringLiteral(":sp"), servicePoint)
        .bind(QStringLiteral(":s"), serial).exec();
    SqlQuery(c, QStringLiteral("INSERT INTO meter_channels (id, meter_id, channel, unit) VALUES (:id, :m, 'import', 'Wh')"))
        .bind(QStringLiteral(":id"), ids.channel).bind(QStringLiteral(":m"), ids.meter).exec();
    return ids;
}

/// Inserts a bare interval_days row; empty on success, else what the database said.
QString insertDay(Core::Database &db, const QString &channel, const QString &day, int minutes)
{
    try {
        SqlQuery(db.connection(), QStringLiteral(
            "INSERT INTO interval_days (channel_id, local_day, interval_minutes, reading_count, readings, quality, "
            "day_total, present_count, updated_at) VALUES (:c, :d, :i, 1, :r, :q, 7, 1, 0)"))
            .bind(QStringLiteral(":c"), channel)
            .bind(QStringLiteral(":d"), day)
            .bind(QStringLiteral(":i"), minutes)
            .bind(QStringLiteral(":r"), QByteArray("\x07\0\0\0\0\0\0\0", 8))
            .bind(QStringLiteral(":q"), QByteArray(1, char(Quality::Actual)))
            .exec();
        return {};
    } catch (const Core::Error &e) {
        return e.message() + QLatin1Char(' ') + e.detail();
    }
}

QString setMeterInterval(Core::Database &db, const QString &meter, int minutes)
{
    try {
        SqlQuery(db.connection(), QStringLiteral("UPDATE meters SET interval_minutes = :i WHERE id = :id"))
            .bind(QStringLiteral(":i"), minutes)
            .bind(QStringLiteral(":id"), meter)
            .exec();
        return {};
    } catch (const Core::Error &e) {
        return e.message() + QLatin1Char(' ') + e.detail();
    }
}

/// The refusal of a CHECK constraint (SQLite: "CHECK constraint failed", PostgreSQL: "violates check constraint").
bool isCheckViolation(const QString &error)
{
    return error.contains(QLatin1String("check constraint"), Qt::CaseInsensitive);
}

} // namespace

class TestIntervalSchema : public QObject
{
    Q_OBJECT

private slots:
    void schemaFourDataSurvivesAndDailyIsAdmitted_data() { Test::addBackendRows(); }
    void schemaFourDataSurvivesAndDailyIsAdmitted()
    {
        QFETCH(QString, backend);
        if (!Test::backendAvailable(backend))
            QSKIP("PostgreSQL tests need UD_TEST_PG_URL (the test command sets it)");
        Test::TestDatabase t(backend, /*migrate=*/false);
        migrateTo(t.db(), 4);
        const Ids old = insertMeter(t.db(), QStringLiteral("G-1"));
        // Schema 4 knows 5..60 minutes only.
        QVERIFY(isCheckViolation(insertDay(t.db(), old.channel, QStringLiteral("2026-01-01"), 1440)));
        QVERIFY(isCheckViolation(setMeterInterval(t.db(), old.meter, 1440)));
        QCOMPARE(insertDay(t.db(), old.channel, QStringLiteral("2026-01-02"), 30), QString());

        QCOMPARE(Core::Migrator(t.db()).migrate(), int(Core::Migrator(t.db()).available().size()) - 4);

        // The row is kept, with no estimates, and its primary key still holds.
        SqlQuery row(t.db().connection(), QStringLiteral(
            "SELECT local_day, interval_minutes, reading_count, readings, day_total, present_count, estimated_count "
            "FROM interval_days WHERE channel_id = :c"));
        row.bind(QStringLiteral(":c"), old.channel).exec();
        QVERIFY(row.next());
        QCOMPARE(row.value(0).toString(), QStringLiteral("2026-01-02"));
        QCOMPARE(row.value(1).toInt(), 30);
        QCOMPARE(row.value(2).toInt(), 1);
        QCOMPARE(row.value(3).toByteArray(), QByteArray("\x07\0\0\0\0\0\0\0", 8));
        QCOMPARE(row.value(4).toLongLong(), 7);
        QCOMPARE(row.value(5).toInt(), 1);
        QCOMPARE(row.value(6).toInt(), 0);
        QVERIFY(!row.next());
        QVERIFY(!insertDay(t.db(), old.channel, QStringLiteral("2026-01-02"), 30).isEmpty());
        // Deleting the channel still cascades to its days.
        const Ids other = insertMeter(t.db(), QStringLiteral("G-2"));
        QCOMPARE(insertDay(t.db(), other.channel, QStringLiteral("2026-01-02"), 1440), QString());
        SqlQuery(t.db().connection(), QStringLiteral("DELETE FROM meter_channels WHERE id = :c"))
            .bind(QStringLiteral(":c"), other.channel)
            .exec();
        QCOMPARE(SqlQuery(t.db().connection(), QStringLiteral("SELECT COUNT(*) FROM interval_days")).scalar().toInt(), 1);

        // Daily is admitted, 20 minutes is not, on the meter and on its days.
        QCOMPARE(setMeterInterval(t.db(), old.meter, 1440), QString());
        QVERIFY(isCheckViolation(setMeterInterval(t.db(), old.meter, 20)));
        QCOMPARE(insertDay(t.db(), old.channel, QStringLiteral("2026-01-03"), 1440), QString());
        QVERIFY(isCheckViolation(insertDay(t.db(), old.channel, QStringLiteral("2026-01-04"), 20)));
    }

    void storeWritesDailyRowsAfterMigrating_data() { Test::addBackendRows(); }
    void storeWritesDailyRowsAfterMigrating()
    {
        UD_TEST_DATABASE(t);
        const Ids ids = insertMeter(t.db(), QStringLiteral("G-3"));
        QCOMPARE(setMeterInterval(t.db(), ids.meter, 1440), QString());
        ReadingStore store(t.db());
        const QTimeZone london(QByteArrayLiteral("Europe/London"));
        const qint64 midnight = QDate(2026, 3, 29).startOfDay(london).toSecsSinceEpoch();
        QCOMPARE(store.write(ids.channel, london, 1440, {{midnight, 47'000, Quality::Actual}}, QStringLiteral("gas.xml"))
                     .inserted,
                 1);
        SqlQuery row(t.db().connection(), QStringLiteral("SELECT interval_minutes, reading_count FROM interval_days"));
        row.exec();
        QVERIFY(row.next());
        QCOMPARE(row.value(0).toInt(), 1440);
        QCOMPARE(row.value(1).toInt(), 1);
        QVERIFY(isCheckViolation(insertDay(t.db(), ids.channel, QStringLiteral("2026-03-30"), 20)));
    }
};

QTEST_GUILESS_MAIN(TestIntervalSchema)
#include "tst_intervalschema.moc"
