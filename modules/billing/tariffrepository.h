#pragma once

#include "tariff.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace Ud::Core {
class Database;
}

namespace Ud::Billing {

/// SQL for tariffs and their versions, on the calling thread's connection inside the caller's
/// Transaction. Versions are stored with their dates in columns and the rest as the JSON body
/// of TariffJson::versionBody.
class TariffRepository
{
public:
    explicit TariffRepository(Core::Database &db);

    /// The tariff with its versions (oldest first), or nullopt.
    std::optional<Tariff> byCode(const QString &marketCode, const QString &code);
    void insert(const Tariff &tariff);
    /// Name, classes and updated_at.
    void updateHeader(const Tariff &tariff);
    void insertVersion(const QString &tariffId, const TariffVersion &version, qint64 now);
    /// Ends the version starting on `effectiveFrom` on `effectiveTo`.
    void setEffectiveTo(const QString &tariffId, const QDate &effectiveFrom, const QDate &effectiveTo);
    /// Every tariff by market and code, with the version in force on `today`.
    QList<TariffListRow> list(const QDate &today);

private:
    QList<TariffVersion> versions(const QString &tariffId, TariffKind kind);

    Core::Database &m_db;
};

} // namespace Ud::Billing
