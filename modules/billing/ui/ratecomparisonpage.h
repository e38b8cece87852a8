#pragma once

#include <billing/billingservice.h>
#include <core/usercontext.h>

#include <QWidget>

class QLabel;
class QTableWidget;
class QVBoxLayout;

namespace Ud::Core {
struct Context;
class Database;
}
namespace Ud::Ui {
class CustomerView;
class LoadState;
class PageRegistry;
}

namespace Ud::Billing {

class BillingModule;

/// The customer page's "Compare tariffs" sub-page (Ctrl+R): for each of the customer's
/// electricity accounts, the last 12 full months of its real readings billed under every tariff
/// of its market and class, cheapest first, VAT included, with the saving against the tariff the
/// account is on, and how much of the year was estimated or had no reading, so the agent can
/// tell the caller how sure the figures are. Computed by BillingService off the UI thread; the
/// agent tells the caller, and noting it adds "Tariffs compared" to the contact's activities.
class RateComparisonPage : public QWidget
{
    Q_OBJECT
public:
    static constexpr const char *SubPageId = "rate_comparison";

    RateComparisonPage(BillingService &billing, Core::Database &db, Core::UserContext user, Ui::CustomerView &view,
                       QWidget *parent = nullptr);
    ~RateComparisonPage() override;

    Ui::LoadState *loadState() const { return m_state; }
    /// One table per account, in the order of the comparison.
    QList<QTableWidget *> tables() const { return m_tables; }
    /// The heading and the data-quality note above each account's table.
    QStringList headings() const;
    QStringList notes() const;

public slots:
    void reload();

signals:
    void loaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    void show(const RateComparison &comparison);
    void addAccount(const AccountComparison &account);

    BillingService &m_billing;
    Core::Database &m_db;
    Core::UserContext m_user;
    QString m_customerId;
    Ui::CustomerView &m_view;
    std::optional<RateComparison> m_shown;
    Ui::LoadState *m_state = nullptr;
    QWidget *m_content = nullptr;
    QVBoxLayout *m_layout = nullptr;
    QLabel *m_intro = nullptr;
    QList<QTableWidget *> m_tables;
    QList<QLabel *> m_headings;
    QList<QLabel *> m_notes;
    QList<QWidget *> m_accountWidgets;
};

/// Registers the "Compare tariffs" customer action (ViewCustomers, Ctrl+R).
void registerRateComparisonUi(Ui::PageRegistry &pages, Core::Context &context, BillingModule &billing,
                              const Core::UserContext &user);

} // namespace Ud::Billing
