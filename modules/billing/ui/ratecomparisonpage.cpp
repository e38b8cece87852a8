#include "ratecomparisonpage.h"

#include <billing/billingmodule.h>
#include <billing/billlinetext.h>
#include <core/module.h>
#include <core/money.h>
#include <core/ui/background.h>
#include <core/ui/customerview.h>
#include <core/ui/formteardown.h>
#include <core/ui/loadstate.h>
#include <core/ui/pageregistry.h>

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Ud::Billing {

namespace {

enum Column { RankColumn, TariffColumn, KindColumn, TotalColumn, VatColumn, SavingColumn, NoteColumn, ColumnCount };

QString money(qint64 minor, const QString &currency)
{
    return Core::Money(minor, currency).toString(QLocale());
}

QString monthText(const QDate &day)
{
    return QLocale().toString(day, QStringLiteral("MMM yyyy"));
}

} // namespace

RateComparisonPage::RateComparisonPage(BillingService &billing, Core::Database &db, Core::UserContext user,
                                       Ui::CustomerView &view, QWidget *parent)
    : QWidget(parent), m_billing(billing), m_db(db), m_user(std::move(user)), m_customerId(view.customerId()), m_view(view)
{
    setObjectName(QStringLiteral("rateComparison"));
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_content = new QWidget(scroll);
    scroll->setWidget(m_content);
    m_layout = new QVBoxLayout(m_content);
    m_intro = new QLabel(m_content);
    m_intro->setWordWrap(true);
    m_intro->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_layout->addWidget(m_intro);
    m_layout->addStretch();
    m_state = new Ui::LoadState(scroll, this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_state);
    connect(&view, &Ui::CustomerView::refreshed, this, &RateComparisonPage::reload);
    m_intro->setText(tr("Each account's last 12 full months of readings billed under every tariff of its market and "
                        "customer class, cheapest first. Totals include VAT and levies."));
    reload();
}

RateComparisonPage::~RateComparisonPage()
{
    Ui::disconnectChildren(this);
}

void RateComparisonPage::reload()
{
    m_state->showLoading(tr("Billing the last 12 months under every tariff…"));
    Ui::runInBackground(
        m_db, this,
        [&billing = m_billing, user = m_user, customerId = m_customerId] { return billing.compareRates(user, customerId); },
        [this](const RateComparison &comparison) {
            show(comparison);
            emit loaded();
        },
        [this](const QString &error) {
            m_state->showError(error, [this] { reload(); });
            emit loaded();
        });
}

void RateComparisonPage::show(const RateComparison &comparison)
{
    m_shown = comparison;
    for (QWidget *w : std::as_const(m_accountWidgets))
        delete w;
    m_accountWidgets.clear();
    m_tables.clear();
    m_headings.clear();
    m_notes.clear();
    if (comparison.accounts.isEmpty()) {
        m_state->showEmpty(tr("No electricity readings for this customer, so there is nothing to compare."));
        return;
    }
    for (const AccountComparison &account : comparison.accounts)
        addAccount(account);
    m_state->showContent();
}

void RateComparisonPage::addAccount(const AccountComparison &a)
{
    auto *box = new QWidget(m_content);
    // As tall as its contents: the page's stretch below takes the rest.
    box->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *heading = new QLabel(box);
    heading->setTextFormat(Qt::RichText);
    heading->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    const QString period = a.months > 0 ? tr("%1 to %2, %n month(s)", nullptr, a.months).arg(monthText(a.from), monthText(a.to))
                                        : QString();
    heading->setText(a.months > 0 ? tr("<b>Account %1</b> (%2, %3): %4, %5 used")
                                        .arg(a.accountNumber, a.marketCode, Accounts::customerClassName(a.customerClass),
                                             period, BillLineText::kwh(a.consumptionWh))
                                  : tr("<b>Account %1</b> (%2, %3)")
                                        .arg(a.accountNumber, a.marketCode, Accounts::customerClassName(a.customerClass)));
    layout->addWidget(heading);
    m_headings.append(heading);

    // How sure the figures are: said, never hidden.
    QStringList quality;
    if (!a.note.isEmpty())
        quality.append(a.note);
    if (a.missingIntervals > 0 && a.expectedIntervals > 0)
        quality.append(tr("%1 of %2 intervals (%3 %) had no reading and count as no use under every tariff.")
                           .arg(QLocale().toString(a.missingIntervals), QLocale().toString(a.expectedIntervals),
                                QLocale().toString(100.0 * double(a.missingIntervals) / double(a.expectedIntervals), 'f', 1)));
    if (a.estimatedWh > 0)
        quality.append(tr("%1 of the use comes from estimated readings.").arg(BillLineText::kwh(a.estimatedWh)));
    if (quality.isEmpty() && a.months > 0)
        quality.append(tr("Every interval of the period has an actual reading."));
    if (a.months > 0 && a.months < 12)
        quality.append(tr("The readings cover fewer than 12 months, so these are not yearly figures."));
    if (a.currentTariffCode.isEmpty() && !a.options.isEmpty())
        quality.append(tr("The account is on no tariff at the end of the period, so no saving is shown."));
    for (const QString &skipped : a.skipped)
        quality.append(skipped);
    auto *note = new QLabel(quality.join(QLatin1Char('\n')), box);
    note->setWordWrap(true);
    note->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    note->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(note);
    m_notes.append(note);

    if (!a.options.isEmpty()) {
        auto *table = new QTableWidget(int(a.options.size()), ColumnCount, box);
        table->setObjectName(QStringLiteral("rateTable_") + a.accountNumber);
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->setSelectionBehavior(QAbstractItemView::SelectRows);
        table->verticalHeader()->hide();
        table->setHorizontalHeaderLabels({tr("Rank"), tr("Tariff"), tr("Kind"), tr("Total with VAT"), tr("VAT"),
                                          tr("Saving against the current tariff"), tr("Note")});
        table->horizontalHeader()->setStretchLastSection(true);
        for (qsizetype i = 0; i < a.options.size(); ++i) {
            const RateOption &o = a.options.at(i);
            QString noteText;
            if (o.current)
                noteText = tr("Current tariff");
            if (o.kind == TariffKind::Prepaid && o.allowanceWh > 0)
                noteText = (noteText.isEmpty() ? QString() : noteText + QStringLiteral("; "))
                           + tr("allowance covered %1").arg(BillLineText::kwh(o.allowanceWh));
            if (o.overAllowanceWh > 0 && o.kind == TariffKind::Postpaid)
                noteText = (noteText.isEmpty() ? QString() : noteText + QStringLiteral("; "))
                           + tr("%1 beyond the included units").arg(BillLineText::kwh(o.overAllowanceWh));
            QString saving;
            if (!a.currentTariffCode.isEmpty() && !o.current)
                saving = o.savingMinor > 0   ? tr("%1 cheaper").arg(money(o.savingMinor, a.currency))
                         : o.savingMinor < 0 ? tr("%1 dearer").arg(money(-o.savingMinor, a.currency))
                                             : tr("the same");
            const QStringList cells{QLocale().toString(int(i + 1)),
                                    tr("%1 (%2)").arg(o.tariffName, o.tariffCode),
                                    o.kind == TariffKind::Prepaid ? tr("Prepaid") : tr("Postpaid"),
                                    money(o.totalMinor, a.currency),
                                    money(o.vatMinor, a.currency),
                                    saving,
                                    noteText};
            for (int c = 0; c < cells.size(); ++c) {
                auto *item = new QTableWidgetItem(cells.at(c));
                if (c == RankColumn || c == TotalColumn || c == VatColumn)
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                if (o.current) {
                    QFont font = item->font();
                    font.setBold(true);
                    item->setFont(font);
                }
                table->setItem(int(i), c, item);
            }
        }
        table->resizeColumnsToContents();
        // Tall enough for every row: the page scrolls, not each table.
        int height = table->horizontalHeader()->height() + 2 * table->frameWidth();
        for (int r = 0; r < table->rowCount(); ++r)
            height += table->rowHeight(r);
        table->setMinimumHeight(height);
        table->setMaximumHeight(height);
        layout->addWidget(table);
        m_tables.append(table);
    }
    m_layout->insertWidget(m_layout->count() - 1, box);
    m_accountWidgets.append(box);
}

QStringList RateComparisonPage::headings() const
{
    QStringList list;
    for (const QLabel *l : m_headings)
        list.append(l->text());
    return list;
}

QStringList RateComparisonPage::notes() const
{
    QStringList list;
    for (const QLabel *l : m_notes)
        list.append(l->text());
    return list;
}

void RateComparisonPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_shown) {
        m_intro->setText(tr("Each account's last 12 full months of readings billed under every tariff of its market and "
                            "customer class, cheapest first. Totals include VAT and levies."));
        show(*m_shown);
    }
    QWidget::changeEvent(event);
}

void registerRateComparisonUi(Ui::PageRegistry &pages, Core::Context &context, BillingModule &billing,
                              const Core::UserContext &user)
{
    Ui::CustomerAction compare;
    compare.id = QStringLiteral("compare_tariffs");
    compare.order = 35;
    compare.text = [] { return RateComparisonPage::tr("Compare &tariffs"); };
    compare.shortcut = QKeySequence(Qt::CTRL | Qt::Key_R);
    compare.permission = Core::Permission::ViewCustomers;
    // Telling the caller what a tariff would cost changes nothing.
    compare.needsVerifiedIdentity = false;
    compare.trigger = [&context, &billing, user](Ui::CustomerView &view) {
        auto *page = new RateComparisonPage(billing.billing(), context.database, user, view);
        if (QWidget *shown = view.openSubPage(QLatin1String(RateComparisonPage::SubPageId),
                                              RateComparisonPage::tr("Compare tariffs"), page))
            shown->setFocus();
        view.noteActivity(RateComparisonPage::tr("Tariffs compared"));
    };
    pages.addCustomerAction(std::move(compare));
}

} // namespace Ud::Billing
