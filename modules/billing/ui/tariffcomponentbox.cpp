#include "tariffcomponentbox.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Ud::Billing {

namespace {

const QString StandingCharge = QStringLiteral("standing_charge");
const QString FlatRate = QStringLiteral("flat_rate");
const QString TieredBlocks = QStringLiteral("tiered_blocks");
const QString TimeOfUse = QStringLiteral("time_of_use");
const QString DemandCharge = QStringLiteral("demand_charge");
const QString Package = QStringLiteral("package");
const QString PrepaidAllowance = QStringLiteral("prepaid_allowance");

// Time-of-use table columns.
enum TouColumn { Season, SeasonFrom, SeasonTo, Weekday, Weekend, Holiday, Band, Start, End, Price, TouColumns };
const QStringList DayTypeKeys = {QStringLiteral("weekday"), QStringLiteral("weekend"), QStringLiteral("holiday")};

/// What the user typed, with a decimal comma read as a point ("0,25" -> "0.25").
QString decimalText(const QString &typed)
{
    QString text = typed.trimmed();
    if (!text.contains(QLatin1Char('.')) && text.count(QLatin1Char(',')) == 1)
        text.replace(QLatin1Char(','), QLatin1Char('.'));
    return text;
}

/// kWh are JSON numbers; text that is not a number stays text so TariffJson names it.
QJsonValue kwhValue(const QString &typed)
{
    const QString text = decimalText(typed);
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok ? QJsonValue(value) : QJsonValue(text);
}

QString kwhText(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 12);
    return value.toString();
}

/// A table cell that keeps what was typed.
QTableWidgetItem *cell(const QString &text)
{
    return new QTableWidgetItem(text);
}

QTableWidgetItem *checkCell(bool checked)
{
    auto *item = new QTableWidgetItem;
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return item;
}

QString cellText(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

bool cellChecked(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item && item->checkState() == Qt::Checked;
}

/// Index of `[n]` after `name` at the start of `path`, and the rest after it.
bool takeIndex(QString &path, const QString &name, int &index)
{
    const QRegularExpression shape(QStringLiteral("^%1\\[(\\d+)\\]\\.?").arg(QRegularExpression::escape(name)));
    const QRegularExpressionMatch m = shape.match(path);
    if (!m.hasMatch())
        return false;
    index = m.captured(1).toInt();
    path = path.mid(m.capturedLength());
    return true;
}

} // namespace

TariffComponentBox::TariffComponentBox(const QString &type, QWidget *parent) : QGroupBox(parent), m_type(type)
{
    build();
    retranslateUi();
}

QStringList TariffComponentBox::types()
{
    return {StandingCharge, FlatRate, TieredBlocks, TimeOfUse, DemandCharge, Package, PrepaidAllowance};
}

QString TariffComponentBox::typeName(const QString &type)
{
    if (type == StandingCharge)
        return tr("Standing charge");
    if (type == FlatRate)
        return tr("Flat rate");
    if (type == TieredBlocks)
        return tr("Tiered blocks");
    if (type == TimeOfUse)
        return tr("Time of use");
    if (type == DemandCharge)
        return tr("Demand charge");
    if (type == Package)
        return tr("Package");
    if (type == PrepaidAllowance)
        return tr("Prepaid allowance");
    return type;
}

QString TariffComponentBox::fieldLabel(const QString &key) const
{
    if (key == QLatin1String("perDay"))
        return tr("Price per &day:");
    if (key == QLatin1String("perKwh"))
        return tr("Price per &kWh:");
    if (key == QLatin1String("perKw"))
        return tr("Price per k&W of maximum demand:");
    if (key == QLatin1String("includedKwhPerMonth"))
        return tr("&Included kWh per month:");
    if (key == QLatin1String("peakPerKwh"))
        return tr("&Peak price per kWh beyond them:");
    if (key == QLatin1String("offPeakPerKwh"))
        return tr("&Off-peak price per kWh beyond them:");
    if (key == QLatin1String("offPeakBands"))
        return tr("Off-peak &bands (time-of-use band names, comma-separated):");
    if (key == QLatin1String("dailyAllowanceKwh"))
        return tr("&Daily allowance (kWh):");
    if (key == QLatin1String("carryOverCapKwh"))
        return tr("&Carry-over cap (kWh):");
    return key;
}

