#pragma once

#include "tariff.h"
#include "tariffrepository.h"

#include <accounts/account.h>

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace Ud::Core {
struct Context;
class UserContext;
}

namespace Ud::Billing {

/// What one import did: the tariff as stored afterwards, whether it was new, the versions the
/// file added, the stored versions it left alone because the file has them unchanged, and the
/// open-ended stored versions it ended the day before a newer one starts.
struct TariffImport {
    Tariff tariff;
    bool created = false;
    bool changed = false;     ///< false when the file held nothing new (nothing was written)
    QList<TariffVersion> added;
    QList<TariffVersion> unchanged;
    QList<TariffVersion> ended;
};

/// Tariffs: import them from the JSON format (TariffJson, docs/tariffs.md), list them, and
/// find the version in force on a day. Reading needs ViewCustomers, changing ManageCatalog.
/// An import is one transaction with its audit entry ("tariff.create" or "tariff.update"):
/// a file whose code is already defined in its market adds its versions to that tariff (and
/// updates its name and classes). A new version may not share a day with a stored one, except
/// that a stored version with no end is ended the day before a later version starts (the usual
/// "new prices from 1 April"). A stored version repeated unchanged in the file is left alone, so
/// importing the same file twice changes nothing (and
/// writes no audit entry). Bad input throws Core::Error(BadInput) with
/// the file name and JSON path; nothing of the file is stored then.
class TariffService
{
public:
    explicit TariffService(Core::Context &context);

    /// `source` names the file in messages ("gb-e7.json: versions[0]...").
    TariffImport importJson(const Core::UserContext &user, const QByteArray &json, const QString &source);
    /// Reads the file, then as importJson with the file's path as source.
    TariffImport importFile(const Core::UserContext &user, const QString &path);
    /// Every tariff by market and code, with the version in force today (by the clock, UTC).
    QList<TariffListRow> list(const Core::UserContext &user);
    /// The markets a tariff may be for (ViewCustomers), by code.
    QList<Accounts::Market> markets(const Core::UserContext &user);
    /// Throws NotFound naming the code and market.
    Tariff get(const Core::UserContext &user, const QString &marketCode, const QString &code);
    /// The version of the tariff in force on `date`, nullopt on a day without one. Throws
    /// NotFound for an unknown tariff.
    std::optional<TariffVersion> versionOn(const Core::UserContext &user, const QString &marketCode,
                                           const QString &code, const QDate &date);

private:
    Core::Context &m_context;
    TariffRepository m_tariffs;
};

} // namespace Ud::Billing
