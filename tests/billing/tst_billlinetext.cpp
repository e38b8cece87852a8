// How bill lines read on screen (the tariff editor's test calculation, the Bills section):
// descriptions, quantities and unit prices of every line kind, levies by their basis.

#include <billing/billlinetext.h>

#include <QtTest>

using namespace Ud::Billing;

namespace {
/// "31 days" once the English plural forms are loaded (the application loads them; this test
/// has only the source text, "31 day(s)").
QString days(int n)
{
    return QCoreApplication::translate("Ud::Billing::BillLineText", "%n day(s)", nullptr, n);
}
} // namespace

class TestBillLineText : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom)); }

    void lines_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("basis");
        QTest::addColumn<QString>("label");
        QTest::addColumn<qint64>("quantity");
        QTest::addColumn<qint64>("unitPrice");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("quantityText");
        QTest::addColumn<QString>("priceText");
        const int perKwh = int(LevyBasis::PerKwh);
        QTest::newRow("standing") << int(LineKind::Standing) << perKwh << QString() << qint64(31) << qint64(533500)
                                  << QStringLiteral("Standing charge") << days(31) << QStringLiteral("0.5335 GBP/day");
        QTest::newRow("one day") << int(LineKind::Standing) << perKwh << QString() << qint64(1) << qint64(500000)
                                 << QStringLiteral("Standing charge") << days(1) << QStringLiteral("0.50 GBP/day");
        QTest::newRow("peak energy") << int(LineKind::Energy) << perKwh << QStringLiteral("peak") << qint64(123456) << qint64(389050)
                                     << QStringLiteral("Energy – peak") << QStringLiteral("123.456 kWh") << QStringLiteral("0.38905 GBP/kWh");
        QTest::newRow("demand") << int(LineKind::Demand) << perKwh << QString() << qint64(4200) << qint64(8500000)
                                << QStringLiteral("Maximum demand") << QStringLiteral("4.200 kW") << QStringLiteral("8.50 GBP/kW");
        QTest::newRow("vat") << int(LineKind::Vat) << perKwh << QString() << qint64(16120) << qint64(500)
                             << QStringLiteral("VAT 5 %") << QString() << QString();
        QTest::newRow("vat 5.5") << int(LineKind::Vat) << perKwh << QString() << qint64(100) << qint64(550)
                                 << QStringLiteral("VAT 5.50 %") << QString() << QString();
        QTest::newRow("levy per kWh") << int(LineKind::Levy) << perKwh << QStringLiteral("Climate Change Levy") << qint64(1000000)
                                      << qint64(7750) << QStringLiteral("Climate Change Levy") << QStringLiteral("1,000.000 kWh")
                                      << QStringLiteral("0.00775 GBP/kWh");
        QTest::newRow("levy per day") << int(LineKind::Levy) << int(LevyBasis::PerDay) << QStringLiteral("Meter rental")
                                      << qint64(30) << qint64(20000) << QStringLiteral("Meter rental") << days(30)
                                      << QStringLiteral("0.02 GBP/day");
        QTest::newRow("levy percent") << int(LineKind::Levy) << int(LevyBasis::PercentOfEnergy)
                                      << QStringLiteral("Impuesto especial sobre la electricidad") << qint64(10000)
                                      << qint64(511269632) << QStringLiteral("Impuesto especial sobre la electricidad")
                                      << QString() << QString::fromUtf8("5.11269632 % of £100.00");
    }
    void lines()
    {
        QFETCH(int, kind);
        QFETCH(int, basis);
        QFETCH(QString, label);
        QFETCH(qint64, quantity);
        QFETCH(qint64, unitPrice);
        BillLine line;
        line.kind = LineKind(kind);
        line.levyBasis = LevyBasis(basis);
        line.label = label;
        line.quantity = quantity;
        line.unitPrice = unitPrice;
        QTEST(BillLineText::description(line), "description");
        QTEST(BillLineText::quantity(line), "quantityText");
        QTEST(BillLineText::unitPrice(line, QStringLiteral("GBP")), "priceText");
    }
};

QTEST_GUILESS_MAIN(TestBillLineText)
#include "tst_billlinetext.moc"
