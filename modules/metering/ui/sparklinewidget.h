#pragma once

#include <metering/sparklineseries.h>

#include <QWidget>

namespace Ud::Metering {

/// A word-sized line of daily use (SparklineSeries): faint zero line, the runs of days with
/// readings in the palette's text colour, single days as dots, nothing across missing days.
/// Its size follows the font, so it scales with the text. When activatable it takes focus
/// and a click, Enter or Space emits activated() (the customer page opens the usage chart).
class SparklineWidget : public QWidget
{
    Q_OBJECT
public:
    explicit SparklineWidget(QWidget *parent = nullptr);

    void setSeries(const SparklineSeries &series);
    const SparklineSeries &series() const { return m_series; }
    void setActivatable(bool activatable);
    bool isActivatable() const { return m_activatable; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void activated();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    SparklineSeries m_series;
    bool m_activatable = false;
};

} // namespace Ud::Metering
