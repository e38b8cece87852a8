#pragma once

#include <usage/usagechart.h>

#include <QChartView>
#include <QHash>
#include <QList>
#include <QPoint>

#include <optional>
#include <utility>

class QAreaSeries;
class QCategoryAxis;
class QLineSeries;
class QRubberBand;
class QScatterSeries;
class QValueAxis;

namespace Ud::Usage {

/// Draws a loaded usage chart (ChartData) on a real time axis, so a day of 23 or 25 hours is as
/// wide as it lasted: each series is an area from zero (bars of their true span where every
/// point is drawn, a line through the kept points of a thinned series); export (solar) below
/// the axis; a series with more points than can be told apart as bars (MaxAreaPoints) is drawn
/// as a thin line per run of readings instead, which paints in a fraction of the time; the same
/// period a year before behind it in a muted colour; estimated readings
/// hatched on top (a thinned point is hatched when its stretch holds any); stretches without
/// readings are left empty and marked "No readings", never drawn as zero. Energy and volume
/// get an axis each. Only maps numbers: the series are computed by UsageChartService, and the
/// series are filled with QXYSeries::replace(), never point by point.
///
/// Mouse: the wheel zooms around the pointer, Shift+wheel pans, dragging a span zooms to it,
/// a click drills into the point. Keys: Left/Right (Home/End) move the current point, Enter
/// drills into it, Backspace or Alt+Left goes back, + and - zoom, Shift+Left/Right pan, 0
/// shows the whole period again. A zoom or pan emits rangeRequested() so the owner re-reads
/// the new range at the resolution that fits instead of stretching what is drawn.
class UsageChartView : public QChartView
{
    Q_OBJECT
public:
    /// Above this many points a series is drawn as lines (when it has at most MaxLineRuns runs):
    /// filling thousands of bars a pixel wide costs the raster engine hundreds of milliseconds.
    static constexpr int MaxAreaPoints = 300;
    static constexpr int MaxLineRuns = 100;

    explicit UsageChartView(QWidget *parent = nullptr);

    /// Draws `data`; the x axis shows [fromUtc, toUtc) when given, else the request's days.
    void setData(const ChartData &data, std::optional<std::pair<qint64, qint64>> visible = std::nullopt);
    const ChartData &data() const { return m_data; }

    /// The x axis range, UTC seconds.
    std::pair<qint64, qint64> visibleRange() const;
    /// The period's whole range, UTC seconds.
    std::pair<qint64, qint64> fullRange() const;
    /// Zooms the time axis by `factor` (> 1 zooms in) around `centreUtc` (the middle when not given).
    void zoomBy(double factor, std::optional<double> centreUtc = std::nullopt);
    /// Moves the time axis by `fraction` of its width (negative: back in time).
    void panBy(double fraction);
    void zoomToRange(qint64 fromUtc, qint64 toUtc);

    /// The point under the keyboard cursor: index of the series in data() and of the point, or -1.
    std::pair<int, int> currentPoint() const { return {m_currentSeries, m_currentIndex}; }
    void setCurrentPoint(int series, int index);
    /// The words for a point: "Sun 27 Oct 2024 01:00 GMT – 01:15 GMT: 0.4 kWh, estimated".
    QString describe(int series, int index) const;

    /// What is drawn for a series of data(): its area, its estimated overlay (or nullptr).
    QAreaSeries *areaOf(int series) const;
    QAreaSeries *estimatedOf(int series) const;
    QAreaSeries *gapsArea() const { return m_gaps; }
    /// Whether the series of data() is drawn as lines (else as an area of bars).
    bool drawnAsLines(int series) const;
    /// Every vertex drawn for a series of data(): its area's outline, or its lines one after another.
    QList<QPointF> drawnPoints(int series) const;
    QCategoryAxis *timeAxis() const { return m_timeAxis; }
    QValueAxis *energyAxis() const { return m_energyAxis; }
    QValueAxis *volumeAxis() const { return m_volumeAxis; }
    /// The data point drawn at `x` (UTC seconds) in a series of this period, or {-1, -1}.
    std::pair<int, int> pointAt(double x) const;

signals:
    void drillRequested(int series, int index);
    void backRequested();
    void rangeRequested(qint64 fromUtc, qint64 toUtc);
    void currentPointChanged(const QString &description);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Drawn {
        QAreaSeries *area = nullptr;
        QAreaSeries *estimated = nullptr;
        QList<QLineSeries *> lines; ///< one per run when drawn as lines; spare ones empty
        bool asLines = false;
    };
    void rebuild();
    void fill();
    void applyPalette();
    void setTimeRange(double from, double to, bool request);
    void updateTicks();
    void updateCursor();
    double xAt(const QPoint &pos) const;
    QValueAxis *axisFor(Accounts::ChannelUnit unit) const;

    ChartData m_data;
    QList<Drawn> m_drawn;
    QList<QString> m_structure;   ///< what m_drawn was built for: rebuilt only when it changes
    QAreaSeries *m_gaps = nullptr;
    QScatterSeries *m_cursor = nullptr;
    QCategoryAxis *m_timeAxis = nullptr;
    QValueAxis *m_energyAxis = nullptr;
    QValueAxis *m_volumeAxis = nullptr;
    int m_currentSeries = -1;
    int m_currentIndex = -1;
    QRubberBand *m_band = nullptr;
    QPoint m_pressAt;
    bool m_pressed = false;
};

} // namespace Ud::Usage
