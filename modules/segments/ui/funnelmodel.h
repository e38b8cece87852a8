#pragma once

#include <segments/segmentquery.h>

#include <QAbstractTableModel>

namespace Ud::Segments {

/// The funnel as a table: a first row with every customer in scope, then one row per
/// top-level condition with the customers still in after it, their share of everybody (also
/// as BarRole, 0-1, for the bar the view draws) and the condition's own true / false /
/// unknown counts; a last Members row when the include and exclude lists change the figure.
class FunnelModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ConditionColumn, RemainingColumn, ShareColumn, TrueColumn, FalseColumn, UnknownColumn, ColumnCount };
    static constexpr int BarRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    void setFunnel(const Funnel &funnel);
    void clear();
    /// Whether the shown funnel has its conditions' own outcomes yet (they follow the steps).
    bool hasOutcomes() const { return m_funnel.outcomes; }
    const Funnel &funnel() const { return m_funnel; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString text;
        qint64 remaining = 0;
        std::optional<FunnelStep> step;
    };
    Funnel m_funnel;
    QList<Row> m_rows;
};

} // namespace Ud::Segments
