#include "accountsfixture.h"

#include <accounts/customerlistmodel.h>
#include <core/transaction.h>

#include <QSignalSpy>
#include <QTest>

using namespace Ud;
using Accounts::Customer;
using Accounts::CustomerListModel;
using Test::AccountsFixture;

namespace {
// 450 customers "Customer 000".."Customer 449"; every 50th is a "Zhang" with a Shanghai
// premise and CN account; customer 7 has a GB phone and a London premise.
void fill(AccountsFixture &f)
{
    const auto user = AccountsFixture::agent();
    Core::Transaction tx(f.database);
    const auto london = f.accounts().addPremise(user, AccountsFixture::premise(
        QStringLiteral("1 Baker Street"), QStringLiteral("London"), QStringLiteral("NW1 6XE"), QStringLiteral("GB"),
        QStringLiteral("Europe/London")));
    const auto shanghai = f.accounts().addPremise(user, AccountsFixture::premise(
        QStringLiteral("南京东路100号"), QStringLiteral("上海"), QStringLiteral("200001"), QStringLiteral("CN"),
        QStringLiteral("Asia/Shanghai")));
    for (int i = 0; i < 450; ++i) {
        Customer c;
        const bool zhang = i % 50 == 0;
        c.fullName = zhang ? QStringLiteral("Zhang Wei %1").arg(i, 3, 10, QLatin1Char('0'))
                           : QStringLiteral("Customer %1").arg(i, 3, 10, QLatin1Char('0'));
        if (i == 7)
            c.phone = QStringLiteral("020 7946 0958");
        c = f.customers().create(user, c, QStringLiteral("GB"));
        if (zhang)
            f.accounts().openAccount(user, c.id, shanghai.id, QStringLiteral("CN"), Accounts::PaymentType::Postpaid);
        if (i == 7)
            f.accounts().openAccount(user, c.id, london.id, QStringLiteral("GB"), Accounts::PaymentType::Postpaid);
    }
    tx.commit();
}
} // namespace

