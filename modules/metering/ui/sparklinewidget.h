#pragma once

#include <metering/sparklineseries.h>

#include <QWidget>

namespace Ud::Metering {

/// A word-sized line of daily use (SparklineSeries): faint zero line, the runs of days with
/// readings in the palette's text colour, single days as dots, nothing across missing days.
/// Its size follows the font, so it scales with the text.
class SparklineWidget : public QWidget
{
    Q_OBJECT
public:
    explicit SparklineWidget(QWidget *parent = nullptr);

    void setSeries(const SparklineSeries &series);
    const SparklineSeries &series() const { return m_series; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    SparklineSeries m_series;
};

} // namespace Ud::Metering
