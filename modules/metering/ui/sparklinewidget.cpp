#include "sparklinewidget.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <QStyleOptionFocusRect>

#include <algorithm>

namespace Ud::Metering {

SparklineWidget::SparklineWidget(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void SparklineWidget::setSeries(const SparklineSeries &series)
{
    m_series = series;
    update();
}

void SparklineWidget::setActivatable(bool activatable)
{
    m_activatable = activatable;
    setFocusPolicy(activatable ? Qt::StrongFocus : Qt::NoFocus);
    if (activatable)
        setCursor(Qt::PointingHandCursor);
    else
        unsetCursor();
    update();
}

void SparklineWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_activatable && event->button() == Qt::LeftButton && rect().contains(event->position().toPoint())) {
        emit activated();
        event->accept();
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void SparklineWidget::keyPressEvent(QKeyEvent *event)
{
    const int key = event->key();
    if (m_activatable && (key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_Space)) {
        emit activated();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

QSize SparklineWidget::sizeHint() const
{
    // About a word of text wide per ten days, two lines of text tall.
    const QFontMetrics fm = fontMetrics();
    return {fm.averageCharWidth() * std::max(12, m_series.dayCount()), fm.height() * 2};
}

QSize SparklineWidget::minimumSizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    return {fm.averageCharWidth() * 10, fm.height() * 2};
}

void SparklineWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    if (hasFocus()) {
        QStyleOptionFocusRect focus;
        focus.initFrom(this);
        style()->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, &p, this);
    }
    p.setRenderHint(QPainter::Antialiasing);
    // Line width follows the text size, so it stays visible at 150 % and 200 %.
    const qreal pen = std::max<qreal>(1.0, fontMetrics().height() / 12.0);
    const QRectF area = QRectF(rect()).adjusted(pen * 2, pen * 2, -pen * 2, -pen * 2);
    const auto at = [&area](const QPointF &pt) {
        return QPointF(area.left() + pt.x() * area.width(), area.bottom() - pt.y() * area.height());
    };

    QColor zero = palette().color(QPalette::Mid);
    p.setPen(QPen(zero, pen * 0.5));
    p.drawLine(QPointF(area.left(), area.bottom()), QPointF(area.right(), area.bottom()));

    const QColor line = palette().color(QPalette::WindowText);
    p.setPen(QPen(line, pen, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(line);
    for (const QList<QPointF> &run : m_series.runs()) {
        if (run.size() == 1) {
            p.drawEllipse(at(run.first()), pen, pen);
            continue;
        }
        QPainterPath path(at(run.first()));
        for (qsizetype i = 1; i < run.size(); ++i)
            path.lineTo(at(run.at(i)));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setBrush(line);
    }
}

} // namespace Ud::Metering
