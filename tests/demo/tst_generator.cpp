#include "testdatabase.h"

#include <billing/billingservice.h>
#include <core/auditlog.h>
#include <core/clock.h>
#include <core/error.h>
#include <core/eventbus.h>
#include <core/fieldcipher.h>
#include <core/keystore.h>
#include <core/module.h>
#include <core/passwordhasher.h>
#include <core/usercontext.h>
#include <core/userservice.h>
#include <demo/generator.h>
#include <metering/intervalday.h>
#include <metering/readingstore.h>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTimeZone>

#include <functional>
#include <memory>
#include <optional>

using namespace Ud;

namespace {

/// The services a Generator needs, over one test database.
struct Services {
    explicit Services(Core::Database &db)
        : audit(db, clock), users(db, audit, clock, Core::PasswordHasher::forTests(1000)),
          cipher(Core::KeyStore::load()), context{db, clock, audit, cipher, events, users}
    {
    }
    Core::Clock clock;
    Core::EventBus events;
    Core::AuditLog audit;
    Core::UserService users;
    Core::FieldCipher cipher;
    Core::Context context;
};

Core::UserContext admin()
{
    return Core::UserContext::operatingSystemUser();
}

std::optional<Core::Error> errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const Core::Error &e) {
        return e;
    }
    return std::nullopt;
}

qint64 scalar(Core::Database &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery q(db.connection());
    if (!q.prepare(sql))
        qFatal("cannot prepare %s", qPrintable(sql));
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        qFatal("cannot run %s", qPrintable(sql));
    return q.value(0).toLongLong();
}

qint64 count(Core::Database &db, const char *table)
{
    return scalar(db, QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table)));
}

QList<QStringList> rows(Core::Database &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        qFatal("cannot prepare %s", qPrintable(sql));
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        qFatal("cannot run %s", qPrintable(sql));
    QList<QStringList> out;
    while (q.next()) {
        QStringList row;
        for (int i = 0; i < q.record().count(); ++i)
            row.append(q.value(i).isNull() ? QStringLiteral("<null>") : q.value(i).toString());
        out.append(row);
    }
    return out;
}

/// Every row of the business tables in id order, the ciphertexts left out (each encryption
/// draws a fresh IV; the blind indexes stand in for the values).
QString dump(Core::Database &db)
{
    const QStringList queries = {
        QStringLiteral("SELECT id, customer_number, class, full_name, given_name, family_name, language, email, "
                       "phone, income_band, credit_band, business_type, household_size, date_of_birth, "
                       "national_id_idx, bank_account_idx, created_at, updated_at FROM customers ORDER BY id"),
        QStringLiteral("SELECT * FROM premises ORDER BY id"),
        QStringLiteral("SELECT * FROM accounts ORDER BY id"),
        QStringLiteral("SELECT * FROM service_points ORDER BY id"),
        QStringLiteral("SELECT * FROM meters ORDER BY id"),
        QStringLiteral("SELECT * FROM meter_channels ORDER BY id"),
        QStringLiteral("SELECT * FROM appliances ORDER BY id"),
        QStringLiteral("SELECT id, customer_id, kind, consent_given, consent_at, notes, recorded_at "
                       "FROM customer_vulnerabilities ORDER BY id"),
        QStringLiteral("SELECT * FROM interactions ORDER BY id"),
    };
    QString out;
    for (const QString &sql : queries) {
        for (const QStringList &row : rows(db, sql))
            out += row.join(QLatin1Char('|')) + QLatin1Char('\n');
        out += QStringLiteral("--\n");
    }
    return out;
}

void checkCounts(Core::Database &db, const Demo::Summary &s)
{
    QCOMPARE(count(db, "customers"), s.customers);
    QCOMPARE(count(db, "premises"), s.premises);
    QCOMPARE(count(db, "accounts"), s.accounts);
    QCOMPARE(count(db, "service_points"), s.servicePoints);
    QCOMPARE(count(db, "meters"), s.meters);
    QCOMPARE(count(db, "meter_channels"), s.channels);
    QCOMPARE(count(db, "appliances"), s.appliances);
    QCOMPARE(count(db, "customer_vulnerabilities"), s.vulnerabilities);
    QCOMPARE(count(db, "interactions"), s.interactions);
}

bool isHan(const QString &text)
{
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        if (c.unicode() < 0x4e00 || c.unicode() > 0x9fff)
            return false;
    }
    return true;
}

bool ibanValid(const QString &iban)
{
    const QString moved = iban.mid(4) + iban.left(4);
    int mod = 0;
    for (const QChar c : moved) {
        if (c.isDigit())
            mod = (mod * 10 + c.digitValue()) % 97;
        else
            mod = (mod * 100 + (c.unicode() - 'A' + 10)) % 97;
    }
    return mod == 1;
}

bool mpanValid(const QString &mpan)
{
    static const int weights[12] = {3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43};
    int sum = 0;
    for (int i = 0; i < 12; ++i)
        sum += mpan.at(i).digitValue() * weights[i];
    return sum % 11 % 10 == mpan.at(12).digitValue();
}

bool chineseIdValid(const QString &id)
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += id.at(i).digitValue() * weights[i];
    return QStringLiteral("10X98765432").at(sum % 11) == id.at(17);
}

/// SQLite: every CHECK and NOT NULL rule holds and no reference dangles (the bulk writer
/// skips re-checking them while it inserts).
void checkSqliteIntegrity(Test::TestDatabase &t)
{
    if (!t.isSqlite())
        return;
    QCOMPARE(rows(t.db(), QStringLiteral("PRAGMA integrity_check")), (QList<QStringList>{{QStringLiteral("ok")}}));
    QVERIFY(rows(t.db(), QStringLiteral("PRAGMA foreign_key_check")).isEmpty());
}

QJsonObject lastDemoAudit(Core::Database &db)
{
    const auto r = rows(db, QStringLiteral("SELECT after_json FROM audit_log WHERE action = 'demo.generate' "
                                           "ORDER BY seq DESC"));
    return r.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(r.first().first().toUtf8()).object();
}

/// One stored day of a channel, unpacked.
struct StoredDay {
    QString channel;
    QDate day;
    int interval = 0;
    Metering::IntervalDay intervals;
    qint64 total = 0;
    int present = 0;
};

/// Stored days joined with what a reader needs to place them: the channel kind and the
/// premise's zone. `where` filters (on d, ch, m, p).
QList<std::pair<StoredDay, QStringList>> storedDays(Core::Database &db, const QString &where,
                                                     const QVariantList &values = {})
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    const QString sql = QStringLiteral(
        "SELECT d.channel_id, d.local_day, d.interval_minutes, d.reading_count, d.readings, d.quality, d.day_total, "
        "d.present_count, ch.channel, p.time_zone, m.commodity FROM interval_days d "
        "JOIN meter_channels ch ON ch.id = d.channel_id JOIN meters m ON m.id = ch.meter_id "
        "JOIN service_points sp ON sp.id = m.service_point_id JOIN premises p ON p.id = sp.premise_id WHERE ")
        + where + QStringLiteral(" ORDER BY d.channel_id, d.local_day");
    if (!q.prepare(sql))
        qFatal("cannot prepare %s", qPrintable(sql));
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        qFatal("cannot run %s", qPrintable(sql));
    QList<std::pair<StoredDay, QStringList>> out;
    while (q.next()) {
        StoredDay d;
        d.channel = q.value(0).toString();
        d.day = QDate::fromString(q.value(1).toString(), Qt::ISODate);
        d.interval = q.value(2).toInt();
        auto unpacked = Metering::IntervalDay::unpack(q.value(3).toInt(), q.value(4).toByteArray(), q.value(5).toByteArray());
        if (!unpacked)
            qFatal("damaged day row");
        d.intervals = *unpacked;
        d.total = q.value(6).toLongLong();
        d.present = q.value(7).toInt();
        out.append({d, {q.value(8).toString(), q.value(9).toString(), q.value(10).toString()}});
    }
    return out;
}

