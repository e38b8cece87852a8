// The bills widgets offscreen on both databases: the Bill run page runs a period and shows the
// run's counts and the account it could not bill; the customer page's Bills section lists a
// bill with its estimated marker, opens its PDF, says when there is nothing yet and offers the
// calculation, whose sub-page previews a period and issues it.

#include "billsfixture.h"

#include <billing/billlistmodel.h>
#include <billing/billrunsmodel.h>
#include <billing/billservice.h>
#include <billing/ui/billrunpage.h>
#include <billing/ui/billssection.h>
#include <billing/ui/calculatebillpage.h>
#include <core/money.h>
#include <core/ui/customerview.h>
#include <core/ui/jobtracker.h>
#include <core/ui/loadstate.h>
#include <core/ui/messagebar.h>
#include <core/ui/tableview.h>

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTextBrowser>

using namespace Ud;
using namespace Ud::Billing;

namespace {

/// A customer tab as the section sees it: records what the section asks of it.
class FakeCustomerView : public Ui::CustomerView
{
public:
    explicit FakeCustomerView(QString id) : m_id(std::move(id)) {}
    QString customerId() const override { return m_id; }
    QString customerName() const override { return QStringLiteral("Ann Lee"); }
    QDateTime contactStartedAt() const override { return {}; }
    bool identityVerified() const override { return false; }
    QString identityVerification() const override { return {}; }
    void setIdentityVerification(const QString &) override {}
    void startNewContact() override {}
    QWidget *openSubPage(const QString &id, const QString &, QWidget *page) override
    {
        delete subPages.value(id);
        page->setParent(this);
        subPages.insert(id, page);
        return page;
    }
    void closeSubPage(const QString &id) override
    {
        closed << id;
        delete subPages.take(id);
    }
    QWidget *openSidePanel(const QString &, const QString &, QWidget *panel) override { return panel; }
    void closeSidePanel(const QString &) override {}
    void noteActivity(const QString &text) override { activities_ << text; }
    QStringList activities() const override { return activities_; }
    void showMessage(const QString &text, bool) override { messages << text; }
    void refresh() override {}

    QMap<QString, QPointer<QWidget>> subPages;
    QStringList closed;
    QStringList messages;
    QStringList activities_;

private:
    QString m_id;
};

QString cell(QAbstractItemView *view, int row, int column)
{
    return view->model()->index(row, column).data().toString();
}

} // namespace

