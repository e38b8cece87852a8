#include "premisessection.h"

#include "sparklinewidget.h"

#include <core/module.h>
#include <core/ui/background.h>
#include <core/ui/customerview.h>
#include <core/ui/loadstate.h>

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace Ud::Metering {

namespace {
QLabel *label(const QString &text, QWidget *parent, const QString &objectName = {})
{
    auto *l = new QLabel(text, parent);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (!objectName.isEmpty())
        l->setObjectName(objectName);
    return l;
}

QString dayText(const QDate &day)
{
    return QLocale().toString(day, QLocale::ShortFormat);
}

QString intervalText(int minutes)
{
    return minutes == 1440 ? PremisesSection::tr("daily readings")
                           : PremisesSection::tr("every %n minutes", nullptr, minutes);
}
} // namespace

PremisesSection::PremisesSection(Core::Context &context, Core::UserContext user, Ui::CustomerView &view,
                                 QWidget *parent)
    : QWidget(parent), m_context(context), m_user(std::move(user)), m_customerId(view.customerId()),
      m_content(new QWidget), m_grid(new QGridLayout(m_content))
{
    setObjectName(QStringLiteral("premisesSection"));
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_state = new Ui::LoadState(m_content, this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_state);
    connect(&view, &Ui::CustomerView::refreshed, this, &PremisesSection::reload);
    reload();
}

QString PremisesSection::quantityText(qint64 value, Accounts::ChannelUnit unit)
{
    const QLocale locale;
    switch (unit) {
    case Accounts::ChannelUnit::WattHour: return tr("%1 kWh").arg(locale.toString(double(value) / 1000.0, 'f', 1));
    case Accounts::ChannelUnit::VarHour: return tr("%1 kvarh").arg(locale.toString(double(value) / 1000.0, 'f', 1));
    case Accounts::ChannelUnit::Litre: return tr("%1 L").arg(locale.toString(value));
    }
    return locale.toString(value);
}

QString PremisesSection::usageLabel(const MeterUsage &usage)
{
    if (!usage.hasImport)
        return tr("No consumption channel");
    const SparklineSeries series = SparklineSeries::fromDailyTotals(usage.from, usage.to, usage.days);
    if (series.presentDays() == 0)
        return tr("No readings in the %n days to %1", nullptr, series.dayCount()).arg(dayText(usage.to));
    QString text = tr("%1 in the %n days to %2", nullptr, series.dayCount())
                       .arg(quantityText(series.total(), usage.unit), dayText(usage.to));
    const int missing = series.dayCount() - series.presentDays();
    if (missing > 0)
        text += QStringLiteral(" · ") + tr("%n days without readings", nullptr, missing);
    return text;
}

void PremisesSection::setUsageOpener(std::function<void(const QString &meterId)> open)
{
    m_openUsage = std::move(open);
    if (m_state->state() == Ui::LoadState::State::Content)
        display(m_shown);
}

void PremisesSection::reload()
{
    const quint64 generation = ++m_generation;
    if (m_state->state() != Ui::LoadState::State::Content)
        m_state->showLoading();
    Core::Context *context = &m_context;
    const Core::UserContext user = m_user;
    const QString id = m_customerId;
    Ui::runInBackground(
        m_context.database, this,
        [context, user, id] { return CustomerUsage(context->database, context->clock).ofCustomer(user, id); },
        [this, generation](const QList<PremiseUsage> &premises) {
            if (generation == m_generation)
                display(premises);
        },
        [this, generation](const QString &error) {
            if (generation == m_generation)
                m_state->showError(error, [this] { reload(); });
        });
}

void PremisesSection::display(const QList<PremiseUsage> &premises)
{
    m_shown = premises;
    while (QLayoutItem *item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (premises.isEmpty()) {
        m_state->showEmpty(tr("No premises or meters yet."));
        return;
    }
    int row = 0;
    for (const PremiseUsage &p : premises) {
        const QString address = p.premise.id.isEmpty()
                                    ? tr("Meters not at one of the customer's premises")
                                    : tr("%1 (time zone %2)").arg(p.premise.singleLineAddress(), p.premise.timeZone);
        auto *heading = label(address, m_content, QStringLiteral("premiseAddress"));
        QFont bold = heading->font();
        bold.setBold(true);
        heading->setFont(bold);
        heading->setWordWrap(true);
        m_grid->addWidget(heading, row++, 0, 1, 5);
        if (p.meters.isEmpty()) {
            m_grid->addWidget(label(tr("No meters at this premise."), m_content), row++, 0, 1, 5);
            continue;
        }
        for (const MeterUsage &m : p.meters) {
            QString serial = m.serial;
            if (m.removedOn.isValid())
                serial = tr("%1 (removed on %2)").arg(m.serial, dayText(m.removedOn));
            m_grid->addWidget(label(serial, m_content, QStringLiteral("meterSerial")), row, 0);
            m_grid->addWidget(label(Accounts::commodityName(m.commodity), m_content), row, 1);
            m_grid->addWidget(label(intervalText(m.intervalMinutes), m_content), row, 2);
            auto *spark = new SparklineWidget(m_content);
            spark->setObjectName(QStringLiteral("usageSparkline"));
            const SparklineSeries series = SparklineSeries::fromDailyTotals(m.from, m.to, m.days);
            spark->setSeries(series);
            QString tip = tr("Daily use of meter %1 from %2 to %3, local days of the premise")
                              .arg(m.serial, dayText(m.from), dayText(m.to));
            if (series.presentDays() > 0)
                tip += QLatin1Char('\n')
                       + tr("Total %1, highest day %2").arg(quantityText(series.total(), m.unit),
                                                            quantityText(series.maximum(), m.unit));
            if (m_openUsage && m.hasImport) {
                tip += QLatin1Char('\n') + tr("Click or press Enter for the usage chart.");
                spark->setActivatable(true);
                const QString meterId = m.meterId;
                connect(spark, &SparklineWidget::activated, this, [this, meterId] {
                    if (m_openUsage)
                        m_openUsage(meterId);
                });
            }
            spark->setToolTip(tip);
            spark->setAccessibleName(tip);
            spark->setVisible(m.hasImport);
            m_grid->addWidget(spark, row, 3);
            m_grid->addWidget(label(usageLabel(m), m_content, QStringLiteral("usageLabel")), row, 4);
            ++row;
        }
    }
    m_grid->setColumnStretch(4, 1);
    m_state->showContent();
}

void PremisesSection::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_state->state() == Ui::LoadState::State::Content)
        display(m_shown);
    QWidget::changeEvent(event);
}

} // namespace Ud::Metering
