#include "ruletreedelegate.h"

#include "ruletreemodel.h"

#include <rules/ruleprinter.h>

#include <QComboBox>
#include <QDateEdit>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSpinBox>

#include <algorithm>
#include <limits>

namespace Ud::Segments {

namespace {
using Rules::Condition;

/// How a value editor's content becomes the Value column's text (rule syntax).
enum class ValueForm { Literal, QuotedText };
const char *const FormProperty = "udValueForm";

QComboBox *comboOf(QWidget *parent, const QList<std::pair<QString, QVariant>> &items)
{
    auto *combo = new QComboBox(parent);
    for (const auto &[text, data] : items)
        combo->addItem(text, data);
    return combo;
}
} // namespace

QWidget *RuleTreeDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const auto *model = qobject_cast<const RuleTreeModel *>(index.model());
    if (!model)
        return QStyledItemDelegate::createEditor(parent, option, index);
    const RuleTreeModel::NodeKind kind = model->kindAt(index);
    if (kind == RuleTreeModel::NodeKind::And || kind == RuleTreeModel::NodeKind::Or)
        return comboOf(parent, {{RuleTreeModel::tr("All of (and)"), int(RuleTreeModel::NodeKind::And)},
                                {RuleTreeModel::tr("Any of (or)"), int(RuleTreeModel::NodeKind::Or)}});
    const Condition *c = model->conditionAt(index);
    if (!c)
        return nullptr;
    const Rules::AttributeRegistry &registry = model->registry();
    const Rules::AttributeDefinition *attribute = registry.attribute(c->attribute);
    switch (index.column()) {
    case RuleTreeModel::ConditionColumn: {
        QList<std::pair<QString, QVariant>> items;
        for (const Rules::AttributeDefinition &a : registry.attributes())
            items.append({a.name, a.name});
        for (const Rules::HasKind &k : registry.hasKinds())
            items.append({QStringLiteral("has %1").arg(k.name), k.name});
        return comboOf(parent, items);
    }
    case RuleTreeModel::OperatorColumn: {
        QList<std::pair<QString, QVariant>> items;
        for (Condition::Op op : model->operatorsFor(c->attribute))
            items.append({Rules::RulePrinter::text(op), int(op)});
        return comboOf(parent, items);
    }
    case RuleTreeModel::PeriodColumn: {
        auto *combo = comboOf(parent, {});
        combo->setEditable(true);
        for (const Rules::Period &p : {Rules::Period{1, Rules::Period::Unit::Months}, Rules::Period{3, Rules::Period::Unit::Months},
                                       Rules::Period{6, Rules::Period::Unit::Months}, Rules::Period{12, Rules::Period::Unit::Months},
                                       Rules::Period{2, Rules::Period::Unit::Years}})
            combo->addItem(Rules::RulePrinter::text(p));
        return combo;
    }
    case RuleTreeModel::ValueColumn: break;
    default: return nullptr;
    }

    // The value editor.
    const bool several = c->op == Condition::Op::In || c->op == Condition::Op::Between;
    QStringList allowed;
    if (c->op == Condition::Op::Has) {
        if (const Rules::HasKind *k = registry.hasKind(c->attribute))
            allowed = k->allowedValues;
    } else if (attribute && attribute->type == Rules::AttributeType::Enum) {
        allowed = attribute->allowedValues;
    }
    if (!several && !allowed.isEmpty()) {
        QList<std::pair<QString, QVariant>> items;
        for (const QString &value : std::as_const(allowed))
            items.append({value, Rules::RulePrinter::text(Rules::Value::string(value))});
        return comboOf(parent, items);
    }
    if (!several && attribute && attribute->type == Rules::AttributeType::Boolean)
        return comboOf(parent, {{QStringLiteral("true"), QStringLiteral("true")}, {QStringLiteral("false"), QStringLiteral("false")}});
    if (!several && attribute && attribute->type == Rules::AttributeType::Integer) {
        auto *spin = new QSpinBox(parent);
        spin->setRange(std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
        return spin;
    }
    if (!several && attribute && attribute->type == Rules::AttributeType::Date) {
        auto *date = new QDateEdit(parent);
        date->setCalendarPopup(true);
        date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        return date;
    }
    auto *line = new QLineEdit(parent);
    const bool quoted = !several && (c->op == Condition::Op::Has || (attribute && attribute->type == Rules::AttributeType::Text));
    line->setProperty(FormProperty, int(quoted ? ValueForm::QuotedText : ValueForm::Literal));
    if (!several && attribute && attribute->type == Rules::AttributeType::Decimal)
        line->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("-?\\d+(\\.\\d{0,6})?")), line));
    return line;
}

void RuleTreeDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    const auto *model = qobject_cast<const RuleTreeModel *>(index.model());
    const Condition *c = model ? model->conditionAt(index) : nullptr;
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        QVariant current = index.data(Qt::EditRole);
        if (c && index.column() == RuleTreeModel::ValueColumn && !c->values.isEmpty())
            current = Rules::RulePrinter::text(c->values.first());
        if (combo->isEditable()) {
            combo->setCurrentText(current.toString());
            return;
        }
        const int at = combo->findData(current);
        combo->setCurrentIndex(at < 0 ? 0 : at);
    } else if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        spin->setValue(c && !c->values.isEmpty() && c->values.first().type() == Rules::Value::Type::Integer
                           ? int(std::clamp(c->values.first().toInteger(), qint64(spin->minimum()), qint64(spin->maximum())))
                           : 0);
    } else if (auto *date = qobject_cast<QDateEdit *>(editor)) {
        if (c && !c->values.isEmpty() && c->values.first().type() == Rules::Value::Type::Date)
            date->setDate(c->values.first().toDate());
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        if (c && ValueForm(line->property(FormProperty).toInt()) == ValueForm::QuotedText && !c->values.isEmpty()
            && c->values.first().type() == Rules::Value::Type::String)
            line->setText(c->values.first().toString());
        else
            line->setText(index.data(Qt::EditRole).toString());
    } else {
        QStyledItemDelegate::setEditorData(editor, index);
    }
}

void RuleTreeDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        model->setData(index, combo->isEditable() ? QVariant(combo->currentText()) : combo->currentData());
    } else if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        model->setData(index, QString::number(spin->value()));
    } else if (auto *date = qobject_cast<QDateEdit *>(editor)) {
        model->setData(index, date->date().toString(Qt::ISODate));
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        const bool quoted = ValueForm(line->property(FormProperty).toInt()) == ValueForm::QuotedText;
        model->setData(index, quoted ? Rules::RulePrinter::text(Rules::Value::string(line->text())) : line->text());
    } else {
        QStyledItemDelegate::setModelData(editor, model, index);
    }
}

} // namespace Ud::Segments
