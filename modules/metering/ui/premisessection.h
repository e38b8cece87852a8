#pragma once

#include <metering/customerusage.h>

#include <core/usercontext.h>

#include <QWidget>

#include <functional>

class QGridLayout;

namespace Ud::Core {
struct Context;
}
namespace Ud::Ui {
class CustomerView;
class LoadState;
}

namespace Ud::Metering {

/// The customer page's "Premises and meters": each premise's address and time zone, and each
/// meter's serial, commodity and interval with a sparkline of its last 30 local days' daily
/// use (unit and period in the label beside it, every figure in the tooltip). Loads in the
/// background (CustomerUsage) and again when the customer view is refreshed.
class PremisesSection : public QWidget
{
    Q_OBJECT
public:
    static constexpr const char *SectionId = "premises_meters";
    static constexpr int SectionOrder = 20;

    PremisesSection(Core::Context &context, Core::UserContext user, Ui::CustomerView &view, QWidget *parent = nullptr);

    void reload();
    Ui::LoadState *loadState() const { return m_state; }
    /// What a meter's sparkline opens (the usage chart of that meter id); none: the
    /// sparklines are pictures only.
    void setUsageOpener(std::function<void(const QString &meterId)> open);

    /// "312.4 kWh" in the user's locale: Wh shown as kWh, varh as kvarh, litres as they are.
    static QString quantityText(qint64 value, Accounts::ChannelUnit unit);
    /// The label beside a sparkline: "312.4 kWh in the 30 days to 14/06/2024".
    static QString usageLabel(const MeterUsage &usage);

protected:
    void changeEvent(QEvent *event) override;

private:
    void display(const QList<PremiseUsage> &premises);

    Core::Context &m_context;
    Core::UserContext m_user;
    QString m_customerId;
    quint64 m_generation = 0;
    QList<PremiseUsage> m_shown;
    std::function<void(const QString &meterId)> m_openUsage;
    Ui::LoadState *m_state;
    QWidget *m_content;
    QGridLayout *m_grid;
};

} // namespace Ud::Metering
