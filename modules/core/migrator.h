#pragma once

#include <QList>
#include <QSet>
#include <QString>

#include <functional>

namespace Ud::Core {

class Database;

/// Brings a database's schema up to the version this program knows, from the migrations in
/// `sql/` (compiled into the binary). Each migration runs in its own transaction and is
/// recorded in `schema_migrations`; a database newer than the program is refused before
/// anything is touched.
class Migrator
{
public:
    struct Migration {
        int version = 0;
        QString name;
        QString sql;
    };

    explicit Migrator(Database &db);

    /// Migrations this program carries for the database's dialect, in order.
    const QList<Migration> &available() const { return m_available; }
    int latestVersion() const;
    /// Highest applied version; 0 for an empty database.
    int currentVersion();
    /// Throws Error(Database) if the database was written by a newer UtilityDesk.
    void checkNotNewer();
    /// True when migrate() would apply something.
    bool isBehind();
    /// Applies every migration not yet recorded as applied, in version order, also one below
    /// the highest applied (a database upgraded by a build that had a later migration first);
    /// returns how many ran. `progress(done, total)`.
    int migrate(const std::function<void(int, int)> &progress = {});

    /// Splits a migration file into statements (each ends with `;` at the end of a line).
    static QStringList splitStatements(const QString &sql);

private:
    /// The versions recorded in schema_migrations (none for an empty database).
    QSet<int> appliedVersions();
    QList<Migration> pendingMigrations();

    Database &m_db;
    QList<Migration> m_available;
};

} // namespace Ud::Core