void TariffComponentBox::build()
{
    auto *outer = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    outer->addLayout(form);
    if (m_type == StandingCharge) {
        addField(QStringLiteral("perDay"), false);
    } else if (m_type == FlatRate) {
        addField(QStringLiteral("perKwh"), false);
    } else if (m_type == DemandCharge) {
        addField(QStringLiteral("perKw"), false);
    } else if (m_type == Package) {
        addField(QStringLiteral("includedKwhPerMonth"), true);
        addField(QStringLiteral("peakPerKwh"), false);
        addField(QStringLiteral("offPeakPerKwh"), false);
        addField(QStringLiteral("offPeakBands"), false);
    } else if (m_type == PrepaidAllowance) {
        addField(QStringLiteral("dailyAllowanceKwh"), true);
        addField(QStringLiteral("carryOverCapKwh"), true);
    } else if (m_type == TieredBlocks) {
        m_periodLabel = new QLabel(this);
        m_period = new QComboBox(this);
        m_period->addItem(QString(), QStringLiteral("monthly"));
        m_period->addItem(QString(), QStringLiteral("annual"));
        m_periodLabel->setBuddy(m_period);
        form->addRow(m_periodLabel, m_period);
        connect(m_period, &QComboBox::activated, this, &TariffComponentBox::changed);
        buildTable(2);
    } else if (m_type == TimeOfUse) {
        buildTable(TouColumns);
    }
    for (const Field &f : std::as_const(m_fields))
        form->addRow(f.label, f.edit);

    auto *buttons = new QHBoxLayout;
    if (m_table) {
        m_addRow = new QPushButton(this);
        m_removeRow = new QPushButton(this);
        connect(m_addRow, &QPushButton::clicked, this, &TariffComponentBox::addRow);
        connect(m_removeRow, &QPushButton::clicked, this, &TariffComponentBox::removeRow);
        outer->addWidget(m_table);
        buttons->addWidget(m_addRow);
        buttons->addWidget(m_removeRow);
    }
    buttons->addStretch();
    m_remove = new QPushButton(this);
    connect(m_remove, &QPushButton::clicked, this, &TariffComponentBox::removeRequested);
    buttons->addWidget(m_remove);
    outer->addLayout(buttons);
}

void TariffComponentBox::addField(const QString &key, bool kwh)
{
    Field f;
    f.key = key;
    f.kwh = kwh;
    f.label = new QLabel(this);
    f.edit = new QLineEdit(this);
    f.edit->setObjectName(key);
    f.label->setBuddy(f.edit);
    connect(f.edit, &QLineEdit::editingFinished, this, [this, edit = f.edit] {
        if (edit->isModified()) {
            edit->setModified(false);
            emit changed();
        }
    });
    m_fields.append(f);
}

void TariffComponentBox::buildTable(int columns)
{
    m_table = new QTableWidget(0, columns, this);
    m_table->verticalHeader()->setVisible(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_table->setTabKeyNavigation(false);
    connect(m_table, &QTableWidget::itemChanged, this, &TariffComponentBox::changed);
}

void TariffComponentBox::addRow()
{
    const int row = m_table->currentRow() >= 0 ? m_table->currentRow() + 1 : m_table->rowCount();
    const QSignalBlocker block(m_table);
    m_table->insertRow(row);
    if (m_type == TimeOfUse) {
        // A new band continues the season and day types of the row above.
        for (int c = 0; c < TouColumns; ++c) {
            const bool check = c == Weekday || c == Weekend || c == Holiday;
            if (check)
                m_table->setItem(row, c, checkCell(row > 0 && cellChecked(m_table, row - 1, c)));
            else
                m_table->setItem(row, c, cell(row > 0 && c <= SeasonTo ? cellText(m_table, row - 1, c) : QString()));
        }
    } else {
        for (int c = 0; c < m_table->columnCount(); ++c)
            m_table->setItem(row, c, cell(QString()));
    }
    m_table->setCurrentCell(row, m_type == TimeOfUse ? int(Band) : 0);
    m_table->setFocus();
    emit changed();
}

void TariffComponentBox::removeRow()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    m_table->removeRow(row);
    emit changed();
}

QLineEdit *TariffComponentBox::field(const QString &key) const
{
    for (const Field &f : m_fields) {
        if (f.key == key)
            return f.edit;
    }
    return nullptr;
}

