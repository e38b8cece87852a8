#pragma once

#include <billing/bill.h>
#include <core/usercontext.h>

#include <QWidget>

class QPushButton;

namespace Ud::Core {
struct Context;
}
namespace Ud::Ui {
class CustomerView;
class LoadState;
class TableView;
}

namespace Ud::Billing {

class BillListModel;
class BillPdf;
class BillService;

/// The customer page's "Bills": every bill of the customer's accounts, latest first, with its
/// number, account, period, total, consumption and an "Estimated" marker when readings were
/// estimated or missing (the tooltip says how much). "Open PDF" (or Enter on a row) prints the
/// bill's document in the customer's language and opens it; "Calculate bill…" opens a sub-page
/// that previews a period's bill and issues it (RunBilling). Loads in the background and again
/// when the customer view is refreshed; an empty list says so and offers the calculation.
class BillsSection : public QWidget
{
    Q_OBJECT
public:
    static constexpr const char *SectionId = "bills";
    static constexpr int SectionOrder = 30;

    BillsSection(Core::Context &context, BillService &bills, Core::UserContext user, Ui::CustomerView &view,
                 QWidget *parent = nullptr);

    void reload();
    /// Prints the selected bill and opens the PDF; emits pdfReady with the file written.
    void openSelectedPdf();
    void calculateBill();

    Ui::LoadState *loadState() const { return m_state; }
    Ui::TableView *view() const { return m_table; }
    BillListModel *model() const { return m_model; }
    QPushButton *openPdfButton() const { return m_openPdf; }
    QPushButton *calculateButton() const { return m_calculate; }
    /// Whether a PDF is opened with the desktop's viewer when ready (off in tests).
    void setOpensPdf(bool open) { m_opensPdf = open; }

signals:
    void pdfReady(const QString &path);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void display(const QList<Bill> &bills);
    void updateButtons();
    void retranslateUi();

    Core::Context &m_context;
    BillService &m_bills;
    Core::UserContext m_user;
    Ui::CustomerView &m_customer;
    QString m_customerId;
    quint64 m_generation = 0;
    bool m_opensPdf = true;
    Ui::LoadState *m_state;
    QWidget *m_content;
    Ui::TableView *m_table;
    BillListModel *m_model;
    QPushButton *m_openPdf;
    QPushButton *m_calculate;
    BillPdf *m_printer;
};

} // namespace Ud::Billing