/// Local clock hour (with fractions) at which slot `slot` of a stored day starts.
double localHour(const StoredDay &d, const QTimeZone &zone, int slot)
{
    const qint64 at = d.day.startOfDay(zone).toSecsSinceEpoch() + qint64(slot) * d.interval * 60;
    const QTime t = QDateTime::fromSecsSinceEpoch(at, zone).time();
    return t.hour() + t.minute() / 60.0;
}

/// SHA-256 over every stored reading, day row, month total and channel statistic (except the
/// wall-clock updated_at), in key order.
QByteArray readingsDigest(Core::Database &db, qint64 *dayRows = nullptr)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QStringList queries = {
        QStringLiteral("SELECT channel_id, local_day, interval_minutes, reading_count, readings, quality, day_total, "
                       "present_count, estimated_count FROM interval_days ORDER BY channel_id, local_day"),
        QStringLiteral("SELECT channel_id, month, total, present_count FROM interval_months ORDER BY channel_id, month"),
        QStringLiteral("SELECT channel_id, first_utc, last_utc, days, expected_count, present_count, estimated_count "
                       "FROM channel_stats ORDER BY channel_id"),
    };
    qint64 n = 0;
    for (const QString &sql : queries) {
        QSqlQuery q(db.connection());
        q.setForwardOnly(true);
        if (!q.exec(sql))
            qFatal("cannot run %s", qPrintable(sql));
        while (q.next()) {
            for (int i = 0; i < q.record().count(); ++i) {
                const QVariant v = q.value(i);
                hash.addData(v.typeId() == QMetaType::QByteArray ? v.toByteArray() : v.toString().toUtf8());
                hash.addData(QByteArrayView("|"));
            }
            if (sql == queries.first())
                ++n;
        }
    }
    if (dayRows)
        *dayRows = n;
    return hash.result();
}

} // namespace