class TestBillsUi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::installTestMasterKey(); }

    void billRunPageRunsAPeriod_data() { Test::addBackendRows(); }
    void billRunPageRunsAPeriod()
    {
        UD_TEST_DATABASE(t);
        Test::BillsFixture f(t.db());
        const QString tariff = f.importTariff();
        f.juneAccount(tariff, QStringLiteral("Ann Lee"));
        const Test::BilledAccount late = f.addAccount(QStringLiteral("Late Tariff"));
        f.assign(late.accountId, tariff, QDate(2025, 6, 10));
        Ui::JobTracker jobs;
        BillRunPage page(f.context, jobs, f.billing.billRun(), f.supervisor());
        QTRY_COMPARE(page.loadState()->state(), Ui::LoadState::State::Empty);
        QVERIFY(page.loadState()->text().contains(QStringLiteral("No bill runs yet")));

        page.fromEdit()->setDate(QDate(2025, 6, 1));
        page.toEdit()->setDate(QDate(2025, 5, 1));
        QVERIFY(!page.startRun());               // the period is checked beside the field
        QVERIFY(!page.isRunning());
        page.toEdit()->setDate(QDate(2025, 6, 30));
        QSignalSpy finished(&page, &BillRunPage::runFinished);
        QTest::mouseClick(page.runButton(), Qt::LeftButton);
        QVERIFY(page.isRunning());
        QCOMPARE(jobs.jobs().size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QVERIFY(!finished.first().first().toString().isEmpty());
        QVERIFY(!jobs.isBusy());
        QCOMPARE(page.messageBar()->type(), Ui::MessageBar::Type::Warning);
        QVERIFY2(page.messageBar()->text().contains(QStringLiteral("1 billed, 0 already billed, 1 not billed")),
                 qPrintable(page.messageBar()->text()));
        QTRY_COMPARE(page.loadState()->state(), Ui::LoadState::State::Content);
        QCOMPARE(page.runsModel()->rowCount(), 1);
        QCOMPARE(cell(page.runsView(), 0, BillRunsModel::BilledColumn), QStringLiteral("1"));
        QCOMPARE(cell(page.runsView(), 0, BillRunsModel::FailedColumn), QStringLiteral("1"));
        QCOMPARE(cell(page.runsView(), 0, BillRunsModel::StatusColumn), QStringLiteral("finished"));
        QTRY_COMPARE(page.failuresModel()->rowCount(), 1);
        QCOMPARE(cell(page.failuresView(), 0, BillRunFailuresModel::AccountColumn), late.accountNumber);
        QVERIFY(cell(page.failuresView(), 0, BillRunFailuresModel::ReasonColumn).contains(QStringLiteral("no tariff before")));
    }

    void billsSectionListsOpensAndCalculates_data() { Test::addBackendRows(); }
    void billsSectionListsOpensAndCalculates()
    {
        UD_TEST_DATABASE(t);
        Test::BillsFixture f(t.db());
        const QString tariff = f.importTariff();
        const Test::BilledAccount a = f.juneAccount(tariff, QStringLiteral("Ann Lee"));

        // Nothing yet: the empty state offers the calculation.
        FakeCustomerView view(a.customerId);
        auto *section = new BillsSection(f.context, f.billing.bills(), f.supervisor(), view, &view);
        section->setOpensPdf(false);
        QTRY_COMPARE(section->loadState()->state(), Ui::LoadState::State::Empty);
        QCOMPARE(section->loadState()->text(), QStringLiteral("No bills yet."));
        QTest::mouseClick(section->loadState()->actionButton(), Qt::LeftButton);
        auto *calc = qobject_cast<CalculateBillPage *>(view.subPages.value(QStringLiteral("calculate_bill")).data());
        QVERIFY(calc);

        // The sub-page previews June for the account and issues it.
        QTRY_COMPARE(calc->accountBox()->count(), 1);
        QVERIFY(calc->accountBox()->currentText().startsWith(a.accountNumber));
        calc->fromEdit()->setDate(QDate(2025, 6, 1));
        calc->toEdit()->setDate(QDate(2025, 6, 30));
        QSignalSpy calculated(calc, &CalculateBillPage::calculated);
        QTest::mouseClick(calc->calculateButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(calculated.size(), 1, 10000);
        const BillPreview preview = f.billing.bills().calculate(f.agent(), a.accountId, QDate(2025, 6, 1), QDate(2025, 6, 30));
        const QString total = Core::Money(preview.result.totalMinor, QStringLiteral("GBP")).toString(QLocale());
        QVERIFY2(calc->summary()->text().contains(total), qPrintable(calc->summary()->text()));
        QVERIFY(calc->summary()->text().contains(QStringLiteral("Estimated")));
        QVERIFY(calc->preview()->toPlainText().contains(QStringLiteral("Ann Lee")));
        QVERIFY(calc->issueButton()->isEnabled());
        QTest::mouseClick(calc->issueButton(), Qt::LeftButton);

        // Issued: the sub-page closes and the section lists the bill, marked estimated.
        QTRY_COMPARE_WITH_TIMEOUT(view.closed, QStringList{QStringLiteral("calculate_bill")}, 10000);
        QTRY_COMPARE(section->loadState()->state(), Ui::LoadState::State::Content);
        QCOMPARE(section->model()->rowCount(), 1);
        const QString number = f.billPrefix() + QStringLiteral("0000000001");
        QCOMPARE(cell(section->view(), 0, BillListModel::NumberColumn), number);
        QCOMPARE(cell(section->view(), 0, BillListModel::TotalColumn), total);
        QCOMPARE(cell(section->view(), 0, BillListModel::EstimatedColumn), QStringLiteral("Estimated"));
        QCOMPARE(cell(section->view(), 0, BillListModel::ConsumptionColumn), QStringLiteral("719.0 kWh"));
        QVERIFY(section->view()->model()->index(0, BillListModel::EstimatedColumn).data(Qt::ToolTipRole).toString()
                    .contains(QStringLiteral("2.0 kWh of 719.0 kWh estimated, 2 intervals without reading")));
        QVERIFY(view.activities_.contains(QStringLiteral("Bill %1 issued").arg(number)));

        // Enter on the row prints the PDF.
        QSignalSpy pdf(section, &BillsSection::pdfReady);
        QVERIFY(section->openPdfButton()->isEnabled());
        section->view()->setFocus();
        QTest::keyClick(section->view(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(pdf.size(), 1, 30000);
        QFile file(pdf.first().first().toString());
        QVERIFY(file.fileName().endsWith(number + QStringLiteral(".pdf")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        QVERIFY(view.messages.isEmpty());
    }

    void agentPreviewsButCannotIssue_data() { Test::addBackendRows(); }
    void agentPreviewsButCannotIssue()
    {
        UD_TEST_DATABASE(t);
        Test::BillsFixture f(t.db());
        const QString tariff = f.importTariff();
        const Test::BilledAccount a = f.juneAccount(tariff, QStringLiteral("Ann Lee"));
        CalculateBillPage page(f.context, f.billing.bills(), f.agent(), a.customerId);
        QTRY_COMPARE(page.accountBox()->count(), 1);
        page.fromEdit()->setDate(QDate(2025, 6, 1));
        page.toEdit()->setDate(QDate(2025, 6, 30));
        QSignalSpy calculated(&page, &CalculateBillPage::calculated);
        page.calculate();
        QTRY_COMPARE_WITH_TIMEOUT(calculated.size(), 1, 10000);
        QVERIFY(!page.issueButton()->isEnabled());
        QVERIFY(page.messageBar()->text().contains(QStringLiteral("permission to run billing")));
    }
};

int main(int argc, char *argv[])
{
    // Tests run as root in CI containers, where Chromium refuses its sandbox; only tests turn it off.
    qputenv("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox");
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestBillsUi test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_billsui.moc"
