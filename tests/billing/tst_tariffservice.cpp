// TariffService on both databases: an import stores the tariff and its versions, the list
// shows the version in force, versionOn picks by date, a later file adds versions (ending the
// open one), an overlap or a mistake stores nothing, permissions and the audit entry.

#include "../accounts/accountsfixture.h"

#include <billing/billingmodule.h>
#include <billing/tariffjson.h>
#include <billing/tariffservice.h>
#include <core/sqlquery.h>

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

using namespace Ud;
using namespace Ud::Billing;
using Test::errorOf;

namespace {

QString dataFile(const QString &name)
{
    const QString root = qEnvironmentVariable("UD_SOURCE_DIR");
    if (!root.isEmpty())
        return root + QStringLiteral("/tests/data/tariffs/") + name;
    return QFINDTESTDATA(QStringLiteral("../data/tariffs/") + name);
}

QByteArray readData(const QString &name)
{
    QFile f(dataFile(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return f.readAll();
}

qint64 at(int y, int m, int d)
{
    return QDateTime(QDate(y, m, d), QTime(12, 0), QTimeZone::utc()).toSecsSinceEpoch();
}

/// The GB tariff under a new name with one flat-rate version from `from` (to `to`, if given).
QByteArray gbVersion(const char *from, const char *to, const char *name = "Smart Saver time of use")
{
    QByteArray range = QByteArray("\"effectiveFrom\": \"") + from + '"';
    if (to)
        range += QByteArray(", \"effectiveTo\": \"") + to + '"';
    return QByteArray(R"({"code": "GB-TOU-2025", "name": ")") + name + R"(", "market": "GB", "currency": "GBP",
        "customerClasses": ["residential"], "kind": "postpaid", "versions": [{)" + range + R"(,
        "components": [{"type": "standing_charge", "perDay": "0.55"}, {"type": "flat_rate", "perKwh": "0.2699"}]}]})";
}

struct Fixture : Test::AccountsFixture {
    explicit Fixture(Core::Database &db) : AccountsFixture(db) { billing.initialize(context); }
    TariffService &tariffs() { return billing.tariffs(); }
    static Core::UserContext admin() { return Core::UserContext::operatingSystemUser(); }

    QVariant scalar(const QString &sql)
    {
        return Core::SqlQuery(database.connection(), sql).scalar();
    }
    /// "from..to" of the GB tariff's stored versions, oldest first ("..." for no end).
    QStringList storedRanges()
    {
        Core::SqlQuery q(database.connection(), QStringLiteral(
            "SELECT v.effective_from, v.effective_to FROM tariff_versions v JOIN tariffs t ON t.id = v.tariff_id "
            "WHERE t.code = 'GB-TOU-2025' ORDER BY v.effective_from"));
        q.exec();
        QStringList list;
        while (q.next())
            list << q.value(0).toString() + QStringLiteral("..") + (q.value(1).isNull() ? QStringLiteral("...") : q.value(1).toString());
        return list;
    }

    BillingModule billing;
};

} // namespace

class TestTariffService : public QObject
{
    Q_OBJECT

private slots:
    void importStoresAndLists_data() { Test::addBackendRows(); }
    void importStoresAndLists()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        f.clock.set(at(2025, 5, 1));
        const TariffImport gb = f.tariffs().importFile(f.businessUser(), dataFile(QStringLiteral("gb-tou.json")));
        QVERIFY(gb.created);
        QCOMPARE(gb.added.size(), 2);
        f.tariffs().importFile(f.businessUser(), dataFile(QStringLiteral("es-prepaid.json")));

