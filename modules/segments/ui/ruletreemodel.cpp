#include "ruletreemodel.h"

#include <core/error.h>
#include <rules/ruleparser.h>
#include <rules/ruleprinter.h>

#include <QRegularExpression>

#include <functional>

namespace Ud::Segments {

using Rules::Condition;
using Rules::Rule;
using Rules::Value;

struct RuleTreeModel::Node
{
    NodeKind kind = NodeKind::Condition;
    Condition condition;
    std::vector<std::unique_ptr<Node>> children;
    Node *parent = nullptr;

    int row() const
    {
        if (!parent)
            return 0;
        for (size_t i = 0; i < parent->children.size(); ++i)
            if (parent->children[i].get() == this)
                return int(i);
        return 0;
    }
    bool isGroup() const { return kind == NodeKind::And || kind == NodeKind::Or; }
};

namespace {

std::optional<Rule> toRule(const RuleTreeModel::NodeKind kind, const Condition &condition,
                           const std::vector<std::optional<Rule>> &children)
{
    std::vector<Rule> present;
    for (const auto &child : children)
        if (child)
            present.push_back(*child);
    switch (kind) {
    case RuleTreeModel::NodeKind::Condition: return Rule(condition);
    case RuleTreeModel::NodeKind::Not:
        if (present.empty())
            return std::nullopt;
        return Rule::negate(present.front());
    case RuleTreeModel::NodeKind::And:
    case RuleTreeModel::NodeKind::Or:
        if (present.empty())
            return std::nullopt;
        if (present.size() == 1)
            return present.front();
        return kind == RuleTreeModel::NodeKind::And ? Rule::all(std::move(present)) : Rule::any(std::move(present));
    }
    return std::nullopt;
}

/// The parser's sentence without its "Position N: " (the position is in a text the user did
/// not type).
QString withoutPosition(const QString &message)
{
    static const QRegularExpression prefix(QStringLiteral("^Position \\d+: "));
    QString text = message;
    text.remove(prefix);
    return text;
}

} // namespace

RuleTreeModel::RuleTreeModel(const Rules::AttributeRegistry &registry, QDate today, QObject *parent)
    : QAbstractItemModel(parent), m_registry(registry), m_today(today)
{
}

RuleTreeModel::~RuleTreeModel() = default;

std::unique_ptr<RuleTreeModel::Node> RuleTreeModel::build(const Rule &rule, Node *parent) const
{
    auto node = std::make_unique<Node>();
    node->parent = parent;
    switch (rule.kind()) {
    case Rule::Kind::Condition:
        node->kind = NodeKind::Condition;
        node->condition = rule.condition();
        return node;
    case Rule::Kind::Not: node->kind = NodeKind::Not; break;
    case Rule::Kind::And: node->kind = NodeKind::And; break;
    case Rule::Kind::Or: node->kind = NodeKind::Or; break;
    }
    for (const Rule &child : rule.children())
        node->children.push_back(build(child, node.get()));
    return node;
}

void RuleTreeModel::setRule(const std::optional<Rule> &rule)
{
    beginResetModel();
    m_root = rule ? build(*rule, nullptr) : nullptr;
    endResetModel();
}

std::optional<Rule> RuleTreeModel::rule() const
{
    if (!m_root)
        return std::nullopt;
    std::function<std::optional<Rule>(const Node &)> convert = [&](const Node &node) {
        std::vector<std::optional<Rule>> children;
        for (const auto &child : node.children)
            children.push_back(convert(*child));
        return toRule(node.kind, node.condition, children);
    };
    return convert(*m_root);
}

RuleTreeModel::Node *RuleTreeModel::nodeAt(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : nullptr;
}

QModelIndex RuleTreeModel::indexOf(const Node *node, int column) const
{
    if (!node)
        return {};
    return createIndex(node->row(), column, const_cast<Node *>(node));
}

const Condition *RuleTreeModel::conditionAt(const QModelIndex &index) const
{
    const Node *node = nodeAt(index);
    return node && node->kind == NodeKind::Condition ? &node->condition : nullptr;
}

RuleTreeModel::NodeKind RuleTreeModel::kindAt(const QModelIndex &index) const
{
    const Node *node = nodeAt(index);
    return node ? node->kind : NodeKind::Condition;
}

bool RuleTreeModel::isHasKind(const QString &name) const
{
    return !m_registry.attribute(name) && m_registry.hasKind(name);
}

Condition RuleTreeModel::newCondition(const QString &attribute) const
{
    Condition c;
    if (const Rules::HasKind *kind = m_registry.attribute(attribute) ? nullptr : m_registry.hasKind(attribute)) {
        c.attribute = kind->name;
        c.op = Condition::Op::Has;
        c.values = {Value::string(kind->allowedValues.value(0))};
        return c;
    }
    const Rules::AttributeDefinition *a = m_registry.attribute(attribute);
    if (!a)
        return c;
    c.attribute = a->name;
    c.op = Condition::Op::Equal;
    if (a->takesPeriod)
        c.period = Rules::Period{12, Rules::Period::Unit::Months};
    switch (a->type) {
    case Rules::AttributeType::Enum: c.values = {Value::string(a->allowedValues.value(0))}; break;
    case Rules::AttributeType::Text: c.values = {Value::string(QString())}; break;
    case Rules::AttributeType::Integer: c.values = {Value::integer(0)}; break;
    case Rules::AttributeType::Decimal:
        c.op = Condition::Op::Greater;
        c.values = {Value::decimal(Rules::Decimal{0})};
        break;
    case Rules::AttributeType::Boolean: c.values = {Value::boolean(true)}; break;
    case Rules::AttributeType::Date: c.values = {Value::date(m_today)}; break;
    }
    return c;
}

QList<Condition::Op> RuleTreeModel::operatorsFor(const QString &attribute) const
{
    using Op = Condition::Op;
    if (isHasKind(attribute))
        return {Op::Has};
    const Rules::AttributeDefinition *a = m_registry.attribute(attribute);
    if (!a)
        return {};
    switch (a->type) {
    case Rules::AttributeType::Boolean: return {Op::Equal, Op::NotEqual};
    case Rules::AttributeType::Enum: return {Op::Equal, Op::NotEqual, Op::In};
    case Rules::AttributeType::Text:
        return {Op::Equal, Op::NotEqual, Op::In, Op::Matches, Op::Less, Op::LessOrEqual, Op::Greater, Op::GreaterOrEqual, Op::Between};
    case Rules::AttributeType::Integer:
    case Rules::AttributeType::Decimal:
    case Rules::AttributeType::Date:
        return {Op::Equal, Op::NotEqual, Op::Less, Op::LessOrEqual, Op::Greater, Op::GreaterOrEqual, Op::Between, Op::In};
    }
    return {};
}

QString RuleTreeModel::valueText(const Condition &condition)
{
    QStringList values;
    for (const Value &v : condition.values)
        values << Rules::RulePrinter::text(v);
    if (condition.op == Condition::Op::Between)
        return values.join(QStringLiteral(" and "));
    return values.join(QStringLiteral(", "));
}

std::unique_ptr<RuleTreeModel::Node> RuleTreeModel::conditionNode(Node *parent) const
{
    auto node = std::make_unique<Node>();
    node->parent = parent;
    const QString first = !m_registry.attributes().isEmpty() ? m_registry.attributes().first().name
                                                             : m_registry.hasKinds().value(0).name;
    node->condition = newCondition(first);
    return node;
}

RuleTreeModel::Node *RuleTreeModel::groupFor(const QModelIndex &at)
{
    Node *node = nodeAt(at);
    if (!node)
        node = m_root.get();
    while (node && !node->isGroup())
        node = node->parent;
    if (node)
        return node;
    // No group above: the top becomes an AND group holding what was there.
    beginResetModel();
    auto group = std::make_unique<Node>();
    group->kind = NodeKind::And;
    if (m_root) {
        m_root->parent = group.get();
        group->children.push_back(std::move(m_root));
    }
    m_root = std::move(group);
    endResetModel();
    return m_root.get();
}

QModelIndex RuleTreeModel::insertInto(Node *group, std::unique_ptr<Node> node)
{
    const int row = int(group->children.size());
    beginInsertRows(indexOf(group), row, row);
    node->parent = group;
    group->children.push_back(std::move(node));
    endInsertRows();
    emit ruleEdited();
    return indexOf(group->children.back().get());
}

QModelIndex RuleTreeModel::addCondition(const QModelIndex &at)
{
    if (!m_root) {
        beginResetModel();
        m_root = conditionNode(nullptr);
        endResetModel();
        emit ruleEdited();
        return indexOf(m_root.get());
    }
    Node *group = groupFor(at);
    return insertInto(group, conditionNode(group));
}

QModelIndex RuleTreeModel::addGroup(const QModelIndex &at, NodeKind kind)
{
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->children.push_back(conditionNode(node.get()));
    if (!m_root) {
        beginResetModel();
        m_root = std::move(node);
        endResetModel();
        emit ruleEdited();
        return indexOf(m_root.get());
    }
    return insertInto(groupFor(at), std::move(node));
}

QModelIndex RuleTreeModel::toggleNot(const QModelIndex &at)
{
    Node *node = nodeAt(at);
    if (!node)
        return {};
    beginResetModel();
    Node *parent = node->parent;
    std::unique_ptr<Node> *slot = parent ? &parent->children[size_t(node->row())] : &m_root;
    Node *result = nullptr;
    if (node->kind == NodeKind::Not && !node->children.empty()) {
        std::unique_ptr<Node> inner = std::move(node->children.front());
        inner->parent = parent;
        result = inner.get();
        *slot = std::move(inner);
    } else {
        auto wrapper = std::make_unique<Node>();
        wrapper->kind = NodeKind::Not;
        wrapper->parent = parent;
        std::unique_ptr<Node> inner = std::move(*slot);
        inner->parent = wrapper.get();
        wrapper->children.push_back(std::move(inner));
        result = wrapper.get();
        *slot = std::move(wrapper);
    }
    endResetModel();
    emit ruleEdited();
    return indexOf(result);
}

void RuleTreeModel::remove(const QModelIndex &at)
{
    Node *node = nodeAt(at);
    if (!node)
        return;
    if (!node->parent) {
        beginResetModel();
        m_root.reset();
        endResetModel();
    } else {
        Node *parent = node->parent;
        const int row = node->row();
        beginRemoveRows(indexOf(parent), row, row);
        parent->children.erase(parent->children.begin() + row);
        endRemoveRows();
    }
    emit ruleEdited();
}

QModelIndex RuleTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row == 0 && m_root ? createIndex(0, column, m_root.get()) : QModelIndex();
    const Node *node = nodeAt(parent);
    if (!node || row >= int(node->children.size()))
        return {};
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex RuleTreeModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeAt(child);
    return node ? indexOf(node->parent) : QModelIndex();
}

int RuleTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return m_root ? 1 : 0;
    if (parent.column() != 0)
        return 0;
    const Node *node = nodeAt(parent);
    return node ? int(node->children.size()) : 0;
}

int RuleTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant RuleTreeModel::data(const QModelIndex &index, int role) const
{
    const Node *node = nodeAt(index);
    if (!node)
        return {};
    if (role == NodeKindRole)
        return int(node->kind);
    if (node->kind != NodeKind::Condition) {
        if (index.column() != ConditionColumn)
            return {};
        if (role == Qt::EditRole)
            return int(node->kind);
        if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
            return {};
        switch (node->kind) {
        case NodeKind::And: return tr("All of (and)");
        case NodeKind::Or: return tr("Any of (or)");
        case NodeKind::Not: return tr("Not");
        case NodeKind::Condition: break;
        }
        return {};
    }
    const Condition &c = node->condition;
    if (role == AttributeRole)
        return c.attribute;
    if (role == Qt::ToolTipRole)
        return Rules::RulePrinter::text(c);
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case ConditionColumn:
        if (role == Qt::EditRole)
            return c.attribute;
        return c.op == Condition::Op::Has ? QStringLiteral("has %1").arg(c.attribute) : c.attribute;
    case OperatorColumn:
        if (role == Qt::EditRole)
            return int(c.op);
        return c.op == Condition::Op::Has ? QString() : Rules::RulePrinter::text(c.op);
    case ValueColumn: return valueText(c);
    case PeriodColumn: return c.period ? Rules::RulePrinter::text(*c.period) : QString();
    }
    return {};
}

