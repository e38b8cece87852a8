// Golden bills: each tests/data/bills/*.json holds a tariff (in the tariff file format), the
// taxes, the period and the name of a usage file, with the bill worked out by hand (its
// arithmetic in "comment") in "expected". The calculator's bill must match it exactly: every
// line and every total. Pure: no database.
//
// Usage files (*.csv): one line per local day or range of days, "DATE,VALUES" or
// "DATE..DATE,VALUES", VALUES being the day's interval readings in Wh in time order, separated
// by spaces: "250" one reading, "46*250" 46 of them, "250e" estimated, "-" no reading. The
// number of values must be the day's number of intervals (46 or 50 on DST days). '#' starts a
// comment line.

#include <billing/billcalculation.h>
#include <billing/tariffjson.h>
#include <core/error.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Ud;
using namespace Ud::Billing;
using Metering::Quality;
using Reading = Metering::ReadingStore::Reading;

namespace {

QString dataDir()
{
    const QString root = qEnvironmentVariable("UD_SOURCE_DIR");
    if (!root.isEmpty())
        return root + QStringLiteral("/tests/data/bills");
    return QFINDTESTDATA(QStringLiteral("../data/bills"));
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

QString kindKey(LineKind kind)
{
    switch (kind) {
    case LineKind::Standing: return QStringLiteral("standing");
    case LineKind::Energy: return QStringLiteral("energy");
    case LineKind::Demand: return QStringLiteral("demand");
    case LineKind::Package: return QStringLiteral("package");
    case LineKind::Allowance: return QStringLiteral("allowance");
    case LineKind::Levy: return QStringLiteral("levy");
    case LineKind::Vat: return QStringLiteral("vat");
    }
    return {};
}

QDate date(const QJsonValue &v)
{
    return QDate::fromString(v.toString(), Qt::ISODate);
}

qint64 integer(const QJsonValue &v)
{
    return qint64(v.toDouble());
}

/// Reads a usage file; fails the test (returns false) on a line whose count of values is not
/// the day's number of intervals.
bool readUsage(const QString &path, MeteredUsage &usage)
{
    const QList<QByteArray> lines = readFile(path).split('\n');
    int lineNo = 0;
    for (const QByteArray &raw : lines) {
        ++lineNo;
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const qsizetype comma = line.indexOf(QLatin1Char(','));
        const QString days = line.left(comma);
        const QStringList range = days.split(QStringLiteral(".."));
        const QDate first = QDate::fromString(range.first(), Qt::ISODate);
        const QDate last = range.size() > 1 ? QDate::fromString(range.last(), Qt::ISODate) : first;
        if (!first.isValid() || !last.isValid() || comma < 0) {
            qWarning("%s:%d: expected DATE[..DATE],VALUES", qPrintable(path), lineNo);
            return false;
        }
        struct Value {
            qint64 wh;
            Quality quality;
        };
        QList<Value> values;
        const QStringList tokens = line.mid(comma + 1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QString &token : tokens) {
            int repeat = 1;
            QString v = token;
            if (const qsizetype star = token.indexOf(QLatin1Char('*')); star > 0) {
                repeat = token.left(star).toInt();
                v = token.mid(star + 1);
            }
            Value value{0, Quality::Actual};
            if (v == QLatin1String("-")) {
                value.quality = Quality::Missing;
            } else {
                if (v.endsWith(QLatin1Char('e'))) {
                    value.quality = Quality::Estimated;
                    v.chop(1);
                }
                value.wh = v.toLongLong();
            }
            for (int i = 0; i < repeat; ++i)
                values << value;
        }
        for (QDate d = first; d <= last; d = d.addDays(1)) {
            const int expected = Metering::ReadingStore::slotsInDay(d, usage.zone, usage.intervalMinutes);
            if (values.size() != expected) {
                qWarning("%s:%d: %s has %d intervals, the line %d values", qPrintable(path), lineNo,
                         qPrintable(d.toString(Qt::ISODate)), expected, int(values.size()));
                return false;
            }
            const qint64 start = d.startOfDay(usage.zone).toSecsSinceEpoch();
            const qint64 step = usage.intervalMinutes == 1440 ? 0 : qint64(usage.intervalMinutes) * 60;
            for (qsizetype i = 0; i < values.size(); ++i) {
                if (values.at(i).quality != Quality::Missing)
                    usage.readings << Reading{start + i * step, values.at(i).wh, values.at(i).quality};
            }
        }
    }
    return true;
}

TaxSchedule readTaxes(const QJsonObject &o)
{
    TaxSchedule taxes;
    const QJsonArray vat = o.value(QStringLiteral("vat")).toArray();
    for (const QJsonValue &v : vat)
        taxes.vat << VatRate{date(v[QStringLiteral("from")]), v[QStringLiteral("rateBp")].toInt()};
    const QJsonArray levies = o.value(QStringLiteral("levies")).toArray();
    for (const QJsonValue &v : levies) {
        Levy l;
        l.code = v[QStringLiteral("code")].toString();
        l.name = v[QStringLiteral("name")].toString();
        const QString basis = v[QStringLiteral("basis")].toString();
        l.basis = basis == QLatin1String("per_day")             ? LevyBasis::PerDay
                  : basis == QLatin1String("percent_of_energy") ? LevyBasis::PercentOfEnergy
                                                                : LevyBasis::PerKwh;
        l.rate = integer(v[QStringLiteral("rate")]);
        l.rateMicroBp = integer(v[QStringLiteral("rateMicroBp")]);
        l.from = date(v[QStringLiteral("from")]);
        if (v[QStringLiteral("to")].isString())
            l.to = date(v[QStringLiteral("to")]);
        taxes.levies << l;
    }
    return taxes;
}

QJsonObject lineJson(const BillLine &l)
{
    return {{QStringLiteral("kind"), kindKey(l.kind)},
            {QStringLiteral("label"), l.label},
            {QStringLiteral("from"), l.from.toString(Qt::ISODate)},
            {QStringLiteral("to"), l.to.toString(Qt::ISODate)},
            {QStringLiteral("quantity"), double(l.quantity)},
            {QStringLiteral("unitPrice"), double(l.unitPrice)},
            {QStringLiteral("amountMinor"), double(l.amountMinor)},
            {QStringLiteral("estimatedWh"), double(l.estimatedWh)}};
}

} // namespace

class TestBillGolden : public QObject
{
    Q_OBJECT

private slots:
    void golden_data()
    {
        QTest::addColumn<QString>("file");
        const QStringList files = QDir(dataDir()).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QVERIFY2(files.size() >= 12, "the golden bills are missing");
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << f;
    }