        Core::SqlQuery q(t.db().connection(), QStringLiteral(
            "SELECT code, name, market_code, currency, classes, kind, created_at FROM tariffs ORDER BY code"));
        q.exec();
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ES-PREPAGO-BASICO"));
        QCOMPARE(q.value(1).toString(), QStringLiteral("Prepago Básico"));
        QCOMPARE(q.value(5).toString(), QStringLiteral("prepaid"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("GB-TOU-2025"));
        QCOMPARE(q.value(2).toString(), QStringLiteral("GB"));
        QCOMPARE(q.value(3).toString(), QStringLiteral("GBP"));
        QCOMPARE(q.value(4).toString(), QStringLiteral("residential commercial"));
        QCOMPARE(q.value(5).toString(), QStringLiteral("postpaid"));
        QCOMPARE(q.value(6).toLongLong(), at(2025, 5, 1));
        QVERIFY(!q.next());
        QCOMPARE(f.storedRanges(), (QStringList{QStringLiteral("2025-01-01..2025-03-31"), QStringLiteral("2025-04-01.....")}));

        // What comes back from the database is what the file says, to the micro.
        const Tariff stored = f.tariffs().get(f.agent(), QStringLiteral("GB"), QStringLiteral("GB-TOU-2025"));
        QCOMPARE(stored.versions, TariffJson::parse(readData(QStringLiteral("gb-tou.json"))).versions);
        QCOMPARE(stored.id, gb.tariff.id);

        const auto rows = f.tariffs().list(f.agent());
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).code, QStringLiteral("ES-PREPAGO-BASICO"));
        QCOMPARE(rows.at(0).currentFrom, QDate(2025, 1, 1));
        QCOMPARE(rows.at(1).code, QStringLiteral("GB-TOU-2025"));
        QCOMPARE(rows.at(1).versionCount, 2);
        QCOMPARE(rows.at(1).currentFrom, QDate(2025, 4, 1));
        QCOMPARE(rows.at(1).customerClasses,
                 (QList<Accounts::CustomerClass>{Accounts::CustomerClass::Residential, Accounts::CustomerClass::Commercial}));

        f.clock.set(at(2024, 12, 31));
        QCOMPARE(f.tariffs().list(f.agent()).at(1).currentFrom, QDate());

