#include "billssection.h"

#include "billpdf.h"
#include "calculatebillpage.h"

#include <billing/billlistmodel.h>
#include <billing/billservice.h>
#include <core/module.h>
#include <core/ui/background.h>
#include <core/ui/customerview.h>
#include <core/ui/loadstate.h>
#include <core/ui/tableview.h>

#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>

namespace Ud::Billing {

BillsSection::BillsSection(Core::Context &context, BillService &bills, Core::UserContext user, Ui::CustomerView &view,
                           QWidget *parent)
    : QWidget(parent), m_context(context), m_bills(bills), m_user(std::move(user)), m_customer(view),
      m_customerId(view.customerId()), m_content(new QWidget)
{
    setObjectName(QStringLiteral("billsSection"));
    m_model = new BillListModel(this);
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(BillListModel::RawValueRole);
    m_table = new Ui::TableView(m_content);
    m_table->setObjectName(QStringLiteral("billsView"));
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(BillListModel::PeriodColumn, Qt::DescendingOrder);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->installEventFilter(this);
    m_openPdf = new QPushButton(m_content);
    m_openPdf->setObjectName(QStringLiteral("openBillPdf"));
    m_calculate = new QPushButton(m_content);
    m_calculate->setObjectName(QStringLiteral("calculateBill"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_openPdf);
    buttons->addWidget(m_calculate);
    buttons->addStretch(1);
    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_table);
    contentLayout->addLayout(buttons);

    m_state = new Ui::LoadState(m_content, this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_state);

    m_printer = new BillPdf(this);
    connect(m_printer, &BillPdf::failed, this, [this](const QString &error) {
        updateButtons();
        m_customer.showMessage(tr("The bill PDF could not be made: %1").arg(error), true);
    });
    connect(m_openPdf, &QPushButton::clicked, this, &BillsSection::openSelectedPdf);
    connect(m_calculate, &QPushButton::clicked, this, &BillsSection::calculateBill);
    connect(m_table, &QAbstractItemView::doubleClicked, this, &BillsSection::openSelectedPdf);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &BillsSection::updateButtons);
    connect(&view, &Ui::CustomerView::refreshed, this, &BillsSection::reload);
    setTabOrder(m_table, m_openPdf);
    setTabOrder(m_openPdf, m_calculate);
    retranslateUi();
    reload();
}

void BillsSection::reload()
{
    const quint64 generation = ++m_generation;
    if (m_state->state() != Ui::LoadState::State::Content)
        m_state->showLoading();
    BillService *bills = &m_bills;
    const Core::UserContext user = m_user;
    const QString id = m_customerId;
    Ui::runInBackground(
        m_context.database, this, [bills, user, id] { return bills->billsOfCustomer(user, id); },
        [this, generation](const QList<Bill> &list) {
            if (generation == m_generation)
                display(list);
        },
        [this, generation](const QString &error) {
            if (generation == m_generation)
                m_state->showError(error, [this] { reload(); });
        });
}

void BillsSection::display(const QList<Bill> &bills)
{
    m_model->setBills(bills);
    if (bills.isEmpty()) {
        m_state->showEmpty(tr("No bills yet."), tr("&Calculate bill…"), [this] { calculateBill(); });
        return;
    }
    m_state->showContent();
    m_table->resizeColumnsToContents();
    if (!m_table->currentIndex().isValid())
        m_table->setCurrentIndex(m_table->model()->index(0, 0));
    updateButtons();
}

void BillsSection::updateButtons()
{
    m_openPdf->setEnabled(m_table->currentIndex().isValid() && !m_printer->isBusy());
}

void BillsSection::openSelectedPdf()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || m_printer->isBusy())
        return;
    const QString billId = current.data(BillListModel::IdRole).toString();
    QString number;
    for (const Bill &b : m_model->bills()) {
        if (b.id == billId)
            number = b.number;
    }
    m_openPdf->setEnabled(false);
    BillService *bills = &m_bills;
    const Core::UserContext user = m_user;
    Ui::runInBackground(
        m_context.database, this, [bills, user, billId] { return bills->documentHtml(user, billId); },
        [this, number](const QString &html) {
            // A new connection per print, so a PDF goes to the bill it was asked for.
            auto *connection = new QMetaObject::Connection;
            *connection = connect(m_printer, &BillPdf::finished, this, [this, number, connection](const QByteArray &pdf) {
                disconnect(*connection);
                delete connection;
                updateButtons();
                const QString folder = QStandardPaths::writableLocation(QStandardPaths::TempLocation)
                                       + QStringLiteral("/utilitydesk-bills");
                QDir().mkpath(folder);
                const QString path = folder + QLatin1Char('/') + number + QStringLiteral(".pdf");
                QSaveFile file(path);
                if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size() || !file.commit()) {
                    m_customer.showMessage(tr("The bill PDF could not be written to %1: %2").arg(path, file.errorString()),
                                           true);
                    return;
                }
                m_customer.noteActivity(tr("Bill %1 opened").arg(number));
                if (m_opensPdf)
                    QDesktopServices::openUrl(QUrl::fromLocalFile(path));
                emit pdfReady(path);
            });
            m_printer->render(html);
        },
        [this](const QString &error) {
            updateButtons();
            m_customer.showMessage(tr("The bill could not be loaded: %1").arg(error), true);
        });
}

void BillsSection::calculateBill()
{
    auto *page = new CalculateBillPage(m_context, m_bills, m_user, m_customerId);
    connect(page, &CalculateBillPage::issued, this, [this](const Bill &bill) {
        m_customer.noteActivity(tr("Bill %1 issued").arg(bill.number));
        // Closed once the page's signal has returned: closing deletes the page.
        QMetaObject::invokeMethod(this, [this] { m_customer.closeSubPage(QStringLiteral("calculate_bill")); },
                                  Qt::QueuedConnection);
        reload();
    });
    m_customer.openSubPage(QStringLiteral("calculate_bill"), tr("Calculate bill"), page);
}

bool BillsSection::eventFilter(QObject *watched, QEvent *event)
{
    // Enter opens the bill, as everywhere in lists.
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            openSelectedPdf();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void BillsSection::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void BillsSection::retranslateUi()
{
    m_openPdf->setText(tr("&Open PDF"));
    m_openPdf->setToolTip(tr("Print the selected bill as the customer received it and open it (Enter)"));
    m_calculate->setText(tr("Calculate &bill…"));
    m_calculate->setToolTip(tr("Work out the bill of a period from the readings, and issue it"));
}

} // namespace Ud::Billing
