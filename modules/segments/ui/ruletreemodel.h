#pragma once

#include <rules/attributeregistry.h>
#include <rules/rule.h>

#include <QAbstractItemModel>
#include <QDate>

#include <memory>
#include <optional>
#include <vector>

namespace Ud::Segments {

/// The segment builder's condition tree as an editable item model: one row per AND / OR
/// group, NOT or condition, with the columns Condition (the attribute, or "All of" / "Any
/// of" / "Not"), Operator, Value and Period. Editing a cell, adding, grouping, negating or
/// deleting changes the tree and emits ruleEdited(); rule() gives the tree as a Rule, with
/// groups of one member read as that member and empty groups left out, so a half-built group
/// never makes the rule invalid. setRule() replaces the tree (from the text form) and emits
/// nothing.
class RuleTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { ConditionColumn, OperatorColumn, ValueColumn, PeriodColumn, ColumnCount };
    enum class NodeKind { And, Or, Not, Condition };
    enum Roles {
        NodeKindRole = Qt::UserRole + 1, ///< NodeKind as int
        /// For a condition: the attribute or has-kind name (EditRole of the Condition column).
        AttributeRole,
    };

    /// The registry must outlive the model (the page keeps it). `today` dates a new date value.
    RuleTreeModel(const Rules::AttributeRegistry &registry, QDate today, QObject *parent = nullptr);
    ~RuleTreeModel() override;

    /// Replaces the tree; an empty optional clears it.
    void setRule(const std::optional<Rules::Rule> &rule);
    /// The tree as a rule; nullopt when it holds no condition.
    std::optional<Rules::Rule> rule() const;
    bool isEmpty() const { return !m_root; }

    /// The condition at `index` (a condition row), or null.
    const Rules::Condition *conditionAt(const QModelIndex &index) const;
    NodeKind kindAt(const QModelIndex &index) const;
    const Rules::AttributeRegistry &registry() const { return m_registry; }

    /// Adds a new condition (the first attribute, its first value) to the group at or above
    /// `at` (the top becomes an AND group when it was a single condition). Returns its index.
    QModelIndex addCondition(const QModelIndex &at);
    /// Adds an AND (or OR) group holding one new condition, where addCondition would.
    QModelIndex addGroup(const QModelIndex &at, NodeKind kind);
    /// Wraps the node at `at` in NOT, or unwraps it when it is a NOT. Returns the node's index.
    QModelIndex toggleNot(const QModelIndex &at);
    /// Removes the node at `at` with everything under it.
    void remove(const QModelIndex &at);

    /// Values a rule writes for a new condition on `attribute` (name as registered).
    Rules::Condition newCondition(const QString &attribute) const;
    /// The operators `attribute` allows, in the order the operator editor lists them.
    QList<Rules::Condition::Op> operatorsFor(const QString &attribute) const;
    /// The value(s) of a condition as typed in the Value column: "north", 500, 3 and 6,
    /// "north", "east".
    static QString valueText(const Rules::Condition &condition);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /// The user changed the tree (not emitted by setRule()).
    void ruleEdited();
    /// A typed value could not be used; `message` says what to enter.
    void editRejected(const QString &message);

private:
    struct Node;
    Node *nodeAt(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node, int column = 0) const;
    std::unique_ptr<Node> build(const Rules::Rule &rule, Node *parent) const;
    std::unique_ptr<Node> conditionNode(Node *parent) const;
    /// The group at or above `at` that new members go into, making one if needed.
    Node *groupFor(const QModelIndex &at);
    QModelIndex insertInto(Node *group, std::unique_ptr<Node> node);
    bool setValues(Node &node, const QString &text);
    bool isHasKind(const QString &name) const;

    const Rules::AttributeRegistry &m_registry;
    QDate m_today;
    std::unique_ptr<Node> m_root;
};

} // namespace Ud::Segments
