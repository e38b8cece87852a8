#pragma once

#include <segments/segmentquery.h>

#include <core/querycancel.h>
#include <core/usercontext.h>

#include <QWidget>

#include <memory>

class QBarCategoryAxis;
class QBarSeries;
class QChartView;
class QCheckBox;
class QComboBox;
class QLabel;
class QStackedWidget;
class QStandardItemModel;
class QThreadPool;
class QValueAxis;

namespace Ud::Core {
class Database;
}
namespace Ud::Ui {
class TableView;
}

namespace Ud::Segments {

/// The distribution of one attribute over the segment being built, as a bar chart (Qt
/// Charts) or, with "Show as table", as a table: the attribute is picked from a list of the
/// registry's chartable attributes (aggregates over the last 12 months). The figures come
/// from SegmentQuery::distribution in the background; a newer definition or attribute
/// cancels the one being read.
class DistributionView : public QWidget
{
    Q_OBJECT
public:
    /// Figures are read on `pool` (which must outlive the view's work; the page waits for it).
    DistributionView(QThreadPool *pool, Core::Database &database, const SegmentQuery &query, Core::UserContext user,
                     const Rules::AttributeRegistry &registry, QWidget *parent = nullptr);
    ~DistributionView() override;

    void setDefinition(const SegmentDefinition &definition);
    void clear();
    /// The attribute shown (as registered).
    QString attribute() const;
    void setAttribute(const QString &attribute);
    /// The distribution on screen; empty bins while none.
    const Distribution &distribution() const { return m_distribution; }
    bool isLoading() const { return m_loading; }
    /// The bar labels, in order, as the chart shows them.
    QStringList categories() const;

signals:
    void loaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    void reload();
    void show(const Distribution &distribution);
    QString label(const DistributionBin &bin) const;
    void retranslateUi();

    QThreadPool *m_pool;
    Core::Database &m_database;
    const SegmentQuery &m_query;
    Core::UserContext m_user;
    const Rules::AttributeRegistry &m_registry;
    std::optional<SegmentDefinition> m_definition;
    Distribution m_distribution;
    std::shared_ptr<Core::QueryCancel> m_cancel;
    quint64 m_generation = 0;
    bool m_loading = false;

    QLabel *m_attributeLabel;
    QComboBox *m_attribute;
    QCheckBox *m_asTable;
    QLabel *m_status;
    QStackedWidget *m_stack;
    QChartView *m_chart;
    QBarSeries *m_bars;
    QBarCategoryAxis *m_categories;
    QValueAxis *m_counts;
    Ui::TableView *m_table;
    QStandardItemModel *m_tableModel;
};

} // namespace Ud::Segments