QJsonObject TariffComponentBox::toJson() const
{
    QJsonObject json{{QStringLiteral("type"), m_type}};
    for (const Field &f : m_fields) {
        const QString text = f.edit->text().trimmed();
        if (text.isEmpty())
            continue;
        if (f.key == QLatin1String("offPeakBands")) {
            QJsonArray bands;
            for (const QString &band : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
                bands.append(band.trimmed());
            json.insert(f.key, bands);
        } else {
            json.insert(f.key, f.kwh ? kwhValue(text) : QJsonValue(decimalText(text)));
        }
    }
    if (m_type == TieredBlocks) {
        json.insert(QStringLiteral("period"), m_period->currentData().toString());
        QJsonArray blocks;
        for (int r = 0; r < m_table->rowCount(); ++r) {
            QJsonObject block;
            const QString upTo = cellText(m_table, r, 0);
            if (!upTo.isEmpty())
                block.insert(QStringLiteral("upToKwh"), kwhValue(upTo));
            block.insert(QStringLiteral("perKwh"), decimalText(cellText(m_table, r, 1)));
            blocks.append(block);
        }
        json.insert(QStringLiteral("blocks"), blocks);
    } else if (m_type == TimeOfUse) {
        const QJsonObject tou = touJson();
        json.insert(QStringLiteral("seasons"), tou.value(QStringLiteral("seasons")));
    }
    return json;
}

QJsonObject TariffComponentBox::touJson() const
{
    // Rows of one season (by name, in first-seen order) with the same day types form one
    // schedule; its bands are the rows in table order.
    struct Schedule {
        QStringList dayTypes;
        QJsonArray bands;
    };
    struct SeasonRows {
        QString name, from, to;
        QList<Schedule> schedules;
    };
    QList<SeasonRows> seasons;
    m_touRows.clear();
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const QString name = cellText(m_table, r, Season);
        qsizetype s = 0;
        while (s < seasons.size() && seasons.at(s).name != name)
            ++s;
        if (s == seasons.size())
            seasons.append({name, cellText(m_table, r, SeasonFrom), cellText(m_table, r, SeasonTo), {}});
        QStringList dayTypes;
        for (int c = Weekday; c <= Holiday; ++c) {
            if (cellChecked(m_table, r, c))
                dayTypes.append(DayTypeKeys.at(c - Weekday));
        }
        QList<Schedule> &schedules = seasons[s].schedules;
        qsizetype d = 0;
        while (d < schedules.size() && schedules.at(d).dayTypes != dayTypes)
            ++d;
        if (d == schedules.size())
            schedules.append({dayTypes, {}});
        m_touRows.append({int(s), int(d), int(schedules.at(d).bands.size())});
        schedules[d].bands.append(QJsonObject{{QStringLiteral("name"), cellText(m_table, r, Band)},
                                              {QStringLiteral("start"), cellText(m_table, r, Start)},
                                              {QStringLiteral("end"), cellText(m_table, r, End)},
                                              {QStringLiteral("perKwh"), decimalText(cellText(m_table, r, Price))}});
    }
    QJsonArray list;
    for (const SeasonRows &season : std::as_const(seasons)) {
        QJsonArray days;
        for (const Schedule &schedule : season.schedules)
            days.append(QJsonObject{{QStringLiteral("dayTypes"), QJsonArray::fromStringList(schedule.dayTypes)},
                                    {QStringLiteral("bands"), schedule.bands}});
        list.append(QJsonObject{{QStringLiteral("name"), season.name},
                                {QStringLiteral("from"), season.from},
                                {QStringLiteral("to"), season.to},
                                {QStringLiteral("days"), days}});
    }
    return {{QStringLiteral("seasons"), list}};
}

void TariffComponentBox::setJson(const QJsonObject &json)
{
    for (const Field &f : std::as_const(m_fields)) {
        const QJsonValue value = json.value(f.key);
        if (value.isArray()) {
            QStringList names;
            for (const QJsonValue &v : value.toArray())
                names.append(v.toString());
            f.edit->setText(names.join(QStringLiteral(", ")));
        } else {
            f.edit->setText(f.kwh ? kwhText(value) : value.toString());
        }
        f.edit->setModified(false);
    }
    if (!m_table)
        return;
    const QSignalBlocker block(m_table);
    m_table->setRowCount(0);
    if (m_type == TieredBlocks) {
        m_period->setCurrentIndex(qMax(0, m_period->findData(json.value(QStringLiteral("period")).toString())));
        for (const QJsonValue &v : json.value(QStringLiteral("blocks")).toArray()) {
            const QJsonObject block = v.toObject();
            const int row = m_table->rowCount();
            m_table->insertRow(row);
            m_table->setItem(row, 0, cell(kwhText(block.value(QStringLiteral("upToKwh")))));
            m_table->setItem(row, 1, cell(block.value(QStringLiteral("perKwh")).toString()));
        }
    } else if (m_type == TimeOfUse) {
        setTouJson(json);
    }
}

