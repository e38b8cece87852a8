#pragma once

#include <QStyledItemDelegate>

namespace Ud::Segments {

/// Inline editors for the condition tree (RuleTreeModel): an attribute picker listing the
/// registry's attributes and has-kinds, the operators the attribute allows, a value editor
/// for its type (a list for enums, has items and yes/no; a spin box for whole numbers; a
/// date edit; text otherwise, with "in" and "between" typed as a rule writes them:
/// "north", "east" or 3 and 6) and the period of an aggregate.
class RuleTreeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
};

} // namespace Ud::Segments
