#pragma once

#include <usage/toucost.h>

#include <QWidget>

class QBarCategoryAxis;
class QChartView;
class QLabel;
class QStackedBarSeries;
class QStackedWidget;
class QStandardItemModel;
class QValueAxis;

namespace Ud::Ui {
class TableView;
}

namespace Ud::Usage {

/// The cost of a period split by time-of-use band (TouCost): stacked bars per day or month, one
/// colour and one legend entry per band, the axis in the account's currency; a sentence with
/// the energy, other charges and VAT and the tariffs used, and what could not be priced; and
/// the same figures as a table. Only shows what TouCostService computed.
class TouCostView : public QWidget
{
    Q_OBJECT
public:
    explicit TouCostView(QWidget *parent = nullptr);

    void setCost(const TouCost &cost);
    const TouCost &cost() const { return m_cost; }
    void setTableShown(bool shown);

    QChartView *chartView() const { return m_view; }
    QStackedBarSeries *bars() const { return m_bars; }
    Ui::TableView *tableView() const { return m_table; }
    /// The sentence under the chart: totals, tariffs, notes.
    QString summary() const;

    /// "£12.34": minor units in the user's locale with the currency's symbol.
    static QString money(qint64 minor, const QString &currency);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fill();
    QString bandName(const QString &band) const;

    TouCost m_cost;
    QChartView *m_view;
    QStackedBarSeries *m_bars;
    QBarCategoryAxis *m_categories;
    QValueAxis *m_amounts;
    Ui::TableView *m_table;
    QStandardItemModel *m_model;
    QStackedWidget *m_stack;
    QLabel *m_summary;
};

} // namespace Ud::Usage
