// The bill document: its HTML shows the customer, account, premise, period, every line with
// estimated readings marked, VAT and totals, in the customer's language (the embedded
// translation used directly, the program's own language untouched) with amounts and dates
// in that language's format; printed through QtWebEngine it is a PDF.

#include <billing/billdocument.h>
#include <billing/ui/billpdf.h>
#include <core/error.h>
#include <core/money.h>

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Ud;
using namespace Ud::Billing;

namespace {

BillLine line(LineKind kind, const QString &label, qint64 quantity, qint64 unitPrice, qint64 amount, qint64 estimated = 0)
{
    BillLine l;
    l.kind = kind;
    l.label = label;
    l.from = QDate(2024, 6, 1);
    l.to = QDate(2024, 6, 30);
    l.quantity = quantity;
    l.unitPrice = unitPrice;
    l.amountMinor = amount;
    l.estimatedWh = estimated;
    return l;
}

/// A June bill under a time-of-use tariff: 30 days' standing charge at 55p, 123.456 kWh of
/// peak at 30.5p (12.5 kWh of it estimated) and 200 kWh off-peak at 15p, VAT at 5 %.
Bill juneBill(const QString &language, const QString &currency)
{
    Bill b;
    b.id = QStringLiteral("0b6a7d4e-1111-4aaa-8bbb-000000000001");
    b.number = QStringLiteral("UDB0000000042");
    b.accountNumber = QStringLiteral("UD00000007");
    b.from = QDate(2024, 6, 1);
    b.to = QDate(2024, 6, 30);
    b.tariffCode = QStringLiteral("GB-TOU");
    b.currency = currency;
    b.lines = {line(LineKind::Standing, {}, 30, 550000, 1650),
               line(LineKind::Energy, QStringLiteral("Peak"), 123456, 305000, 3765, 12500),
               line(LineKind::Energy, QStringLiteral("Off-peak"), 200000, 150000, 3000),
               line(LineKind::Vat, {}, 8415, 500, 421)};
    b.netMinor = 8415;
    b.vatMinor = 421;
    b.totalMinor = 8836;
    b.consumptionWh = 323456;
    b.estimatedWh = 12500;
    b.expectedIntervals = 1440;
    b.missingIntervals = 3;
    b.issuedAt = QDateTime(QDate(2024, 7, 2), QTime(9, 0), QTimeZone::utc()).toSecsSinceEpoch();
    b.dueOn = QDate(2024, 7, 16);
    b.language = language;
    return b;
}

BillingAccount customer(const QString &language, const QString &market, const QString &name)
{
    BillingAccount a;
    a.accountNumber = QStringLiteral("UD00000007");
    a.customerNumber = QStringLiteral("UDC00000003");
    a.customerName = name;
    a.language = language;
    a.marketCode = market;
    a.premiseAddress = QStringLiteral("12 Mill Lane, Leeds LS1 4AB");
    a.zone = QTimeZone("Europe/London");
    return a;
}

} // namespace

class TestBillDocument : public QObject
{
    Q_OBJECT

private slots:
    void englishShowsEveryFigure()
    {
        const Bill bill = juneBill(QStringLiteral("en"), QStringLiteral("GBP"));
        const QString html = BillDocument::html(bill, customer(QStringLiteral("en"), QStringLiteral("GB"), QStringLiteral("Ann <Lee> & Co")),
                                                QStringLiteral("Smart Saver time of use"));
        QVERIFY(html.contains(QStringLiteral("<html lang=\"en\">")));
        // The customer's name is text, never markup.
        QVERIFY(html.contains(QStringLiteral("Ann &lt;Lee&gt; &amp; Co")));
        for (const char *expected : {"UDB0000000042", "UD00000007", "UDC00000003", "12 Mill Lane, Leeds LS1 4AB",
                                     "Smart Saver time of use", "01/06/2024 to 30/06/2024", "02/07/2024",
                                     "Standing charge", "30 days", "£0.55/day", "£16.50",
                                     "Energy: Peak", "123.456 kWh (estimated: 12.5 kWh)", "£0.305/kWh", "£37.65",
                                     "Energy: Off-peak", "200 kWh", "£0.15/kWh", "£30.00",
                                     "5%", "£84.15", "£4.21", "Total to pay", "£88.36", "Consumption", "323.456 kWh",
                                     "Please pay £88.36 by 16/07/2024.",
                                     "12.5 kWh of 323.456 kWh in all", "3 intervals of the period had no reading"}) {
            QVERIFY2(html.contains(QString::fromUtf8(expected)), expected);
        }
        // The estimated line is marked in the markup too (italic in print), the others not.
        QCOMPARE(html.count(QStringLiteral("<tr class=\"estimated\">")), 1);
    }

    void spanishCustomerGetsSpanish()
    {
        const Bill bill = juneBill(QStringLiteral("es"), QStringLiteral("EUR"));
        const QString html = BillDocument::html(bill, customer(QStringLiteral("es"), QStringLiteral("ES"), QStringLiteral("Lucía Pérez")),
                                                QStringLiteral("Tarifa 2.0TD"));
        QVERIFY(html.contains(QStringLiteral("<html lang=\"es\">")));
        QVERIFY(html.contains(QStringLiteral("Lucía Pérez")));
        // Spanish number and date formats, whatever language the program runs in.
        QVERIFY2(html.contains(QStringLiteral("€88,36")), qPrintable(html));
        QVERIFY(html.contains(QStringLiteral("123,456")));
        QVERIFY(html.contains(QStringLiteral("1/6/24")));
        // The labels as the Spanish translation has them; they must not be left in English.
        for (const char *label : {"Electricity bill", "Total to pay", "Standing charge", "Supply address", "VAT"}) {
            const QString spanish = BillDocument::translate(QStringLiteral("es"), label);
            QVERIFY2(html.contains(spanish.toHtmlEscaped()), label);
            QVERIFY2(spanish != QString::fromUtf8(label), qPrintable(QStringLiteral("untranslated: ") + QString::fromUtf8(label)));
        }
    }

