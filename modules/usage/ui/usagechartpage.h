#pragma once

#include <usage/usagechart.h>

#include <core/usercontext.h>

#include <QList>
#include <QWidget>

#include <optional>
#include <utility>

class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace Ud::Core {
struct Context;
}
namespace Ud::Ui {
class LoadState;
class MessageBar;
class TableView;
}

namespace Ud::Usage {

class ChartTableModel;
class TouCostView;
class UsageChartView;

/// The customer's "Usage" sub-page: a chart (UsageChartView) of a premise's meters, import and
/// export, with the same period a year before, drilled from years to months, days and
/// intervals (a breadcrumb shows where; Backspace or Alt+Left goes back), zoomed and panned by
/// re-reading the store at the resolution that fits; "Show as table" shows the same points in
/// a table, and the chart exports as PNG and CSV. "Cost by time of use" shows the same
/// period's cost per day or month stacked by tariff band (TouCostView). Reads in the background through
/// UsageChartService, which applies the region rule, so a field officer outside the premise's
/// region is told so instead of seeing the chart.
class UsageChartPage : public QWidget
{
    Q_OBJECT
public:
    /// A step of the drill-down: local days and the resolution (nullopt: the finest that
    /// fits, after a zoom), and the time span shown when zoomed.
    struct Level {
        QDate from;
        QDate to;
        std::optional<Resolution> resolution;
        std::optional<std::pair<qint64, qint64>> visible;
    };

    /// Shows the customer's usage; with `meterId`, that meter's premise with only its channels.
    UsageChartPage(Core::Context &context, Core::UserContext user, QString customerId, QString meterId = {},
                   QWidget *parent = nullptr);

    /// Switches to the premise of `meterId` and to its channels (the sparkline of another meter).
    void showMeter(const QString &meterId);
    /// Drills into a point of the chart's data (as a click or Enter on it does).
    void drillInto(int series, int index);
    /// One level up; false at the top.
    bool goBack();
    /// Goes back to the level at `depth` (0: the top of the breadcrumb).
    void goToLevel(int depth);
    void setResolution(std::optional<Resolution> resolution);
    void setCompareWithYearBefore(bool compare);
    /// Shows only these channels of the premise.
    void setChannels(const QStringList &channelIds);
    /// Shows [from, to] at `resolution` as a new drill-down level.
    void showPeriod(const QDate &from, const QDate &to, std::optional<Resolution> resolution);
    void setTableShown(bool shown);
    /// Shows the period's cost by time-of-use band instead of its use (TouCostService).
    void setCostShown(bool shown);

    /// Writes the chart as drawn; false (and a message in the page's bar) on failure.
    bool exportPng(const QString &path);
    /// Writes the points shown (ChartText::csv); false (and a message) on failure.
    bool exportCsv(const QString &path);

    const ChartData &chartData() const { return m_data; }
    const ChartScope &scope() const { return m_scope; }
    QList<Level> levels() const { return m_levels; }
    /// The breadcrumb as read: "All years › 2024 › October 2024".
    QString breadcrumbText() const;
    UsageChartView *chartView() const { return m_chart; }
    TouCostView *costView() const { return m_costView; }
    /// Cost loads finished so far.
    int costLoadsFinished() const { return m_costLoadsFinished; }
    Ui::TableView *tableView() const { return m_table; }
    ChartTableModel *tableModel() const { return m_model; }
    Ui::LoadState *loadState() const { return m_state; }
    Ui::MessageBar *messageBar() const { return m_bar; }
    /// Loads finished so far (for tests and the benchmark: a new chart is on screen).
    int loadsFinished() const { return m_loadsFinished; }

signals:
    /// A load finished and its chart or empty state is shown.
    void loaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void loadScope();
    void showScope();
    void selectPremise(const QString &premiseId, const QString &meterId);
    void resetLevels();
    void load();
    void display(const ChartData &data);
    void showBreadcrumb();
    QString levelLabel(const Level &level, Resolution shownAs) const;
    const ChartPremise *premise() const;
    QStringList checkedChannels() const;
    void onRangeRequested(qint64 fromUtc, qint64 toUtc);
    void loadCost();
    void showCurrentView();
    void chooseAndExportPng();
    void chooseAndExportCsv();
    QString suggestedFileName(const QString &suffix) const;

    Core::Context &m_context;
    Core::UserContext m_user;
    QString m_customerId;
    QString m_meterId;
    ChartScope m_scope;
    QString m_premiseId;
    QList<Level> m_levels;
    ChartData m_data;
    bool m_compare = true;
    quint64 m_generation = 0;
    int m_loadsFinished = 0;
    int m_costLoadsFinished = 0;
    quint64 m_costGeneration = 0;
    bool m_costShown = false;
    bool m_tableShown = false;

    Ui::MessageBar *m_bar;
    QLabel *m_premiseLabel;
    QComboBox *m_premise;
    QLabel *m_resolutionLabel;
    QComboBox *m_resolution;
    QCheckBox *m_compareBox;
    QPushButton *m_tableButton;
    QPushButton *m_costButton;
    QPushButton *m_pngButton;
    QPushButton *m_csvButton;
    QLabel *m_metersLabel;
    QWidget *m_meters;
    QHBoxLayout *m_metersLayout;
    QList<QCheckBox *> m_channelBoxes;
    QLabel *m_hereLabel;
    QWidget *m_breadcrumb;
    QHBoxLayout *m_breadcrumbLayout;
    QLabel *m_status;
    QLabel *m_keys;
    UsageChartView *m_chart;
    Ui::TableView *m_table;
    ChartTableModel *m_model;
    TouCostView *m_costView;
    QStackedWidget *m_stack;
    Ui::LoadState *m_state;
    QTimer *m_rangeTimer;
};

} // namespace Ud::Usage
