#pragma once

#include "rowbatch.h"
#include "runplan.h"

#include <QString>

#include <string>

namespace Ud::Core {
class FieldCipher;
}

namespace Ud::Demo {

struct ApplianceMix;
class DemoTariffs;
struct Location;

/// Turns customers of a RunPlan into rows. A customer's rows depend only on the plan and its
/// index, never on the batch it falls in or on the wall clock, so batches may be built on a
/// worker thread while the previous one is written. Sensitive values are encrypted here with
/// the FieldCipher (the only part that is not deterministic: each encryption draws its IV).
class RowBuilder
{
public:
    /// With `tariffs`, every account gets a tariff of its market, class and payment type
    /// (account_tariffs) from the day it opened, or the tariffs' first day if later.
    RowBuilder(const RunPlan &plan, const Core::FieldCipher &cipher, const DemoTariffs *tariffs = nullptr);

    /// Clears `batch` and fills it with customers [first, first + count) of the run.
    void build(qint64 first, qint64 count, RowBatch &batch) const;

private:
    struct Customer;

    void buildCustomer(qint64 index, RowBatch &batch) const;
    /// The a-th account with its premise, appliances, service points, meters and channels.
    void buildSite(Customer &customer, int account, RowBatch &batch) const;
    /// Notes what the interval phase needs of a meter just built (closedDay: the account's
    /// closure, else the reference day).
    void addProfile(MeterProfile &profile, const Customer &customer, int account, Commodity commodity, int supply,
                    int interval, const Location &location, const ApplianceMix &mix, qint64 installedDay,
                    qint64 closedDay, bool removed, quint64 key, RowBatch &batch) const;
    void appendCustomer(Customer &customer, TableRows &customers) const;
    void appendSensitive(TableRows &customers, const std::string &plain, const QString &column,
                         const QString &rowId) const;
    void appendVulnerabilities(Customer &customer, TableRows &flags) const;
    void appendInteractions(Customer &customer, TableRows &interactions) const;

    const RunPlan &m_plan;
    const Core::FieldCipher &m_cipher;
    const DemoTariffs *m_tariffs = nullptr;
};

} // namespace Ud::Demo
