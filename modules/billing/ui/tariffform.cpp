#include "tariffform.h"

#include "tariffcomponentbox.h"

#include <accounts/customer.h>
#include <billing/tariff.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QToolButton>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

namespace Ud::Billing {

/// One finished edit: the form's document before and after it.
class TariffSnapshotCommand : public QUndoCommand
{
public:
    TariffSnapshotCommand(TariffForm &form, QJsonObject before, QJsonObject after)
        : m_form(form), m_before(std::move(before)), m_after(std::move(after))
    {
        setText(TariffForm::tr("Edit tariff"));
    }
    void undo() override { m_form.restore(m_before); }
    void redo() override
    {
        // The first redo is the edit the user just made: the form shows it already.
        if (m_first) {
            m_first = false;
            return;
        }
        m_form.restore(m_after);
    }

private:
    TariffForm &m_form;
    QJsonObject m_before;
    QJsonObject m_after;
    bool m_first = true;
};

namespace {

const QString ToKey = QStringLiteral("effectiveTo");

QList<Accounts::CustomerClass> classes()
{
    return {Accounts::CustomerClass::Residential, Accounts::CustomerClass::Commercial,
            Accounts::CustomerClass::Industrial, Accounts::CustomerClass::Agricultural};
}

} // namespace

TariffForm::TariffForm(QWidget *parent) : QWidget(parent), m_undo(new QUndoStack(this))
{
    build();
    retranslateUi();
    setDocument({});
}

TariffForm::~TariffForm() = default;

void TariffForm::build()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *form = new QFormLayout;
    layout->addLayout(form);

    m_codeLabel = new QLabel(this);
    m_code = new QLineEdit(this);
    m_code->setMaxLength(40);
    m_codeLabel->setBuddy(m_code);
    form->addRow(m_codeLabel, m_code);

    m_nameLabel = new QLabel(this);
    m_name = new QLineEdit(this);
    m_nameLabel->setBuddy(m_name);
    form->addRow(m_nameLabel, m_name);

    m_marketLabel = new QLabel(this);
    auto *marketRow = new QHBoxLayout;
    m_market = new QComboBox(this);
    m_market->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_currency = new QLabel(this);
    marketRow->addWidget(m_market);
    marketRow->addWidget(m_currency, 1);
    m_marketLabel->setBuddy(m_market);
    form->addRow(m_marketLabel, marketRow);

    m_classesLabel = new QLabel(this);
    auto *classRow = new QHBoxLayout;
    for (Accounts::CustomerClass c : classes()) {
        auto *box = new QCheckBox(this);
        box->setProperty("classKey", Accounts::customerClassKey(c));
        classRow->addWidget(box);
        m_classes.append(box);
        connect(box, &QCheckBox::toggled, this, &TariffForm::record);
    }
    classRow->addStretch();
    form->addRow(m_classesLabel, classRow);

    m_kindLabel = new QLabel(this);
    m_kind = new QComboBox(this);
    m_kind->addItem(QString(), tariffKindKey(TariffKind::Postpaid));
    m_kind->addItem(QString(), tariffKindKey(TariffKind::Prepaid));
    m_kindLabel->setBuddy(m_kind);
    form->addRow(m_kindLabel, m_kind);

    m_fromLabel = new QLabel(this);
    m_from = new QDateEdit(this);
    m_from->setCalendarPopup(true);
    m_from->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_fromLabel->setBuddy(m_from);
    form->addRow(m_fromLabel, m_from);

    m_toLabel = new QLabel(this);
    auto *toRow = new QHBoxLayout;
    m_to = new QDateEdit(this);
    m_to->setCalendarPopup(true);
    m_to->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_noEnd = new QCheckBox(this);
    toRow->addWidget(m_to);
    toRow->addWidget(m_noEnd, 1);
    m_toLabel->setBuddy(m_to);
    form->addRow(m_toLabel, toRow);
    connect(m_noEnd, &QCheckBox::toggled, m_to, &QWidget::setDisabled);

    m_holidaysLabel = new QLabel(this);
    m_holidays = new QLineEdit(this);
    m_holidaysLabel->setBuddy(m_holidays);
    form->addRow(m_holidaysLabel, m_holidays);

    m_componentsLabel = new QLabel(this);
    layout->addWidget(m_componentsLabel);
    m_componentLayout = new QVBoxLayout;
    layout->addLayout(m_componentLayout);
    m_add = new QToolButton(this);
    m_add->setPopupMode(QToolButton::InstantPopup);
    m_add->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_add->setMenu(new QMenu(m_add));
    for (const QString &type : TariffComponentBox::types()) {
        QAction *action = m_add->menu()->addAction(QString());
        action->setData(type);
        connect(action, &QAction::triggered, this, [this, type] {
            if (TariffComponentBox *box = addComponent(type))
                box->setFocus();
        });
    }
    layout->addWidget(m_add, 0, Qt::AlignLeft);
    layout->addStretch();