    void chineseCustomerGetsChinese()
    {
        const Bill bill = juneBill(QStringLiteral("zh_CN"), QStringLiteral("CNY"));
        const QString html = BillDocument::html(bill, customer(QStringLiteral("zh_CN"), QStringLiteral("CN"), QStringLiteral("王芳")),
                                                QStringLiteral("峰谷电价"));
        QVERIFY(html.contains(QStringLiteral("<html lang=\"zh-CN\">")));
        QVERIFY(html.contains(QStringLiteral("王芳")));
        QVERIFY2(html.contains(QStringLiteral("¥88.36")), qPrintable(html));
        QVERIFY(html.contains(QStringLiteral("2024/6/1")));
        for (const char *label : {"Electricity bill", "Total to pay", "Standing charge", "Supply address", "VAT"}) {
            const QString chinese = BillDocument::translate(QStringLiteral("zh_CN"), label);
            QVERIFY2(html.contains(chinese.toHtmlEscaped()), label);
            QVERIFY2(chinese != QString::fromUtf8(label), qPrintable(QStringLiteral("untranslated: ") + QString::fromUtf8(label)));
        }
    }

    void levyLinesSayWhatTheyCharge()
    {
        Bill bill = juneBill(QStringLiteral("en"), QStringLiteral("EUR"));
        BillLine share = line(LineKind::Levy, QStringLiteral("Impuesto especial sobre la electricidad"), 6765, 511269632, 346);
        share.levyBasis = LevyBasis::PercentOfEnergy;
        BillLine perKwh = line(LineKind::Levy, QStringLiteral("Climate Change Levy"), 323456, 7750, 251);
        perKwh.levyBasis = LevyBasis::PerKwh;
        BillLine perDay = line(LineKind::Levy, QStringLiteral("Network levy"), 30, 120000, 360);
        perDay.levyBasis = LevyBasis::PerDay;
        bill.lines = {share, perKwh, perDay};
        const QString html = BillDocument::html(bill, customer(QStringLiteral("en"), QStringLiteral("GB"), QStringLiteral("Ann Lee")), {});
        for (const char *expected : {"Impuesto especial sobre la electricidad", "EUR 67.65", "5.11269632%", "EUR 3.46",
                                     "Climate Change Levy", "323.456 kWh", "EUR 0.00775/kWh", "EUR 2.51",
                                     "Network levy", "30 days", "EUR 0.12/day", "EUR 3.60"})
            QVERIFY2(html.contains(QString::fromUtf8(expected)), expected);
    }

    void decimalsComeFromIntegers()
    {
        const QLocale gb(QStringLiteral("en_GB"));
        QCOMPARE(BillDocument::decimalText(245670, 6, 2, gb), QStringLiteral("0.24567"));
        QCOMPARE(BillDocument::decimalText(550000, 6, 2, gb), QStringLiteral("0.55"));
        QCOMPARE(BillDocument::decimalText(1234567000, 3, 0, gb), QStringLiteral("1,234,567"));
        QCOMPARE(BillDocument::decimalText(-1500, 3, 0, gb), QStringLiteral("-1.5"));
        QCOMPARE(BillDocument::decimalText(2150, 2, 0, QLocale(QStringLiteral("es_ES"))), QStringLiteral("21,5"));
        QCOMPARE(BillDocument::localeFor(QStringLiteral("en"), QStringLiteral("GB")).name(), QStringLiteral("en_GB"));
        QCOMPARE(BillDocument::localeFor(QStringLiteral("es"), QStringLiteral("ES")).name(), QStringLiteral("es_ES"));
        QCOMPARE(BillDocument::localeFor(QStringLiteral("zh_CN"), QStringLiteral("CN")).name(), QStringLiteral("zh_CN"));
    }

    void printsToPdf_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("market");
        QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("GB");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << QStringLiteral("CN");
    }
    void printsToPdf()
    {
        QFETCH(QString, language);
        QFETCH(QString, market);
        const Bill bill = juneBill(language, QStringLiteral("GBP"));
        const QString html = BillDocument::html(bill, customer(language, market, language == QLatin1String("zh_CN") ? QStringLiteral("王芳") : QStringLiteral("Ann Lee")), QStringLiteral("TOU"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bill.pdf"));
        BillPdf::write(html, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray pdf = file.readAll();
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdf.size() > 2000);
        // One A4 page with its text set in fonts; the Chinese bill in the CJK font.
        QCOMPARE(pdf.count("/Type /Page\n"), 1);
        QVERIFY(pdf.contains("/Type /Font"));
        QCOMPARE(pdf.contains("NotoSansCJK"), language == QLatin1String("zh_CN"));

        // A file that cannot be written says which.
        const QString bad = dir.filePath(QStringLiteral("missing/folder/bill.pdf"));
        try {
            BillPdf::write(html, bad);
            QFAIL("no error");
        } catch (const Core::Error &e) {
            QVERIFY2(e.message().contains(bad), qPrintable(e.message()));
        }
    }
};

int main(int argc, char *argv[])
{
    // Tests run as root in CI containers, where Chromium refuses its sandbox; only tests turn it off.
    qputenv("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox");
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestBillDocument test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_billdocument.moc"