bool RuleTreeModel::setValues(Node &node, const QString &text)
{
    // The Value column is typed as a rule writes values; the parser checks them against the
    // attribute exactly as it checks the text form.
    Condition &c = node.condition;
    const QString head = c.op == Condition::Op::Has
                             ? QStringLiteral("has %1 ").arg(c.attribute)
                             : c.attribute + (c.period ? QStringLiteral("(%1)").arg(Rules::RulePrinter::text(*c.period)) : QString())
                                   + QLatin1Char(' ');
    QString rule;
    switch (c.op) {
    case Condition::Op::Has: rule = head + text; break;
    case Condition::Op::In: rule = head + QStringLiteral("in (%1)").arg(text); break;
    default: rule = head + Rules::RulePrinter::text(c.op) + QLatin1Char(' ') + text; break;
    }
    try {
        const Rule parsed = Rules::RuleParser::parse(rule, m_registry);
        if (parsed.kind() != Rule::Kind::Condition)
            throw Core::Error(Core::Error::Kind::BadInput, tr("Enter one value, such as %1.").arg(valueText(newCondition(c.attribute))));
        c.values = parsed.condition().values;
        return true;
    } catch (const Core::Error &e) {
        emit editRejected(tr("%1: %2").arg(c.attribute, withoutPosition(e.message())));
        return false;
    }
}