    void golden()
    {
        QFETCH(QString, file);
        const QJsonObject doc = QJsonDocument::fromJson(readFile(dataDir() + QLatin1Char('/') + file)).object();
        QVERIFY2(!doc.value(QStringLiteral("comment")).toArray().isEmpty(), "every golden bill shows its arithmetic");
        const Tariff tariff = TariffJson::fromJson(doc.value(QStringLiteral("tariff")).toObject());
        const TaxSchedule taxes = readTaxes(doc.value(QStringLiteral("taxes")).toObject());
        const QJsonObject u = doc.value(QStringLiteral("usage")).toObject();
        MeteredUsage usage;
        usage.zone = QTimeZone(u.value(QStringLiteral("zone")).toString().toUtf8());
        QVERIFY(usage.zone.isValid());
        usage.intervalMinutes = u.value(QStringLiteral("intervalMinutes")).toInt();
        QVERIFY(readUsage(dataDir() + QLatin1Char('/') + u.value(QStringLiteral("file")).toString(), usage));

        std::optional<AllowanceState> allowance;
        if (doc.contains(QStringLiteral("carriedWhBefore")))
            allowance = AllowanceState{integer(doc.value(QStringLiteral("carriedWhBefore")))};
        const BillResult bill = BillCalculator::calculate(tariff, taxes, usage, date(doc.value(QStringLiteral("from"))),
                                                          date(doc.value(QStringLiteral("to"))),
                                                          allowance ? &*allowance : nullptr);

        const QJsonObject expected = doc.value(QStringLiteral("expected")).toObject();
        const QJsonArray lines = expected.value(QStringLiteral("lines")).toArray();
        QJsonArray actual;
        for (const BillLine &l : bill.lines)
            actual.append(lineJson(l));
        if (actual != lines)
            qWarning().noquote() << "calculated lines:" << QJsonDocument(actual).toJson(QJsonDocument::Indented);
        QCOMPARE(bill.lines.size(), lines.size());
        for (qsizetype i = 0; i < lines.size(); ++i)
            QCOMPARE(lineJson(bill.lines.at(i)), lines.at(i).toObject());

        QCOMPARE(bill.tariffCode, tariff.code);
        QCOMPARE(bill.currency, tariff.currency);
        QCOMPARE(bill.netMinor, integer(expected.value(QStringLiteral("netMinor"))));
        QCOMPARE(bill.vatMinor, integer(expected.value(QStringLiteral("vatMinor"))));
        QCOMPARE(bill.totalMinor, integer(expected.value(QStringLiteral("totalMinor"))));
        QCOMPARE(bill.consumptionWh, integer(expected.value(QStringLiteral("consumptionWh"))));
        QCOMPARE(bill.estimatedWh, integer(expected.value(QStringLiteral("estimatedWh"))));
        QCOMPARE(bill.expectedIntervals, integer(expected.value(QStringLiteral("expectedIntervals"))));
        QCOMPARE(bill.missingIntervals, integer(expected.value(QStringLiteral("missingIntervals"))));
        QCOMPARE(bill.peakDemandW, integer(expected.value(QStringLiteral("peakDemandW"))));
        QCOMPARE(bill.overAllowanceWh, integer(expected.value(QStringLiteral("overAllowanceWh"))));
        if (allowance)
            QCOMPARE(allowance->carriedWh, integer(expected.value(QStringLiteral("carriedWhAfter"))));
        // The totals are the sums of the lines.
        qint64 sum = 0;
        for (const BillLine &l : bill.lines)
            sum += l.amountMinor;
        QCOMPARE(sum, bill.totalMinor);
    }
};

QTEST_GUILESS_MAIN(TestBillGolden)
#include "tst_billgolden.moc"