    for (QLineEdit *edit : {m_code, m_name, m_holidays}) {
        connect(edit, &QLineEdit::editingFinished, this, [this, edit] {
            if (edit->isModified()) {
                edit->setModified(false);
                record();
            }
        });
    }
    connect(m_market, &QComboBox::activated, this, [this] {
        updateCurrency();
        record();
    });
    connect(m_kind, &QComboBox::activated, this, &TariffForm::record);
    connect(m_from, &QDateEdit::editingFinished, this, &TariffForm::record);
    connect(m_to, &QDateEdit::editingFinished, this, &TariffForm::record);
    connect(m_noEnd, &QCheckBox::toggled, this, &TariffForm::record);
}

void TariffForm::setMarkets(const QList<Accounts::Market> &markets)
{
    const QString current = m_market->currentData().toString();
    m_markets = markets;
    const QSignalBlocker block(m_market);
    m_market->clear();
    for (const Accounts::Market &m : markets)
        m_market->addItem(QStringLiteral("%1 – %2").arg(m.code, m.name), m.code);
    m_market->setCurrentIndex(qMax(0, m_market->findData(current)));
    updateCurrency();
    m_recorded = document();
}

void TariffForm::updateCurrency()
{
    const QString code = m_market->currentData().toString();
    for (const Accounts::Market &m : std::as_const(m_markets)) {
        if (m.code == code) {
            m_currency->setText(tr("Prices in %1").arg(m.currency));
            return;
        }
    }
    m_currency->clear();
}

void TariffForm::setIdentityEditable(bool editable)
{
    m_code->setReadOnly(!editable);
    m_market->setEnabled(editable);
    m_kind->setEnabled(editable);
}

void TariffForm::setDocument(const QJsonObject &document, int versionIndex)
{
    restore(document.isEmpty() ? QJsonObject{} : [&] {
        QJsonObject shown = document;
        const QJsonArray versions = document.value(QStringLiteral("versions")).toArray();
        shown.insert(QStringLiteral("versions"),
                     versionIndex >= 0 && versionIndex < versions.size() ? QJsonArray{versions.at(versionIndex)} : QJsonArray{});
        return shown;
    }());
    m_undo->clear();
    m_recorded = this->document();
}

void TariffForm::restore(const QJsonObject &snapshot)
{
    m_restoring = true;
    m_code->setText(snapshot.value(QStringLiteral("code")).toString());
    m_name->setText(snapshot.value(QStringLiteral("name")).toString());
    const QString market = snapshot.value(QStringLiteral("market")).toString();
    if (!market.isEmpty() && m_market->findData(market) >= 0)
        m_market->setCurrentIndex(m_market->findData(market));
    updateCurrency();
    const QJsonArray classKeys = snapshot.value(QStringLiteral("customerClasses")).toArray();
    for (QCheckBox *box : std::as_const(m_classes))
        box->setChecked(classKeys.contains(box->property("classKey").toString()));
    m_kind->setCurrentIndex(qMax(0, m_kind->findData(snapshot.value(QStringLiteral("kind")).toString())));

    const QJsonObject version = snapshot.value(QStringLiteral("versions")).toArray().at(0).toObject();
    const QDate from = QDate::fromString(version.value(QStringLiteral("effectiveFrom")).toString(), Qt::ISODate);
    m_from->setDate(from.isValid() ? from : QDate::currentDate());
    const QDate to = QDate::fromString(version.value(ToKey).toString(), Qt::ISODate);
    m_noEnd->setChecked(!to.isValid());
    m_to->setDate(to.isValid() ? to : m_from->date());
    m_to->setDisabled(!to.isValid());
    QStringList holidays;
    for (const QJsonValue &h : version.value(QStringLiteral("holidays")).toArray())
        holidays.append(h.toString());
    m_holidays->setText(holidays.join(QStringLiteral(", ")));
    for (QLineEdit *edit : {m_code, m_name, m_holidays})
        edit->setModified(false);

    for (TariffComponentBox *box : std::as_const(m_components))
        delete box;
    m_components.clear();
    for (const QJsonValue &c : version.value(QStringLiteral("components")).toArray()) {
        const QJsonObject component = c.toObject();
        createComponent(component.value(QStringLiteral("type")).toString(), component);
    }
    updateAddMenu();
    m_recorded = snapshot;
    m_restoring = false;
    emit edited();
}