bool RuleTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    Node *node = nodeAt(index);
    if (!node || role != Qt::EditRole)
        return false;
    if (node->isGroup()) {
        if (index.column() != ConditionColumn)
            return false;
        const auto kind = NodeKind(value.toInt());
        if (kind != NodeKind::And && kind != NodeKind::Or)
            return false;
        if (kind == node->kind)
            return true;
        node->kind = kind;
    } else if (node->kind == NodeKind::Condition) {
        Condition &c = node->condition;
        switch (index.column()) {
        case ConditionColumn: {
            const QString name = value.toString();
            if (!m_registry.attribute(name) && !m_registry.hasKind(name))
                return false;
            if (name == c.attribute)
                return true;
            c = newCondition(name);
            break;
        }
        case OperatorColumn: {
            const auto op = Condition::Op(value.toInt());
            if (!operatorsFor(c.attribute).contains(op))
                return false;
            if (op == c.op)
                return true;
            // Keep what can be kept: the first value, doubled for a range.
            const Value first = c.values.isEmpty() ? newCondition(c.attribute).values.value(0) : c.values.first();
            c.op = op;
            c.values = op == Condition::Op::Between ? QList<Value>{first, first} : QList<Value>{first};
            break;
        }
        case ValueColumn:
            if (!setValues(*node, value.toString()))
                return false;
            break;
        case PeriodColumn: {
            const Rules::AttributeDefinition *a = m_registry.attribute(c.attribute);
            if (!a || !a->takesPeriod)
                return false;
            const QString text = c.attribute + QStringLiteral("(%1) = 0").arg(value.toString());
            try {
                c.period = Rules::RuleParser::parse(text, m_registry).condition().period;
            } catch (const Core::Error &e) {
                emit editRejected(tr("%1: %2").arg(c.attribute, withoutPosition(e.message())));
                return false;
            }
            break;
        }
        default: return false;
        }
    } else {
        return false;
    }
    emit dataChanged(this->index(index.row(), 0, index.parent()), this->index(index.row(), ColumnCount - 1, index.parent()));
    emit ruleEdited();
    return true;
}

Qt::ItemFlags RuleTreeModel::flags(const QModelIndex &index) const
{
    const Node *node = nodeAt(index);
    if (!node)
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    bool editable = false;
    if (node->isGroup()) {
        editable = index.column() == ConditionColumn;
    } else if (node->kind == NodeKind::Condition) {
        const Rules::AttributeDefinition *a = m_registry.attribute(node->condition.attribute);
        switch (index.column()) {
        case ConditionColumn:
        case ValueColumn: editable = true; break;
        case OperatorColumn: editable = node->condition.op != Condition::Op::Has; break;
        case PeriodColumn: editable = a && a->takesPeriod; break;
        }
    }
    return editable ? f | Qt::ItemIsEditable : f;
}

QVariant RuleTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ConditionColumn: return tr("Condition");
    case OperatorColumn: return tr("Operator");
    case ValueColumn: return tr("Value");
    case PeriodColumn: return tr("Period");
    }
    return {};
}

} // namespace Ud::Segments