class TestGenerator : public QObject
{
    Q_OBJECT

private slots:
    void writesWhatTheSummarySays_data() { Test::addBackendRows(); }
    void writesWhatTheSummarySays()
    {
        UD_TEST_DATABASE(t);
        Services services(t.db());
        Demo::Generator generator(services.context);
        Demo::Options options;
        options.customers = 3000;
        options.batchSize = 1000;
        options.seed = 7;
        const Demo::Summary s = generator.run(admin(), options);

        QCOMPARE(s.customers, 3000);
        checkCounts(t.db(), s);
        checkSqliteIntegrity(t);
        QCOMPARE(s.meters, 3900);  // the default: 1.3 meters per customer, exactly
        QVERIFY(s.accounts > s.customers);
        QVERIFY(s.interactions > s.customers);
        QCOMPARE(s.firstCustomerNumber, QStringLiteral("DC000000001"));
        QCOMPARE(s.lastCustomerNumber, QStringLiteral("DC000003000"));
        QCOMPARE(s.referenceDate, Demo::Generator::referenceDate(7));
        QVERIFY(!s.cancelled);

        // All four classes, mostly households; businesses carry a business type.
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(DISTINCT class) FROM customers")), 4);
        QVERIFY(scalar(t.db(), QStringLiteral("SELECT count(*) FROM customers WHERE class = 'residential'")) > 2400);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM customers WHERE class <> 'residential' "
                                               "AND business_type = ''")), 0);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM customers WHERE class = 'residential' "
                                               "AND (date_of_birth IS NULL OR household_size IS NULL "
                                               "OR income_band = '')")), 0);

        // Markets with their currencies, languages and time zones.
        QVERIFY(scalar(t.db(), QStringLiteral("SELECT count(DISTINCT m.currency) FROM accounts a "
                                              "JOIN markets m ON m.code = a.market_code")) >= 3);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(DISTINCT market_code) FROM accounts")), 4);
        const auto languages = rows(t.db(), QStringLiteral("SELECT DISTINCT a.market_code, c.language FROM accounts a "
                                                           "JOIN customers c ON c.id = a.customer_id ORDER BY 1"));
        QCOMPARE(languages, (QList<QStringList>{{QStringLiteral("CN"), QStringLiteral("zh")},
                                                {QStringLiteral("DE"), QStringLiteral("de")},
                                                {QStringLiteral("ES"), QStringLiteral("es")},
                                                {QStringLiteral("GB"), QStringLiteral("en")}}));
        const auto zones = rows(t.db(), QStringLiteral("SELECT DISTINCT country, time_zone FROM premises ORDER BY 1, 2"));
        QCOMPARE(zones, (QList<QStringList>{{QStringLiteral("CN"), QStringLiteral("Asia/Shanghai")},
                                            {QStringLiteral("DE"), QStringLiteral("Europe/Berlin")},
                                            {QStringLiteral("ES"), QStringLiteral("Atlantic/Canary")},
                                            {QStringLiteral("ES"), QStringLiteral("Europe/Madrid")},
                                            {QStringLiteral("GB"), QStringLiteral("Europe/London")}}));

        // Ids are version-4 UUIDs; phones are E.164.
        const QRegularExpression uuid(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        for (const QStringList &id : rows(t.db(), QStringLiteral("SELECT id FROM customers UNION ALL SELECT id FROM accounts "
                                                                 "UNION ALL SELECT id FROM meters UNION ALL SELECT id FROM interactions")))
            QVERIFY2(uuid.match(id[0]).hasMatch(), qPrintable(id[0]));
        const QRegularExpression e164(QStringLiteral("^\\+[1-9][0-9]{8,13}$"));
        for (const QStringList &phone : rows(t.db(), QStringLiteral("SELECT phone FROM customers")))
            QVERIFY2(e164.match(phone[0]).hasMatch(), qPrintable(phone[0]));

        // Premises lie in their country (one planted exception with swapped coordinates).
        QCOMPARE(scalar(t.db(), QStringLiteral(
                     "SELECT count(*) FROM premises WHERE NOT ("
                     "(country = 'GB' AND latitude BETWEEN 49.9 AND 60.9 AND longitude BETWEEN -8.2 AND 1.8) OR "
                     "(country = 'DE' AND latitude BETWEEN 47.2 AND 55.1 AND longitude BETWEEN 5.8 AND 15.1) OR "
                     "(country = 'CN' AND latitude BETWEEN 18.1 AND 53.6 AND longitude BETWEEN 73.5 AND 134.8) OR "
                     "(country = 'ES' AND latitude BETWEEN 27.6 AND 43.8 AND longitude BETWEEN -18.2 AND 4.4))")),
                 1);

        // Contact summaries in the market's language: Chinese ones in Chinese characters.
        for (const QStringList &summary : rows(t.db(), QStringLiteral("SELECT i.summary FROM interactions i "
                                                                      "JOIN accounts a ON a.id = i.account_id "
                                                                      "WHERE a.market_code = 'CN'")))
            QVERIFY2(summary[0].contains(QRegularExpression(QStringLiteral("\\p{Han}"))), qPrintable(summary[0]));
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(DISTINCT reason) FROM interactions")), 8);

        // Chinese households have names in Chinese characters, family name first.
        const auto chinese = rows(t.db(), QStringLiteral("SELECT c.full_name, c.family_name, c.given_name FROM customers c "
                                                         "JOIN accounts a ON a.customer_id = c.id "
                                                         "WHERE a.market_code = 'CN' AND c.class = 'residential'"));
        QVERIFY(chinese.size() > 300);
        for (const QStringList &name : chinese) {
            QVERIFY2(isHan(name[0]), qPrintable(name[0]));
            QCOMPARE(name[0], name[1] + name[2]);
        }

        // Addresses and postcodes in each country's format; network codes nest.
        const QRegularExpression postcode[] = {
            QRegularExpression(QStringLiteral("^GB [A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$")),
            QRegularExpression(QStringLiteral("^DE [0-9]{5}$")),
            QRegularExpression(QStringLiteral("^CN [0-9]{6}$")),
            QRegularExpression(QStringLiteral("^ES [0-9]{5}$")),
        };
        const QRegularExpression network(QStringLiteral("^SUB-([A-Z]{3})-([0-9]{2})\\|FDR-\\1-\\2-([0-9])\\|"
                                                        "TX-\\1-\\2-\\3-[0-9]{1,2}$"));
        for (const QStringList &p : rows(t.db(), QStringLiteral("SELECT country, postcode, substation, feeder, "
                                                                "transformer, address_line1, latitude FROM premises"))) {
            const QString pc = p[0] + QLatin1Char(' ') + p[1];
            bool matched = false;
            for (const QRegularExpression &re : postcode)
                matched = matched || re.match(pc).hasMatch();
            QVERIFY2(matched, qPrintable(pc));
            const QString codes = p[2] + QLatin1Char('|') + p[3] + QLatin1Char('|') + p[4];
            QVERIFY2(network.match(codes).hasMatch(), qPrintable(codes));
            if (p[0] == QLatin1String("CN"))
                QVERIFY2(p[5].endsWith(QStringLiteral("号")) && p[5].contains(QStringLiteral("市")), qPrintable(p[5]));
        }

        // GB electricity service points carry valid MPANs.
        const auto mpans = rows(t.db(), QStringLiteral("SELECT sp.identifier FROM service_points sp "
                                                       "JOIN premises p ON p.id = sp.premise_id "
                                                       "WHERE p.country = 'GB' AND sp.commodity = 'electricity'"));
        QVERIFY(mpans.size() > 500);
        for (const QStringList &m : mpans) {
            QVERIFY2(QRegularExpression(QStringLiteral("^[0-9]{13}$")).match(m[0]).hasMatch() && mpanValid(m[0]),
                     qPrintable(m[0]));
        }

        // Electricity meters at 15, 30 and 60 minutes; gas and water hourly.
        const auto intervals = rows(t.db(), QStringLiteral("SELECT DISTINCT commodity, interval_minutes FROM meters "
                                                           "ORDER BY 1, 2"));
        QCOMPARE(intervals, (QList<QStringList>{{QStringLiteral("electricity"), QStringLiteral("15")},
                                                {QStringLiteral("electricity"), QStringLiteral("30")},
                                                {QStringLiteral("electricity"), QStringLiteral("60")},
                                                {QStringLiteral("gas"), QStringLiteral("60")},
                                                {QStringLiteral("water"), QStringLiteral("60")}}));

        // Export channels only where there is solar PV; all but the planted one have it.
        const QString solarPremise = QStringLiteral("EXISTS (SELECT 1 FROM appliances ap WHERE ap.premise_id = sp.premise_id "
                                                    "AND ap.kind = 'solar_pv')");
        const qint64 exports = scalar(t.db(), QStringLiteral("SELECT count(*) FROM meter_channels WHERE channel = 'export'"));
        QVERIFY(exports > 50);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM meter_channels ch JOIN meters m ON m.id = ch.meter_id "
                                               "JOIN service_points sp ON sp.id = m.service_point_id "
                                               "WHERE ch.channel = 'export' AND NOT ") + solarPremise), 0);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM premises p WHERE EXISTS (SELECT 1 FROM appliances ap "
                                               "WHERE ap.premise_id = p.id AND ap.kind = 'solar_pv') AND NOT EXISTS "
                                               "(SELECT 1 FROM service_points sp JOIN meters m ON m.service_point_id = sp.id "
                                               "JOIN meter_channels ch ON ch.meter_id = m.id "
                                               "WHERE sp.premise_id = p.id AND ch.channel = 'export')")),
                 1);

        // Appliances that belong: pumps on farms, boilers only where gas is supplied.
        QVERIFY(scalar(t.db(), QStringLiteral("SELECT count(*) FROM appliances ap JOIN accounts a ON a.premise_id = ap.premise_id "
                                              "JOIN customers c ON c.id = a.customer_id "
                                              "WHERE ap.kind = 'agricultural_pump' AND c.class = 'agricultural'")) > 30);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM appliances ap WHERE ap.kind = 'gas_boiler' AND NOT EXISTS "
                                               "(SELECT 1 FROM service_points sp WHERE sp.premise_id = ap.premise_id "
                                               "AND sp.commodity = 'gas')")), 0);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(DISTINCT kind) FROM appliances")), 10);

        // Contacts fall inside the history span.
        const qint64 end = QDateTime(s.referenceDate, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM interactions WHERE at < ? OR at >= ?"),
                        {end - 30 * 86400, end}), 0);
        // Accounts opened and meters installed before it.
        const QString start = s.referenceDate.addDays(-30).toString(Qt::ISODate);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM accounts WHERE opened_on >= ?"), {start}), 0);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM meters WHERE installed_on >= ?"), {start}), 0);

        // Vulnerability flags for a few percent, mostly with consent.
        const qint64 flagged = scalar(t.db(), QStringLiteral("SELECT count(DISTINCT customer_id) FROM customer_vulnerabilities"));
        QVERIFY2(flagged > 90 && flagged < 450, qPrintable(QString::number(flagged)));
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(DISTINCT kind) FROM customer_vulnerabilities")), 7);
        QVERIFY(scalar(t.db(), QStringLiteral("SELECT count(*) FROM customer_vulnerabilities WHERE consent_at IS NOT NULL")) > flagged / 2);

        // Prepaid and postpaid, and more than one status.
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(DISTINCT payment_type) FROM accounts")), 2);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(DISTINCT status) FROM accounts")), 4);

        // One audit entry with the options and the counts.
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'demo.generate'")), 1);
        const QJsonObject audit = lastDemoAudit(t.db());
        QCOMPARE(audit.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
        QCOMPARE(audit.value(QStringLiteral("options")).toObject().value(QStringLiteral("seed")).toString(), QStringLiteral("7"));
        QCOMPARE(audit.value(QStringLiteral("written")).toObject().value(QStringLiteral("meters")).toInteger(), s.meters);
        QCOMPARE(audit.value(QStringLiteral("written")).toObject().value(QStringLiteral("interactions")).toInteger(),
                 s.interactions);
    }

    void plantedAnomaliesCanBeFound_data() { Test::addBackendRows(); }
    void plantedAnomaliesCanBeFound()
    {
        UD_TEST_DATABASE(t);
        Services services(t.db());
        Demo::Options options;
        options.customers = 2000;
        options.seed = 3;
        const Demo::Summary s = Demo::Generator(services.context).run(admin(), options);
        QCOMPARE(s.anomalies.size(), 8);
        const QJsonArray planted = lastDemoAudit(t.db()).value(QStringLiteral("anomalies")).toArray();
        QCOMPARE(planted.size(), 8);
        QSet<QString> kinds;
        for (const QJsonValue &v : planted) {
            const QJsonObject a = v.toObject();
            const QString kind = a.value(QStringLiteral("kind")).toString();
            const QString number = a.value(QStringLiteral("customer_number")).toString();
            kinds.insert(kind);
            QVERIFY(s.anomalies.join(QLatin1Char('\n')).contains(number));
            const QVariantList n{number};
            if (kind == QLatin1String("solar_without_export")) {
                QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM customers c JOIN accounts a ON a.customer_id = c.id "
                                                       "JOIN appliances ap ON ap.premise_id = a.premise_id AND ap.kind = 'solar_pv' "
                                                       "JOIN service_points sp ON sp.account_id = a.id AND sp.commodity = 'electricity' "
                                                       "JOIN meters m ON m.service_point_id = sp.id "
                                                       "WHERE c.customer_number = ? AND NOT EXISTS (SELECT 1 FROM meter_channels ch "
                                                       "WHERE ch.meter_id = m.id AND ch.channel = 'export')"), n), 1);
            } else if (kind == QLatin1String("meter_on_closed_account")) {
                QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM customers c JOIN accounts a ON a.customer_id = c.id "
                                                       "JOIN service_points sp ON sp.account_id = a.id "
                                                       "JOIN meters m ON m.service_point_id = sp.id "
                                                       "WHERE c.customer_number = ? AND a.status = 'closed' "
                                                       "AND m.removed_on IS NULL"), n) > 0, true);
            } else if (kind == QLatin1String("duplicate_phone")) {
                const QString other = a.value(QStringLiteral("other_customer_number")).toString();
                const auto phones = rows(t.db(), QStringLiteral("SELECT phone, full_name FROM customers WHERE customer_number "
                                                                "IN (?, ?)"), {number, other});
                QCOMPARE(phones.size(), 2);
                QCOMPARE(phones[0][0], phones[1][0]);
                QVERIFY(phones[0][1] != phones[1][1]);
            } else if (kind == QLatin1String("life_support_on_prepaid")) {
                QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM customers c JOIN accounts a ON a.customer_id = c.id "
                                                       "JOIN customer_vulnerabilities v ON v.customer_id = c.id "
                                                       "WHERE c.customer_number = ? AND a.payment_type = 'prepaid' "
                                                       "AND a.status = 'active' AND v.kind = 'life_support'"), n), 1);
            } else if (kind == QLatin1String("swapped_coordinates")) {
                // Latitude and longitude of the planted premise are those of its neighbours, crossed.
                const auto own = rows(t.db(), QStringLiteral("SELECT p.latitude, p.longitude, p.city, p.id FROM customers c "
                                                             "JOIN accounts a ON a.customer_id = c.id "
                                                             "JOIN premises p ON p.id = a.premise_id "
                                                             "WHERE c.customer_number = ? ORDER BY a.account_number"), n);
                const auto city = rows(t.db(), QStringLiteral("SELECT avg(latitude), avg(longitude) FROM premises "
                                                              "WHERE city = ? AND id <> ?"), {own[0][2], own[0][3]});
                QVERIFY(std::abs(own[0][0].toDouble() - city[0][1].toDouble()) < 1.0);
                QVERIFY(std::abs(own[0][1].toDouble() - city[0][0].toDouble()) < 1.0);
            } else {
                // Interval anomalies: on the import channel of the household's main electricity
                // meter (its first channel), on the day the sentence and the audit name.
                const QDate day = QDate::fromString(a.value(QStringLiteral("day")).toString(), Qt::ISODate);
                QVERIFY(day.isValid());
                QVERIFY(s.anomalies.join(QLatin1Char('\n')).contains(day.toString(Qt::ISODate)));
                const QString channel = rows(t.db(), QStringLiteral(
                    "SELECT ch.id FROM customers c JOIN accounts a ON a.customer_id = c.id "
                    "JOIN service_points sp ON sp.account_id = a.id JOIN meters m ON m.service_point_id = sp.id "
                    "JOIN meter_channels ch ON ch.meter_id = m.id WHERE c.customer_number = ? "
                    "AND m.commodity = 'electricity' AND ch.channel = 'import' ORDER BY ch.id"), n).value(0).value(0);
                QVERIFY(!channel.isEmpty());
                const auto days = storedDays(t.db(), QStringLiteral("d.channel_id = ?"), {channel});
                QMap<QDate, StoredDay> byDay;
                for (const auto &[d, info] : days)
                    byDay.insert(d.day, d);
                QVERIFY(byDay.contains(day.addDays(-1)));
                QVERIFY(byDay.value(day.addDays(-1)).total > 0);
                if (kind == QLatin1String("interval_gap_day")) {
                    // No row at all that day, rows either side; the meter's statistics count the gap.
                    QVERIFY(!byDay.contains(day));
                    QVERIFY(byDay.contains(day.addDays(1)));
                    QCOMPARE(scalar(t.db(), QStringLiteral("SELECT days FROM channel_stats WHERE channel_id = ?"), {channel}),
                             qint64(byDay.size()));
                } else if (kind == QLatin1String("interval_zero_run")) {
                    for (int k = 0; k < 3; ++k) {
                        const StoredDay d = byDay.value(day.addDays(k));
                        QVERIFY(d.day.isValid());
                        QCOMPARE(d.total, 0);
                        QCOMPARE(d.present, d.intervals.count());  // present, and zero
                    }
                    QVERIFY(byDay.value(day.addDays(3)).total > 0);
                } else if (kind == QLatin1String("interval_spike")) {
                    const StoredDay d = byDay.value(day);
                    const QTimeZone zone(days.first().second.value(1).toLatin1());
                    qint64 spike = 0, otherMax = 0;
                    for (int slot = 0; slot < d.intervals.count(); ++slot) {
                        if (localHour(d, zone, slot) == 3.0)
                            spike = d.intervals.value(slot);
                        else
                            otherMax = std::max(otherMax, d.intervals.value(slot));
                    }
                    QCOMPARE(spike, 50000);
                    QVERIFY2(otherMax * 5 < spike, qPrintable(QString::number(otherMax)));
                } else {
                    QFAIL(qPrintable(kind));
                }
            }
        }
        QCOMPARE(kinds.size(), 8);
    }

    void encryptsNationalIdsAndBankAccounts_data() { Test::addBackendRows(); }
    void encryptsNationalIdsAndBankAccounts()
    {
        UD_TEST_DATABASE(t);
        Services services(t.db());
        Demo::Options options;
        options.customers = 1500;
        Demo::Generator(services.context).run(admin(), options);

        const QRegularExpression formats[] = {
            QRegularExpression(QStringLiteral("^GB [A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]$")),
            QRegularExpression(QStringLiteral("^DE [1-9][0-9]{10}$")),
            QRegularExpression(QStringLiteral("^CN [1-6][0-9]{5}(19|20)[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}[0-9X]$")),
            QRegularExpression(QStringLiteral("^ES ([0-9]{8}|[XYZ][0-9]{7})[TRWAGMYFPDXBNJZSQVHLCKE]$")),
        };
        QSqlQuery q(t.db().connection());
        QVERIFY(q.exec(QStringLiteral("SELECT c.id, c.national_id_enc, c.national_id_idx, c.bank_account_enc, "
                                      "c.bank_account_idx, c.date_of_birth, a.market_code FROM customers c "
                                      "JOIN accounts a ON a.customer_id = c.id")));
        int ids = 0, banks = 0;
        QSet<QString> seen;
        while (q.next()) {
            const QString id = q.value(0).toString();
            if (seen.contains(id))
                continue;
            seen.insert(id);
            const QString market = q.value(6).toString();
            if (!q.value(1).isNull()) {
                const QByteArray stored = q.value(1).toByteArray();
                const QString plain = services.cipher.decrypt(stored, QStringLiteral("customers"),
                                                              QStringLiteral("national_id"), id);
                bool matched = false;
                for (const QRegularExpression &re : formats)
                    matched = matched || re.match(market + QLatin1Char(' ') + plain).hasMatch();
                QVERIFY2(matched, qPrintable(market + QLatin1Char(' ') + plain));
                QVERIFY(!stored.contains(plain.toLatin1()));
                QCOMPARE(q.value(2).toString(), services.cipher.blindIndex(plain, QStringLiteral("customers"),
                                                                           QStringLiteral("national_id")));
                if (market == QLatin1String("CN")) {
                    QVERIFY(chineseIdValid(plain));
                    // The birth date inside the number is the customer's.
                    QCOMPARE(plain.mid(6, 8), q.value(5).toString().remove(QLatin1Char('-')));
                }
                ++ids;
            } else {
                QVERIFY(q.value(2).isNull());
            }
            if (!q.value(3).isNull()) {
                const QByteArray stored = q.value(3).toByteArray();
                const QString plain = services.cipher.decrypt(stored, QStringLiteral("customers"),
                                                              QStringLiteral("bank_account"), id);
                QVERIFY(!stored.contains(plain.toLatin1()));
                if (market == QLatin1String("CN"))
                    QVERIFY2(QRegularExpression(QStringLiteral("^62[0-9]{17}$")).match(plain).hasMatch(), qPrintable(plain));
                else
                    QVERIFY2(plain.startsWith(market) && ibanValid(plain), qPrintable(plain));
                QCOMPARE(q.value(4).toString(), services.cipher.blindIndex(plain, QStringLiteral("customers"),
                                                                           QStringLiteral("bank_account")));
                ++banks;
            }
        }
        QVERIFY2(ids > 300 && ids < 1000, qPrintable(QString::number(ids)));
        QVERIFY2(banks > 300, qPrintable(QString::number(banks)));
        // A value moved to another customer no longer decrypts.
        const auto two = rows(t.db(), QStringLiteral("SELECT id FROM customers WHERE national_id_enc IS NOT NULL ORDER BY id"));
        QSqlQuery enc(t.db().connection());
        enc.prepare(QStringLiteral("SELECT national_id_enc FROM customers WHERE id = ?"));
        enc.addBindValue(two[0][0]);
        QVERIFY(enc.exec() && enc.next());
        const auto error = errorOf([&] {
            services.cipher.decrypt(enc.value(0).toByteArray(), QStringLiteral("customers"), QStringLiteral("national_id"),
                                    two[1][0]);
        });
        QVERIFY(error.has_value());
    }

    void sameSeedSameData_data() { Test::addBackendRows(); }
    void sameSeedSameData()
    {
        QFETCH(QString, backend);
        if (!Test::backendAvailable(backend))
            QSKIP("PostgreSQL tests need UD_TEST_PG_URL (the test command sets it)");
        auto generate = [&](quint64 seed, int batchSize) {
            Test::TestDatabase t(backend);
            Services services(t.db());
            Demo::Options options;
            options.customers = 700;
            options.meters = 1000;
            options.days = 45;
            options.seed = seed;
            options.batchSize = batchSize;
            const Demo::Summary s = Demo::Generator(services.context).run(admin(), options);
            [&] { QCOMPARE(s.meters, 1000); }();
            return dump(t.db());
        };
        const QString first = generate(42, 5000);
        const QString again = generate(42, 64);  // batches do not change the data
        const QString other = generate(43, 5000);
        QVERIFY(first.size() > 100000);
        QVERIFY(first == again);
        QVERIFY(first != other);
    }

    void sameSeedSameReadings_data() { Test::addBackendRows(); }
    void sameSeedSameReadings()
    {
        QFETCH(QString, backend);
        if (!Test::backendAvailable(backend))
            QSKIP("PostgreSQL tests need UD_TEST_PG_URL (the test command sets it)");
        // Every readings BLOB, quality byte, day total, month total and statistic: identical for
        // the same seed, whatever the batches (and with them the chunks and threads); other
        // readings for another seed.
        auto generate = [&](quint64 seed, int batchSize, qint64 &dayRows) {
            Test::TestDatabase t(backend);
            Services services(t.db());
            Demo::Options options;
            options.customers = 600;
            options.days = 40;
            options.seed = seed;
            options.batchSize = batchSize;
            const Demo::Summary s = Demo::Generator(services.context).run(admin(), options);
            const QByteArray digest = readingsDigest(t.db(), &dayRows);
            [&] { QCOMPARE(dayRows, s.intervalDays); }();
            return digest;
        };
        qint64 rowsFirst = 0, rowsAgain = 0, rowsOther = 0;
        const QByteArray first = generate(42, 5000, rowsFirst);
        const QByteArray again = generate(42, 97, rowsAgain);
        const QByteArray other = generate(43, 5000, rowsOther);
        QVERIFY(rowsFirst > 600 * 40);
        QCOMPARE(rowsAgain, rowsFirst);
        QCOMPARE(again.toHex(), first.toHex());
        QVERIFY(other != first);
    }

    void intervalDataForEveryMeter_data() { Test::addBackendRows(); }
    void intervalDataForEveryMeter()
    {
        UD_TEST_DATABASE(t);
        Services services(t.db());
        Demo::Options options;
        options.customers = 400;
        options.days = 35;
        options.seed = 99;  // the history ends on 10 April 2025, over the spring change of 30 March
        options.electricityInterval = 15;
        const Demo::Summary s = Demo::Generator(services.context).run(admin(), options);
        const QDate end = s.referenceDate;
        QCOMPARE(end, QDate(2025, 4, 10));
        const QDate start = end.addDays(-35);

        // Every channel has a row for every day it was installed and not yet removed (all
        // meters were installed before the history), less the one planted gap day.
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM meter_channels ch WHERE NOT EXISTS "
                                               "(SELECT 1 FROM interval_days d WHERE d.channel_id = ch.id)")), 0);
        const auto expected = rows(t.db(), QStringLiteral(
            "SELECT ch.id, m.installed_on, m.removed_on, (SELECT count(*) FROM interval_days d WHERE d.channel_id = ch.id), "
            "(SELECT min(local_day) FROM interval_days d WHERE d.channel_id = ch.id), "
            "(SELECT max(local_day) FROM interval_days d WHERE d.channel_id = ch.id) "
            "FROM meter_channels ch JOIN meters m ON m.id = ch.meter_id"));
        QCOMPARE(expected.size(), s.channels);
        int gaps = 0, removed = 0;
        qint64 dayRows = 0;
        for (const QStringList &r : expected) {
            const QDate installed = QDate::fromString(r[1], Qt::ISODate);
            const QDate until = r[2] == QLatin1String("<null>") ? end : QDate::fromString(r[2], Qt::ISODate);
            removed += r[2] != QLatin1String("<null>");
            const QDate from = std::max(installed, start);
            const qint64 want = from.daysTo(until);
            const qint64 got = r[3].toLongLong();
            QVERIFY2(got == want || got == want - 1, qPrintable(r.join(QLatin1Char(' '))));
            gaps += got == want - 1;
            QCOMPARE(QDate::fromString(r[4], Qt::ISODate), from);
            QCOMPARE(QDate::fromString(r[5], Qt::ISODate), until.addDays(-1));
            dayRows += got;
        }
        QVERIFY(gaps >= 1 && gaps <= 3);  // the gap day of one meter: its import, export and reactive channels
        QVERIFY(removed > 0);             // closed accounts: readings stop at the removal
        QCOMPARE(dayRows, s.intervalDays);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT sum(present_count) FROM interval_days")), s.readings);
        QVERIFY(s.readings > s.intervalDays * 20);

        // Month totals are the sums of the day totals; the statistics count the days.
        QCOMPARE(scalar(t.db(), QStringLiteral(
                     "SELECT count(*) FROM interval_months mo WHERE mo.total <> (SELECT sum(d.day_total) FROM interval_days d "
                     "WHERE d.channel_id = mo.channel_id AND substr(d.local_day, 1, 7) = mo.month) "
                     "OR mo.present_count <> (SELECT sum(d.present_count) FROM interval_days d "
                     "WHERE d.channel_id = mo.channel_id AND substr(d.local_day, 1, 7) = mo.month)")), 0);
        QCOMPARE(scalar(t.db(), QStringLiteral(
                     "SELECT count(*) FROM (SELECT DISTINCT channel_id, substr(local_day, 1, 7) AS month FROM interval_days) x "
                     "WHERE NOT EXISTS (SELECT 1 FROM interval_months mo WHERE mo.channel_id = x.channel_id "
                     "AND mo.month = x.month)")), 0);
        QCOMPARE(scalar(t.db(), QStringLiteral(
                     "SELECT count(*) FROM channel_stats st WHERE st.days <> (SELECT count(*) FROM interval_days d "
                     "WHERE d.channel_id = st.channel_id)")), 0);
        Metering::ReadingStore store(t.db());
        const QString someChannel = expected.first()[0];
        qint64 march = 0;
        for (const auto &d : store.dailyTotals(someChannel, QDate(2025, 3, 1), QDate(2025, 3, 31)))
            march += d.total;
        QCOMPARE(store.monthTotal(someChannel, QStringLiteral("2025-03")), march);

        // Local days of the premise's zone: London's spring day has 92 quarter-hours, Berlin's
        // too, Shanghai's none less; gas and water meters read hourly (23 that day in Europe).
        const QString dstDay = QStringLiteral("2025-03-30");
        const auto counts = rows(t.db(), QStringLiteral(
            "SELECT p.time_zone, m.commodity, d.reading_count, count(*) FROM interval_days d "
            "JOIN meter_channels ch ON ch.id = d.channel_id JOIN meters m ON m.id = ch.meter_id "
            "JOIN service_points sp ON sp.id = m.service_point_id JOIN premises p ON p.id = sp.premise_id "
            "WHERE d.local_day = ? AND ch.channel = 'import' GROUP BY p.time_zone, m.commodity, d.reading_count "
            "ORDER BY 1, 2, 3"), {dstDay});
        QMap<QString, QString> countOf;
        for (const QStringList &r : counts)
            countOf.insert(r[0] + QLatin1Char('/') + r[1], r[2]);
        QCOMPARE(countOf.value(QStringLiteral("Europe/London/electricity")), QStringLiteral("92"));
        QCOMPARE(countOf.value(QStringLiteral("Europe/Berlin/electricity")), QStringLiteral("92"));
        QCOMPARE(countOf.value(QStringLiteral("Asia/Shanghai/electricity")), QStringLiteral("96"));
        QCOMPARE(countOf.value(QStringLiteral("Europe/London/gas")), QStringLiteral("23"));
        QCOMPARE(counts.size(), countOf.size());  // one count per zone and commodity
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM interval_days WHERE local_day = '2025-03-29' "
                                               "AND interval_minutes = 15 AND reading_count <> 96")), 0);

        // Solar: export only in daylight and mostly around noon.
        const auto solar = storedDays(t.db(), QStringLiteral("ch.channel IN ('import', 'export') AND EXISTS "
                                                             "(SELECT 1 FROM meter_channels e WHERE e.meter_id = m.id "
                                                             "AND e.channel = 'export')"));
        QVERIFY(!solar.isEmpty());
        QHash<QString, QTimeZone> zones;
        double exported = 0, exportedAtNoon = 0;
        int exportDays = 0, checkedSlots = 0;
        for (const auto &[d, info] : solar) {
            const QString zoneName = info[1];
            if (!zones.contains(zoneName))
                zones.insert(zoneName, QTimeZone(zoneName.toLatin1()));
            const QTimeZone &zone = zones[zoneName];
            if (info[0] != QLatin1String("export"))
                continue;
            exportDays += d.total > 0;
            for (int slot = 0; slot < d.intervals.count(); ++slot) {
                const qint64 v = d.intervals.value(slot);
                if (v == 0)
                    continue;
                const double hour = localHour(d, zone, slot);
                QVERIFY2(hour >= 5.0 && hour < 21.0, qPrintable(QStringLiteral("%1 %2 %3").arg(d.channel).arg(d.day.toString()).arg(hour)));
                exported += double(v);
                exportedAtNoon += hour >= 9.0 && hour < 16.0 ? double(v) : 0.0;
            }
        }
        QVERIFY(exportDays > 10);
        QVERIFY2(exportedAtNoon > 0.8 * exported, qPrintable(QString::number(exportedAtNoon / exported)));
        // Import and export of one meter never both run in the same interval (net metering):
        // the panels cover the load first, so import falls to zero while they export.
        {
            QSqlQuery q(t.db().connection());
            QVERIFY(q.exec(QStringLiteral(
                "SELECT i.reading_count, i.readings, i.quality, e.readings, e.quality FROM meter_channels ci "
                "JOIN meter_channels ce ON ce.meter_id = ci.meter_id AND ce.channel = 'export' "
                "JOIN interval_days i ON i.channel_id = ci.id JOIN interval_days e ON e.channel_id = ce.id "
                "AND e.local_day = i.local_day WHERE ci.channel = 'import'")));
            while (q.next()) {
                const auto in = Metering::IntervalDay::unpack(q.value(0).toInt(), q.value(1).toByteArray(), q.value(2).toByteArray());
                const auto out = Metering::IntervalDay::unpack(q.value(0).toInt(), q.value(3).toByteArray(), q.value(4).toByteArray());
                QVERIFY(in && out);
                for (int slot = 0; slot < in->count(); ++slot) {
                    QVERIFY(in->value(slot) == 0 || out->value(slot) == 0);
                    ++checkedSlots;
                }
            }
        }
        QVERIFY(checkedSlots > 1000);

        // Values are whole units, never negative, and every reading is present and actual.
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM interval_days WHERE present_count <> reading_count "
                                               "OR estimated_count <> 0 OR day_total < 0")), 0);
        QCOMPARE(lastDemoAudit(t.db()).value(QStringLiteral("written")).toObject().value(QStringLiteral("readings")).toInteger(),
                 s.readings);
    }

    void progressCoversReadings_data() { Test::addBackendRows(); }
    void progressCoversReadings()
    {
        UD_TEST_DATABASE(t);
        Services services(t.db());
        Demo::Options options;
        options.customers = 1500;
        options.batchSize = 1500;  // one batch: its readings go in several chunks
        options.days = 60;
        options.electricityInterval = 15;
        QList<qint64> reported;
        const Demo::Summary s = Demo::Generator(services.context).run(admin(), options, [&](qint64 done, qint64 total) {
            reported.append(done);
            return total == 1500 && reported.size() < 2;  // stop after the first chunk of readings
        });
        QVERIFY(s.cancelled);
        QCOMPARE(reported.size(), 2);
        QCOMPARE(reported[0], 0);
        QVERIFY2(reported[1] > 0 && reported[1] < 1500, qPrintable(QString::number(reported[1])));
        // The batch's rows are all there; readings only for the customers reported done.
        QCOMPARE(s.customers, 1500);
        checkCounts(t.db(), s);
        const qint64 withReadings = scalar(t.db(), QStringLiteral(
            "SELECT count(DISTINCT a.customer_id) FROM interval_days d JOIN meter_channels ch ON ch.id = d.channel_id "
            "JOIN meters m ON m.id = ch.meter_id JOIN service_points sp ON sp.id = m.service_point_id "
            "JOIN accounts a ON a.id = sp.account_id"));
        QCOMPARE(withReadings, reported[1]);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM interval_days")), s.intervalDays);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT sum(present_count) FROM interval_days")), s.readings);
        QCOMPARE(lastDemoAudit(t.db()).value(QStringLiteral("outcome")).toString(), QStringLiteral("cancelled"));

        // Uncancelled, progress rises chunk by chunk to the total.
        Test::TestDatabase again(backend);
        Services more(again.db());
        reported.clear();
        const Demo::Summary all = Demo::Generator(more.context).run(admin(), options, [&](qint64 done, qint64) {
            reported.append(done);
            return true;
        });
        QVERIFY(!all.cancelled);
        QVERIFY2(reported.size() >= 4, qPrintable(QString::number(reported.size())));
        QCOMPARE(reported.first(), 0);
        QCOMPARE(reported.last(), 1500);
        for (qsizetype i = 1; i < reported.size(); ++i)
            QVERIFY(reported[i] > reported[i - 1]);
        QVERIFY(all.readings > s.readings);
    }

    void autumnDayHasAHundredQuarterHours_data() { Test::addBackendRows(); }
    void autumnDayHasAHundredQuarterHours()
    {
        UD_TEST_DATABASE(t);
        Services services(t.db());
        Demo::Options options;
        options.customers = 150;
        options.days = 4;
        options.seed = 300;  // the history ends on 28 October 2025, after the autumn change of 26 October
        options.electricityInterval = 15;
        const Demo::Summary s = Demo::Generator(services.context).run(admin(), options);
        QCOMPARE(s.referenceDate, QDate(2025, 10, 28));
        const auto london = storedDays(t.db(), QStringLiteral("p.time_zone = 'Europe/London' AND m.commodity = 'electricity' "
                                                              "AND ch.channel = 'import'"));
        QVERIFY(london.size() > 40);
        const QTimeZone zone(QByteArrayLiteral("Europe/London"));
        int autumnDays = 0;
        for (const auto &[d, info] : london) {
            QCOMPARE(d.intervals.count(), d.day == QDate(2025, 10, 26) ? 100 : 96);
            if (d.day != QDate(2025, 10, 26))
                continue;
            ++autumnDays;
            // The hour from 01:00 comes twice, and the evening peak still falls in the evening.
            QCOMPARE(localHour(d, zone, 4), 1.0);
            QCOMPARE(localHour(d, zone, 8), 1.0);
            QCOMPARE(localHour(d, zone, 99), 23.75);
        }
        QVERIFY(autumnDays > 10);
    }

    void secondRunContinuesNumbering_data() { Test::addBackendRows(); }
    void secondRunContinuesNumbering()
    {
        UD_TEST_DATABASE(t);
        Services services(t.db());
        Demo::Generator generator(services.context);
        Demo::Options options;
        options.customers = 600;
        const Demo::Summary first = generator.run(admin(), options);
        const Demo::Summary second = generator.run(admin(), options);  // the same seed again
        QCOMPARE(second.customers, 600);
        QCOMPARE(second.firstCustomerNumber, QStringLiteral("DC000000601"));
        QCOMPARE(second.lastCustomerNumber, QStringLiteral("DC000001200"));
        QCOMPARE(count(t.db(), "customers"), 1200);
        QCOMPARE(count(t.db(), "meters"), first.meters + second.meters);
        QCOMPARE(count(t.db(), "accounts"), first.accounts + second.accounts);
        QCOMPARE(count(t.db(), "interactions"), first.interactions + second.interactions);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'demo.generate'")), 2);
    }

    void everyAccountIsOnATariff_data() { Test::addBackendRows(); }
    void everyAccountIsOnATariff()
    {
        UD_TEST_DATABASE(t);
        Services services(t.db());
        Demo::Generator generator(services.context);
        Demo::Options options;
        options.customers = 400;
        options.days = 20;
        const Demo::Summary s = generator.run(admin(), options);
        QCOMPARE(s.tariffAssignments, s.accounts);
        QCOMPARE(count(t.db(), "account_tariffs"), s.accounts);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(DISTINCT account_id) FROM account_tariffs")), s.accounts);
        QCOMPARE(count(t.db(), "tariffs"), 18);
        // Each on a tariff of its market and class, prepaid accounts on prepaid tariffs, from
        // before the history starts.
        QCOMPARE(scalar(t.db(), QStringLiteral(
                     "SELECT count(*) FROM account_tariffs at JOIN accounts a ON a.id = at.account_id "
                     "JOIN customers c ON c.id = a.customer_id JOIN tariffs t ON t.id = at.tariff_id "
                     "WHERE t.market_code <> a.market_code OR t.kind <> a.payment_type "
                     "OR (' ' || t.classes || ' ') NOT LIKE ('% ' || c.class || ' %')")),
                 0);
        const QDate historyStart = s.referenceDate.addDays(-options.days);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM account_tariffs WHERE effective_from >= ?"),
                        {historyStart.toString(Qt::ISODate)}),
                 0);
        QVERIFY(scalar(t.db(), QStringLiteral("SELECT count(DISTINCT tariff_id) FROM account_tariffs")) >= 10);
        QVERIFY(scalar(t.db(), QStringLiteral("SELECT count(*) FROM account_tariffs at JOIN accounts a ON a.id = at.account_id "
                                              "WHERE a.payment_type = 'prepaid'")) > 0);

        // Every account of the first customers can be billed over the history under its tariff.
        Billing::BillingService billing(services.context);
        QSqlQuery q(t.db().connection());
        QVERIFY(q.exec(QStringLiteral("SELECT a.account_number, a.status FROM accounts a JOIN customers c ON c.id = a.customer_id "
                                      "WHERE c.customer_number <= 'DC000000060' ORDER BY a.account_number")));
        QStringList accounts;
        while (q.next()) {
            if (q.value(1).toString() != QLatin1String("closed"))
                accounts << q.value(0).toString();
        }
        QVERIFY(accounts.size() >= 50);
        qint64 billed = 0;
        for (const QString &account : std::as_const(accounts)) {
            const Billing::BillResult bill = billing.bill(admin(), account, historyStart, s.referenceDate.addDays(-1));
            QVERIFY2(bill.expectedIntervals > 0, qPrintable(account));
            QVERIFY2(bill.totalMinor >= 0, qPrintable(account));
            billed += bill.consumptionWh > 0 ? 1 : 0;
        }
        QVERIFY(billed > accounts.size() / 2);

        // A second run adds customers on the same tariffs.
        const Demo::Summary second = generator.run(admin(), options);
        QCOMPARE(count(t.db(), "tariffs"), 18);
        QCOMPARE(count(t.db(), "account_tariffs"), s.accounts + second.accounts);
    }

    void databaseStillEnforcesItsRulesAfterwards_data() { Test::addBackendRows(); }
    void databaseStillEnforcesItsRulesAfterwards()
    {
        UD_TEST_DATABASE(t);
        Services services(t.db());
        Demo::Options options;
        options.customers = 50;
        Demo::Generator(services.context).run(admin(), options);
        QSqlQuery q(t.db().connection());
        QVERIFY(q.prepare(QStringLiteral("INSERT INTO customers (id, customer_number, class, full_name, created_at, "
                                         "updated_at) VALUES (?, ?, ?, 'Test', 0, 0)")));
        q.addBindValue(QStringLiteral("0b7e3c1a-2f4d-4e5b-9a6c-7d8e9f0a1b2c"));
        q.addBindValue(QStringLiteral("X1"));
        q.addBindValue(QStringLiteral("alien"));
        QVERIFY2(!q.exec(), "a class outside the CHECK list was accepted");
        QSqlQuery fk(t.db().connection());
        QVERIFY(fk.prepare(QStringLiteral("INSERT INTO appliances (id, premise_id, kind) VALUES (?, ?, 'battery')")));
        fk.addBindValue(QStringLiteral("1c8f4d2b-3a5e-4f6c-8b7d-9e0f1a2b3c4d"));
        fk.addBindValue(QStringLiteral("2d9a5e3c-4b6f-4a7d-9c8e-0f1a2b3c4d5e"));
        QVERIFY2(!fk.exec(), "an appliance at a premise that does not exist was accepted");
    }

    void agentIsDenied_data() { Test::addBackendRows(); }
    void agentIsDenied()
    {
        UD_TEST_DATABASE(t);
        Services services(t.db());
        const Core::UserContext agent(QStringLiteral("3f1d2a9c-5b7e-4c1a-8d2f-0a9b8c7d6e5f"), QStringLiteral("amy"),
                                      Core::Role::Agent);
        const auto error = errorOf([&] { Demo::Generator(services.context).run(agent, Demo::Options()); });
        QVERIFY(error.has_value());
        QCOMPARE(error->kind(), Core::Error::Kind::Denied);
        QVERIFY(error->message().contains(QStringLiteral("amy")));
        QCOMPARE(count(t.db(), "customers"), 0);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'demo.generate'")), 0);
    }

    void rejectsOptionsOutOfRange_data() { Test::addBackendRows(); }
    void rejectsOptionsOutOfRange()
    {
        UD_TEST_DATABASE(t);
        Services services(t.db());
        Demo::Generator generator(services.context);
        Demo::Options noCustomers;
        noCustomers.customers = 0;
        Demo::Options tooManyMeters;
        tooManyMeters.customers = 10;
        tooManyMeters.meters = 31;
        Demo::Options noDays;
        noDays.days = 0;
        Demo::Options oddInterval;
        oddInterval.electricityInterval = 10;
        const QList<std::pair<Demo::Options, QString>> cases = {
            {noCustomers, QStringLiteral("--customers")},
            {tooManyMeters, QStringLiteral("--meters")},
            {noDays, QStringLiteral("--days")},
            {oddInterval, QStringLiteral("--interval")},
        };
        for (const auto &[options, option] : cases) {
            const auto error = errorOf([&] { generator.run(admin(), options); });
            QVERIFY(error.has_value());
            QCOMPARE(error->kind(), Core::Error::Kind::BadInput);
            QVERIFY2(error->message().contains(option), qPrintable(error->message()));
        }
        QCOMPARE(count(t.db(), "customers"), 0);
    }

    void fewerMetersThanAccounts_data() { Test::addBackendRows(); }
    void fewerMetersThanAccounts()
    {
        UD_TEST_DATABASE(t);
        Services services(t.db());
        Demo::Options options;
        options.customers = 400;
        options.meters = 250;
        const Demo::Summary s = Demo::Generator(services.context).run(admin(), options);
        QCOMPARE(s.meters, 250);
        checkCounts(t.db(), s);
        // Every account still has its electricity service point, some without a meter yet.
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM service_points WHERE commodity = 'electricity'")),
                 s.accounts);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM service_points sp WHERE NOT EXISTS "
                                               "(SELECT 1 FROM meters m WHERE m.service_point_id = sp.id)")),
                 s.accounts - 250);
    }

    void oneCustomerNoMetersTenYears_data() { Test::addBackendRows(); }
    void oneCustomerNoMetersTenYears()
    {
        UD_TEST_DATABASE(t);
        Services services(t.db());
        Demo::Options options;
        options.customers = 1;
        options.meters = 0;
        options.days = 3650;
        const Demo::Summary s = Demo::Generator(services.context).run(admin(), options);
        checkCounts(t.db(), s);
        QCOMPARE(s.customers, 1);
        QCOMPARE(s.meters, 0);
        QCOMPARE(s.channels, 0);
        QCOMPARE(s.servicePoints, s.accounts);
        QVERIFY(s.anomalies.isEmpty());  // nothing to compare one customer with
        const QString start = s.referenceDate.addDays(-3650).toString(Qt::ISODate);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM accounts WHERE opened_on >= ?"), {start}), 0);
        checkSqliteIntegrity(t);
    }

    void cancelKeepsWholeBatches_data() { Test::addBackendRows(); }
    void cancelKeepsWholeBatches()
    {
        UD_TEST_DATABASE(t);
        Services services(t.db());
        Demo::Options options;
        options.customers = 2500;
        options.batchSize = 400;
        QList<qint64> reported;
        const Demo::Summary s = Demo::Generator(services.context).run(admin(), options, [&](qint64 done, qint64 total) {
            reported.append(done);
            return total == 2500 && done < 1000;
        });
        QVERIFY(s.cancelled);
        QCOMPARE(reported, (QList<qint64>{0, 400, 800, 1200}));
        QCOMPARE(s.customers, 1200);
        QCOMPARE(count(t.db(), "customers") % options.batchSize, 0);
        checkCounts(t.db(), s);
        QCOMPARE(s.lastCustomerNumber, QStringLiteral("DC000001200"));
        // Nothing dangling: every row's parent is there.
        checkSqliteIntegrity(t);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM accounts a WHERE NOT EXISTS "
                                               "(SELECT 1 FROM customers c WHERE c.id = a.customer_id)")), 0);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM meters m WHERE NOT EXISTS "
                                               "(SELECT 1 FROM service_points sp WHERE sp.id = m.service_point_id)")), 0);
        QCOMPARE(lastDemoAudit(t.db()).value(QStringLiteral("outcome")).toString(), QStringLiteral("cancelled"));
        QCOMPARE(lastDemoAudit(t.db()).value(QStringLiteral("written")).toObject().value(QStringLiteral("customers")).toInteger(),
                 1200);
        // The anomalies listed are only those among the customers written.
        for (const QString &sentence : s.anomalies) {
            const QString number = QRegularExpression(QStringLiteral("DC[0-9]{9}")).match(sentence).captured();
            QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM customers WHERE customer_number = ?"), {number}), 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestGenerator)
#include "tst_generator.moc"