class TestCustomerListModel : public QObject
{
    Q_OBJECT

private slots:
    void fetchesInPages_data() { Test::addBackendRows(); }
    void fetchesInPages()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        fill(f);
        CustomerListModel model(f.customers(), AccountsFixture::agent());
        QVERIFY(model.errorMessage().isEmpty());
        QCOMPARE(model.totalCount(), 450);
        QCOMPARE(model.rowCount(), 200);
        QCOMPARE(model.columnCount(), 7);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 400);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 450);
        QVERIFY(!model.canFetchMore({}));

        // Every customer exactly once, in name order.
        QSet<QString> ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids.insert(model.index(row, 0).data(CustomerListModel::IdRole).toString());
        QCOMPARE(ids.size(), 450);
        QCOMPARE(model.index(0, CustomerListModel::NameColumn).data().toString(), QStringLiteral("Customer 001"));
        QCOMPARE(model.index(449, CustomerListModel::NameColumn).data().toString(), QStringLiteral("Zhang Wei 400"));
        QCOMPARE(model.headerData(CustomerListModel::NameColumn, Qt::Horizontal).toString(), QStringLiteral("Name"));
    }

    void rowsShowPremiseMarketAndPhone_data() { Test::addBackendRows(); }
    void rowsShowPremiseMarketAndPhone()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        fill(f);
        CustomerListModel model(f.customers(), AccountsFixture::agent());
        model.setFilter(QStringLiteral("Customer 007"));
        QCOMPARE(model.rowCount(), 1);
        auto cell = [&](int column) { return model.index(0, column).data().toString(); };
        QCOMPARE(cell(CustomerListModel::PostcodeColumn), QStringLiteral("NW1 6XE"));
        QCOMPARE(cell(CustomerListModel::CityColumn), QStringLiteral("London"));
        QCOMPARE(cell(CustomerListModel::MarketColumn), QStringLiteral("GB"));
        QCOMPARE(cell(CustomerListModel::PhoneColumn), QStringLiteral("+44 20 7946 0958"));
        QCOMPARE(model.index(0, CustomerListModel::PhoneColumn).data(CustomerListModel::RawValueRole).toString(),
                 QStringLiteral("+442079460958"));
        QCOMPARE(cell(CustomerListModel::ClassColumn), QStringLiteral("Residential"));
        QCOMPARE(model.index(0, CustomerListModel::ClassColumn).data(CustomerListModel::RawValueRole).toString(),
                 QStringLiteral("residential"));
        QVERIFY(cell(CustomerListModel::NumberColumn).startsWith(QLatin1String("UDC")));
    }

    void filterNarrows_data() { Test::addBackendRows(); }
    void filterNarrows()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        fill(f);
        CustomerListModel model(f.customers(), AccountsFixture::agent());
        QSignalSpy totals(&model, &CustomerListModel::totalCountChanged);

        model.setFilter(QStringLiteral("zhang"));
        QCOMPARE(model.totalCount(), 9);
        QCOMPARE(model.rowCount(), 9);
        QVERIFY(!model.canFetchMore({}));
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(model.index(row, CustomerListModel::NameColumn).data().toString().startsWith(QLatin1String("Zhang Wei")));
        QCOMPARE(totals.count(), 1);
        QCOMPARE(totals.first().first().toLongLong(), 9);

        // Postcode (any case), phone as dialled nationally, customer number, a literal "%".
        model.setFilter(QStringLiteral("nw1"));
        QCOMPARE(model.totalCount(), 1);
        model.setFilter(QStringLiteral("020 7946"));
        QCOMPARE(model.totalCount(), 1);
        model.setFilter(QStringLiteral("200001"));
        QCOMPARE(model.totalCount(), 9);
        model.setFilter(QStringLiteral("udc00000045"));
        QCOMPARE(model.totalCount(), 1);
        model.setFilter(QStringLiteral("Customer 4"));
        QCOMPARE(model.totalCount(), 49); // Customer 401..449: 400 is a Zhang
        model.setFilter(QStringLiteral("%"));
        QCOMPARE(model.totalCount(), 0);
        QCOMPARE(model.rowCount(), 0);
        model.setFilter(QString());
        QCOMPARE(model.totalCount(), 450);
        QCOMPARE(model.rowCount(), 200);
    }

    void loadsInTheBackground_data() { Test::addBackendRows(); }
    void loadsInTheBackground()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        fill(f);
        CustomerListModel model(f.customers(), AccountsFixture::agent(), CustomerListModel::Loading::Background);
        QSignalSpy reloaded(&model, &CustomerListModel::reloaded);
        QVERIFY(model.isLoading());
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 200);
        QCOMPARE(model.totalCount(), 450);

        // Only the last of several quick searches is answered.
        reloaded.clear();
        model.setFilter(QStringLiteral("Customer 1"));
        model.setFilter(QStringLiteral("Customer 2"));
        model.setFilter(QStringLiteral("zhang"));
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.totalCount(), 9);
        QCOMPARE(model.rowCount(), 9);
        QTest::qWait(50);
        QCOMPARE(reloaded.count(), 1);

        model.setFilter(QString());
        QTRY_COMPARE(model.rowCount(), 200);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QVERIFY(!model.canFetchMore({}));   // one page request at a time
        QTRY_COMPARE(model.rowCount(), 400);
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), 450);
        QVERIFY(!model.canFetchMore({}));
    }

    void sortsByName_data() { Test::addBackendRows(); }
    void sortsByName()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        fill(f);
        CustomerListModel model(f.customers(), AccountsFixture::agent());
        model.sort(CustomerListModel::NameColumn, Qt::DescendingOrder);
        QCOMPARE(model.rowCount(), 200);
        QCOMPARE(model.index(0, CustomerListModel::NameColumn).data().toString(), QStringLiteral("Zhang Wei 400"));
        QCOMPARE(model.index(9, CustomerListModel::NameColumn).data().toString(), QStringLiteral("Customer 449"));
        QStringList names;
        while (model.canFetchMore({}))
            model.fetchMore({});
        for (int row = 0; row < model.rowCount(); ++row)
            names << model.index(row, CustomerListModel::NameColumn).data().toString();
        QStringList expected = names;
        std::sort(expected.begin(), expected.end(), std::greater<QString>());
        QCOMPARE(names, expected);

        model.sort(CustomerListModel::NameColumn, Qt::AscendingOrder);
        QCOMPARE(model.index(0, CustomerListModel::NameColumn).data().toString(), QStringLiteral("Customer 001"));
        // Customer number order is creation order here.
        model.sort(CustomerListModel::NumberColumn, Qt::AscendingOrder);
        QCOMPARE(model.index(0, CustomerListModel::NameColumn).data().toString(), QStringLiteral("Zhang Wei 000"));
        // Class and phone sort too; the one customer with a phone comes last ascending
        // (empty text first) and first descending.
        model.sort(CustomerListModel::PhoneColumn, Qt::DescendingOrder);
        QCOMPARE(model.index(0, CustomerListModel::NameColumn).data().toString(), QStringLiteral("Customer 007"));
        model.sort(CustomerListModel::ClassColumn, Qt::AscendingOrder);
        QVERIFY(model.errorMessage().isEmpty());
        QCOMPARE(model.rowCount(), 200);
        QCOMPARE(model.index(0, CustomerListModel::NameColumn).data().toString(), QStringLiteral("Zhang Wei 000"));
        model.sort(CustomerListModel::NumberColumn, Qt::AscendingOrder);
        // Columns the database cannot sort by quickly are left as they are.
        QVERIFY(!CustomerListModel::isSortable(CustomerListModel::CityColumn));
        model.sort(CustomerListModel::CityColumn, Qt::DescendingOrder);
        QCOMPARE(model.sortColumn(), int(CustomerListModel::NumberColumn));
        QCOMPARE(model.index(0, CustomerListModel::NameColumn).data().toString(), QStringLiteral("Zhang Wei 000"));
    }
};

QTEST_GUILESS_MAIN(TestCustomerListModel)
#include "tst_customerlistmodel.moc"