QJsonObject TariffForm::document() const
{
    QJsonArray classKeys;
    for (const QCheckBox *box : m_classes) {
        if (box->isChecked())
            classKeys.append(box->property("classKey").toString());
    }
    QString currency;
    for (const Accounts::Market &m : m_markets) {
        if (m.code == m_market->currentData().toString())
            currency = m.currency;
    }
    QJsonObject version{{QStringLiteral("effectiveFrom"), m_from->date().toString(Qt::ISODate)}};
    if (!m_noEnd->isChecked())
        version.insert(ToKey, m_to->date().toString(Qt::ISODate));
    QJsonArray holidays;
    for (const QString &h : m_holidays->text().split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts))
        holidays.append(h);
    version.insert(QStringLiteral("holidays"), holidays);
    QJsonArray components;
    for (const TariffComponentBox *box : m_components)
        components.append(box->toJson());
    version.insert(QStringLiteral("components"), components);
    return {{QStringLiteral("code"), m_code->text().trimmed()},
            {QStringLiteral("name"), m_name->text().trimmed()},
            {QStringLiteral("market"), m_market->currentData().toString()},
            {QStringLiteral("currency"), currency},
            {QStringLiteral("customerClasses"), classKeys},
            {QStringLiteral("kind"), m_kind->currentData().toString()},
            {QStringLiteral("versions"), QJsonArray{version}}};
}

void TariffForm::record()
{
    if (m_restoring)
        return;
    const QJsonObject now = document();
    if (now == m_recorded)
        return;
    m_undo->push(new TariffSnapshotCommand(*this, m_recorded, now));
    m_recorded = now;
    emit edited();
}

TariffComponentBox *TariffForm::createComponent(const QString &type, const QJsonObject &json)
{
    auto *box = new TariffComponentBox(type, this);
    box->setJson(json);
    m_componentLayout->addWidget(box);
    m_components.append(box);
    connect(box, &TariffComponentBox::changed, this, &TariffForm::record);
    connect(box, &TariffComponentBox::removeRequested, this, [this, box] { removeComponent(box); });
    return box;
}

TariffComponentBox *TariffForm::addComponent(const QString &type)
{
    for (const TariffComponentBox *box : std::as_const(m_components)) {
        if (box->type() == type)
            return nullptr;
    }
    TariffComponentBox *box = createComponent(type, {{QStringLiteral("type"), type}});
    updateAddMenu();
    record();
    return box;
}

void TariffForm::removeComponent(TariffComponentBox *box)
{
    m_components.removeOne(box);
    box->deleteLater();
    box->hide();
    updateAddMenu();
    record();
    m_add->setFocus();
}

void TariffForm::updateAddMenu()
{
    for (QAction *action : m_add->menu()->actions()) {
        bool present = false;
        for (const TariffComponentBox *box : std::as_const(m_components))
            present = present || box->type() == action->data().toString();
        action->setEnabled(!present);
    }
}

QString TariffForm::locationText(const QString &message) const
{
    // "versions[0].components[2].rest: sentence" -> "<component place>: sentence"
    static const QRegularExpression path(QStringLiteral("^versions\\[0\\]\\.components\\[(\\d+)\\]\\.?([^:\\s]*):\\s*(.*)$"),
                                         QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = path.match(message);
    if (m.hasMatch()) {
        const int index = m.captured(1).toInt();
        if (index < m_components.size())
            return tr("%1: %2").arg(m_components.at(index)->placeOf(m.captured(2)), m.captured(3));
    }
    static const QRegularExpression version(QStringLiteral("^versions\\[0\\]\\.?([^:\\s]*):\\s*(.*)$"),
                                            QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch v = version.match(message);
    if (v.hasMatch()) {
        const QString key = v.captured(1);
        QString place = tr("Version");
        if (key == QLatin1String("effectiveFrom"))
            place = tr("In force from");
        else if (key == ToKey)
            place = tr("Until");
        else if (key.startsWith(QLatin1String("holidays")))
            place = tr("Public holidays");
        else if (key == QLatin1String("components"))
            place = tr("Components");
        return tr("%1: %2").arg(place, v.captured(2));
    }
    return message;
}

void TariffForm::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TariffForm::retranslateUi()
{
    m_codeLabel->setText(tr("&Code:"));
    m_code->setPlaceholderText(tr("Letters, digits, - _ . (unique in the market)"));
    m_nameLabel->setText(tr("&Name customers see:"));
    m_marketLabel->setText(tr("&Market:"));
    updateCurrency();
    m_classesLabel->setText(tr("Customer classes:"));
    for (QCheckBox *box : std::as_const(m_classes)) {
        const auto c = Accounts::customerClassFromKey(box->property("classKey").toString());
        box->setText(c ? Accounts::customerClassName(*c) : QString());
    }
    m_kindLabel->setText(tr("&Kind:"));
    m_kind->setItemText(0, tr("Postpaid (billed)"));
    m_kind->setItemText(1, tr("Prepaid (pay as you go)"));
    m_fromLabel->setText(tr("In &force from:"));
    m_toLabel->setText(tr("&Until:"));
    m_noEnd->setText(tr("No end yet"));
    m_holidaysLabel->setText(tr("Public &holidays:"));
    m_holidays->setPlaceholderText(tr("YYYY-MM-DD, comma-separated; priced by the time-of-use holiday schedule"));
    m_componentsLabel->setText(tr("Prices of this version:"));
    m_add->setText(tr("&Add component"));
    for (QAction *action : m_add->menu()->actions())
        action->setText(TariffComponentBox::typeName(action->data().toString()));
}

} // namespace Ud::Billing