        QCOMPARE(errorOf(Core::Error::Kind::NotFound, [&] { f.tariffs().get(f.agent(), QStringLiteral("ES"), QStringLiteral("GB-TOU-2025")); }),
                 QStringLiteral("There is no tariff GB-TOU-2025 in the market ES."));
    }

    void versionOnPicksByDate_data() { Test::addBackendRows(); }
    void versionOnPicksByDate()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        f.tariffs().importFile(f.admin(), dataFile(QStringLiteral("gb-tou.json")));
        const auto standing = [&](const QDate &day) -> qint64 {
            const auto v = f.tariffs().versionOn(f.agent(), QStringLiteral("GB"), QStringLiteral("GB-TOU-2025"), day);
            return v ? std::get<StandingCharge>(v->components.at(0)).microsPerDay : -1;
        };
        QCOMPARE(standing(QDate(2024, 12, 31)), -1);
        QCOMPARE(standing(QDate(2025, 1, 1)), 533500);
        QCOMPARE(standing(QDate(2025, 3, 31)), 533500);
        QCOMPARE(standing(QDate(2025, 4, 1)), 513750);
        QCOMPARE(standing(QDate(2031, 7, 1)), 513750);
    }

    void reimportAddsVersion_data() { Test::addBackendRows(); }
    void reimportAddsVersion()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        const QString file = dataFile(QStringLiteral("gb-tou.json"));
        const TariffImport first = f.tariffs().importFile(f.businessUser(), file);
        const qint64 entries = f.audit.count(f.admin());

        // The same file again: nothing new, nothing written, no audit entry.
        const TariffImport again = f.tariffs().importFile(f.businessUser(), file);
        QVERIFY(!again.created);
        QVERIFY(!again.changed);
        QCOMPARE(again.unchanged.size(), 2);
        QCOMPARE(f.audit.count(f.admin()), entries);
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM tariffs")).toInt(), 1);

        // New prices from 2026: the open version ends the day before, the tariff is renamed.
        const TariffImport next = f.tariffs().importJson(f.businessUser(), gbVersion("2026-01-01", nullptr, "Smart Saver 2026"),
                                                         QStringLiteral("gb-2026.json"));
        QVERIFY(!next.created);
        QVERIFY(next.changed);
        QCOMPARE(next.added.size(), 1);
        QCOMPARE(next.ended.size(), 1);
        QCOMPARE(next.ended.at(0).effectiveTo, std::optional<QDate>(QDate(2025, 12, 31)));
        QCOMPARE(next.tariff.id, first.tariff.id);
        QCOMPARE(f.storedRanges(), (QStringList{QStringLiteral("2025-01-01..2025-03-31"),
                                                QStringLiteral("2025-04-01..2025-12-31"), QStringLiteral("2026-01-01.....")}));
        QCOMPARE(f.scalar(QStringLiteral("SELECT name FROM tariffs")).toString(), QStringLiteral("Smart Saver 2026"));
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM tariffs")).toInt(), 1);
        const auto v = f.tariffs().versionOn(f.agent(), QStringLiteral("GB"), QStringLiteral("GB-TOU-2025"), QDate(2026, 2, 1));
        QVERIFY(v);
        QCOMPARE(std::get<FlatRate>(v->components.at(1)).microsPerKwh, 269900);

        // The audit entry says what changed.
        const auto newest = f.audit.list(f.admin(), 1).at(0);
        QCOMPARE(newest.action, QStringLiteral("tariff.update"));
        QCOMPARE(newest.entity, QStringLiteral("tariff"));
        QCOMPARE(newest.entityId, first.tariff.id);
        QCOMPARE(newest.actor, QStringLiteral("bob"));
        const QJsonObject after = QJsonDocument::fromJson(newest.afterJson.toUtf8()).object();
        QCOMPARE(after.value(QStringLiteral("name")).toString(), QStringLiteral("Smart Saver 2026"));
        QCOMPARE(after.value(QStringLiteral("versions_added")).toArray().at(0).toObject().value(QStringLiteral("effective_from")).toString(),
                 QStringLiteral("2026-01-01"));
        QCOMPARE(after.value(QStringLiteral("versions_ended")).toArray().at(0).toObject().value(QStringLiteral("effective_to")).toString(),
                 QStringLiteral("2025-12-31"));
        QCOMPARE(after.value(QStringLiteral("source")).toString(), QStringLiteral("gb-2026.json"));
        const QJsonObject before = QJsonDocument::fromJson(newest.beforeJson.toUtf8()).object();
        QCOMPARE(before.value(QStringLiteral("name")).toString(), QStringLiteral("Smart Saver time of use"));
    }

    void overlapRefused_data() { Test::addBackendRows(); }
    void overlapRefused()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        f.tariffs().importFile(f.admin(), dataFile(QStringLiteral("gb-tou.json")));
        const qint64 entries = f.audit.count(f.admin());
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.tariffs().importJson(f.businessUser(), gbVersion("2025-03-01", "2025-05-31", "Renamed"),
                                            QStringLiteral("gb-spring.json"));
                 }),
                 QStringLiteral("gb-spring.json: versions[0]: 2025-03-01 to 2025-05-31 overlaps the stored version of "
                                "GB-TOU-2025 2025-01-01 to 2025-03-31; give dates that do not share a day with it."));
        // An earlier start than an open version is a clash too: only a later one ends it.
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] {
                     f.tariffs().importJson(f.businessUser(), gbVersion("2024-06-01", nullptr), QStringLiteral("gb-old.json"));
                 }),
                 QStringLiteral("gb-old.json: versions[0]: from 2024-06-01 with no end overlaps the stored version of "
                                "GB-TOU-2025 2025-01-01 to 2025-03-31; give dates that do not share a day with it."));
        QCOMPARE(f.storedRanges(), (QStringList{QStringLiteral("2025-01-01..2025-03-31"), QStringLiteral("2025-04-01.....")}));
        QCOMPARE(f.scalar(QStringLiteral("SELECT name FROM tariffs")).toString(), QStringLiteral("Smart Saver time of use"));
        QCOMPARE(f.audit.count(f.admin()), entries);
    }

    void badFilesStoreNothing_data() { Test::addBackendRows(); }
    void badFilesStoreNothing()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        QByteArray offBoundary = readData(QStringLiteral("gb-tou.json"));
        offBoundary.replace("\"start\": \"07:00\", \"end\": \"16:00\"", "\"start\": \"07:15\", \"end\": \"16:00\"");
        QCOMPARE(errorOf(Core::Error::Kind::BadInput,
                         [&] { f.tariffs().importJson(f.admin(), offBoundary, QStringLiteral("gb.json")); }),
                 QStringLiteral("gb.json: versions[1].components[1].seasons[0].days[0].bands[1].start: \"07:15\" is not on "
                                "a half-hour boundary; use 07:00 or 07:30."));
        QByteArray france = gbVersion("2025-01-01", nullptr);
        france.replace("\"market\": \"GB\"", "\"market\": \"FR\"");
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] { f.tariffs().importJson(f.admin(), france, QStringLiteral("fr.json")); }),
                 QStringLiteral("fr.json: market: \"FR\" is not a market here; use one of CN, DE, ES, GB."));
        QByteArray euros = gbVersion("2025-01-01", nullptr);
        euros.replace("\"currency\": \"GBP\"", "\"currency\": \"EUR\"");
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] { f.tariffs().importJson(f.admin(), euros, QStringLiteral("eur.json")); }),
                 QStringLiteral("eur.json: currency: \"EUR\" is not the currency of the market GB; its amounts are in GBP."));
        QCOMPARE(errorOf(Core::Error::Kind::BadInput,
                         [&] { f.tariffs().importFile(f.admin(), QStringLiteral("/nonexistent/gb.json")); }),
                 QStringLiteral("Cannot read the tariff file /nonexistent/gb.json: No such file or directory."));
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM tariffs")).toInt(), 0);
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM tariff_versions")).toInt(), 0);

        // A prepaid tariff stays prepaid.
        f.tariffs().importJson(f.admin(), gbVersion("2025-01-01", "2025-12-31"), QStringLiteral("gb.json"));
        QByteArray prepaid = gbVersion("2026-01-01", nullptr);
        prepaid.replace("\"kind\": \"postpaid\"", "\"kind\": \"prepaid\"");
        QCOMPARE(errorOf(Core::Error::Kind::BadInput, [&] { f.tariffs().importJson(f.admin(), prepaid, QStringLiteral("pp.json")); }),
                 QStringLiteral("pp.json: kind: the tariff GB-TOU-2025 is stored as postpaid; a file cannot make it prepaid."));
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM tariff_versions")).toInt(), 1);
    }

    void permissionsAndAudit_data() { Test::addBackendRows(); }
    void permissionsAndAudit()
    {
        UD_TEST_DATABASE(t);
        Fixture f(t.db());
        QCOMPARE(errorOf(Core::Error::Kind::Denied,
                         [&] { f.tariffs().importFile(f.agent(), dataFile(QStringLiteral("gb-tou.json"))); }),
                 QStringLiteral("alice (Agent) may not manage the program catalog."));
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM tariffs")).toInt(), 0);

        const TariffImport es = f.tariffs().importFile(f.businessUser(), dataFile(QStringLiteral("es-prepaid.json")));
        const auto entry = f.audit.list(f.admin(), 1).at(0);
        QCOMPARE(entry.action, QStringLiteral("tariff.create"));
        QCOMPARE(entry.entityId, es.tariff.id);
        QCOMPARE(entry.actor, QStringLiteral("bob"));
        QCOMPARE(entry.beforeJson, QString());
        const QJsonObject after = QJsonDocument::fromJson(entry.afterJson.toUtf8()).object();
        QCOMPARE(after.value(QStringLiteral("code")).toString(), QStringLiteral("ES-PREPAGO-BASICO"));
        QCOMPARE(after.value(QStringLiteral("kind")).toString(), QStringLiteral("prepaid"));
        QCOMPARE(after.value(QStringLiteral("versions_added")).toArray().size(), 1);
        QVERIFY(after.value(QStringLiteral("versions_added")).toArray().at(0).toObject().value(QStringLiteral("effective_to")).isNull());
        QVERIFY(f.audit.verify().intact);

        // Everyone who may view customers may read the tariffs.
        const Core::UserContext fieldOfficer(QStringLiteral("00000000-0000-4000-8000-000000000009"), QStringLiteral("dan"),
                                             Core::Role::FieldOfficer);
        QCOMPARE(f.tariffs().list(fieldOfficer).size(), 1);
        QCOMPARE(f.tariffs().get(f.agent(), QStringLiteral("ES"), QStringLiteral("ES-PREPAGO-BASICO")).kind, TariffKind::Prepaid);
    }
};

QTEST_GUILESS_MAIN(TestTariffService)
#include "tst_tariffservice.moc"
