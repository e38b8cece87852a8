// Temporary: screenshots for the README (not committed).
#include "appcontext.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "session.h"

#include <accounts/ui/customerfinder.h>
#include <accounts/ui/customerspage.h>
#include <accounts/ui/customertab.h>
#include <billing/ui/billssection.h>
#include <billing/ui/balancesection.h>
#include <billing/ui/tariffspage.h>
#include <core/sqlquery.h>

#include <QApplication>
#include <QDateEdit>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScreen>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QThreadPool>

using namespace Ud;

class Shots : public QObject
{
    Q_OBJECT
    void grab(QWidget *w, const char *name, int wait = 900)
    {
        QTest::qWait(wait);
        QThreadPool::globalInstance()->waitForDone();
        QTest::qWait(400);
        w->grab().save(QStringLiteral("/work/shots/%1.png").arg(QLatin1String(name)));
    }
    Accounts::CustomerTab *open(Accounts::CustomersPage *page, const QString &search)
    {
        page->focusSearch();
        page->finder()->searchBox()->selectAll();
        QTest::keyClicks(page->finder()->searchBox(), search);
        QTest::qWait(900);
        QTest::keyClick(page->finder()->searchBox(), Qt::Key_Down);
        QTest::keyClick(page->finder()->searchBox(), Qt::Key_Return);
        QTest::qWait(900);
        return page->currentCustomerTab();
    }
    void scrollTo(QWidget *tab, QWidget *section)
    {
        if (auto *area = tab->findChild<QScrollArea *>())
            area->ensureWidgetVisible(section, 0, 0);
    }
private slots:
    void shots()
    {
        App::AppContext context(Core::DatabaseUrl::parse(qEnvironmentVariable("SHOTS_DB")));
        context.open();
        Core::SqlQuery q(context.database().connection(), QStringLiteral("SELECT id FROM users WHERE username = 'marta'"));
        QVERIFY(q.exec().next());
        const Core::UserContext user(q.value(0).toString(), QStringLiteral("marta"), Core::Role::Supervisor);
        App::LanguageManager languages;
        App::Session session(context, languages, user);
        App::MainWindow &w = session.window();
        w.resize(1360, 880);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.showPage(QStringLiteral("customers"));
        auto *page = qobject_cast<Accounts::CustomersPage *>(w.pageWidget(QStringLiteral("customers")));
        QVERIFY(page);

        Accounts::CustomerTab *tab = open(page, QStringLiteral("Nicola Shaw"));
        QVERIFY(tab);
        QTest::qWait(1500);
        if (auto *bills = tab->findChild<Billing::BillsSection *>())
            scrollTo(tab, bills);
        grab(&w, "customer-bills-balance", 1500);
        if (QPushButton *b = tab->actionButton(QStringLiteral("usage")))
            b->click();
        grab(&w, "usage-chart", 2500);

        Accounts::CustomerTab *prepaid = open(page, QStringLiteral("Hugo Reyes Medina"));
        QVERIFY(prepaid);
        QTest::qWait(1500);
        if (auto *balance = prepaid->findChild<Billing::BalanceSection *>())
            scrollTo(prepaid, balance);
        grab(&w, "customer-prepaid-balance", 1500);

        w.showPage(QStringLiteral("tariffs"));
        auto *tariffs = qobject_cast<Billing::TariffsPage *>(w.pageWidget(QStringLiteral("tariffs")));
        QVERIFY(tariffs);
        QTest::qWait(1200);
        const QAbstractItemModel *model = tariffs->tariffList()->model();
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->index(r, 0).data().toString() == QLatin1String(qgetenv("SHOTS_TARIFF")))
                tariffs->tariffList()->setCurrentIndex(model->index(r, 0));
        }
        QTest::qWait(1200);
        tariffs->newVersion();
        tariffs->trialAccountEdit()->setText(QStringLiteral("GB10000000207"));
        tariffs->trialFromEdit()->setDate(QDate(2024, 12, 1));
        tariffs->trialToEdit()->setDate(QDate(2024, 12, 31));
        tariffs->testCalculate();
        grab(&w, "tariff-editor", 2000);

        w.showPage(QStringLiteral("bill_run"));
        grab(&w, "bill-run", 1500);
    }
};

QTEST_MAIN(Shots)
#include "tst_zzshots.moc"