void TariffComponentBox::setTouJson(const QJsonObject &json)
{
    for (const QJsonValue &sv : json.value(QStringLiteral("seasons")).toArray()) {
        const QJsonObject season = sv.toObject();
        for (const QJsonValue &dv : season.value(QStringLiteral("days")).toArray()) {
            const QJsonObject day = dv.toObject();
            QStringList dayTypes;
            for (const QJsonValue &t : day.value(QStringLiteral("dayTypes")).toArray())
                dayTypes.append(t.toString());
            for (const QJsonValue &bv : day.value(QStringLiteral("bands")).toArray()) {
                const QJsonObject band = bv.toObject();
                const int row = m_table->rowCount();
                m_table->insertRow(row);
                m_table->setItem(row, Season, cell(season.value(QStringLiteral("name")).toString()));
                m_table->setItem(row, SeasonFrom, cell(season.value(QStringLiteral("from")).toString()));
                m_table->setItem(row, SeasonTo, cell(season.value(QStringLiteral("to")).toString()));
                for (int c = Weekday; c <= Holiday; ++c)
                    m_table->setItem(row, c, checkCell(dayTypes.contains(DayTypeKeys.at(c - Weekday))));
                m_table->setItem(row, Band, cell(band.value(QStringLiteral("name")).toString()));
                m_table->setItem(row, Start, cell(band.value(QStringLiteral("start")).toString()));
                m_table->setItem(row, End, cell(band.value(QStringLiteral("end")).toString()));
                m_table->setItem(row, Price, cell(band.value(QStringLiteral("perKwh")).toString()));
            }
        }
    }
}

QString TariffComponentBox::placeOf(const QString &path) const
{
    QString rest = path;
    QString place = typeName(m_type);
    int index = 0;
    if (m_type == TieredBlocks && takeIndex(rest, QStringLiteral("blocks"), index)) {
        place = tr("%1, row %2").arg(place).arg(index + 1);
    } else if (m_type == TimeOfUse) {
        int season = 0, day = 0, band = 0;
        QString p = rest;
        if (takeIndex(p, QStringLiteral("seasons"), season)) {
            if (takeIndex(p, QStringLiteral("days"), day) && takeIndex(p, QStringLiteral("bands"), band)) {
                // toJson() remembered which row became which band.
                toJson();
                for (qsizetype r = 0; r < m_touRows.size(); ++r) {
                    if (m_touRows.at(r) == std::array<int, 3>{season, day, band}) {
                        place = tr("%1, row %2").arg(place).arg(r + 1);
                        rest = p;
                        break;
                    }
                }
            } else {
                toJson();
                for (qsizetype r = 0; r < m_touRows.size(); ++r) {
                    if (m_touRows.at(r)[0] == season) {
                        place = tr("%1, season of row %2").arg(place).arg(r + 1);
                        rest = p;
                        break;
                    }
                }
            }
        }
    }
    return rest.isEmpty() ? place : tr("%1 (%2)").arg(place, rest);
}

void TariffComponentBox::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QGroupBox::changeEvent(event);
}

void TariffComponentBox::retranslateUi()
{
    setTitle(typeName(m_type));
    for (const Field &f : std::as_const(m_fields))
        f.label->setText(fieldLabel(f.key));
    if (m_period) {
        m_periodLabel->setText(tr("Blocks &restart:"));
        m_period->setItemText(0, tr("Every month"));
        m_period->setItemText(1, tr("Every year"));
    }
    if (m_table) {
        if (m_type == TieredBlocks) {
            m_table->setHorizontalHeaderLabels({tr("Up to kWh (empty: no limit)"), tr("Price per kWh")});
        } else {
            m_table->setHorizontalHeaderLabels({tr("Season"), tr("From (MM-DD)"), tr("To (MM-DD)"), tr("Weekday"),
                                                tr("Weekend"), tr("Holiday"), tr("Band"), tr("Start (HH:MM)"),
                                                tr("End (HH:MM)"), tr("Price per kWh")});
        }
        m_addRow->setText(m_type == TimeOfUse ? tr("Add &band") : tr("Add &block"));
        m_removeRow->setText(tr("Remove &row"));
    }
    m_remove->setText(tr("Remove this component"));
}

} // namespace Ud::Billing
