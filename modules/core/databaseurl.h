#pragma once

#include <QString>

namespace Ud::Core {

/// Where the data lives: `sqlite:///absolute/path/file.db` or
/// `postgresql://user:password@host:port/database?sslmode=require`.
/// Parsing never touches the network or the disk.
class DatabaseUrl
{
public:
    enum class Backend { Sqlite, Postgres };

    /// Throws Error(BadInput) naming the URL and what is wrong with it.
    static DatabaseUrl parse(const QString &text);
    /// The per-user default: a SQLite file in the user's data directory.
    static DatabaseUrl defaultUrl();

    Backend backend() const { return m_backend; }
    bool isSqlite() const { return m_backend == Backend::Sqlite; }
    QString filePath() const { return m_path; }     ///< SQLite only
    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString userName() const { return m_user; }
    QString password() const { return m_password; }
    QString databaseName() const { return m_database; }
    QString sslMode() const { return m_sslMode; }
    /// libpq/QPSQL connect options other than the ones above (e.g. connect_timeout).
    QString connectOptions() const { return m_options; }

    /// The URL as the user typed it, with any password masked: safe for messages and logs.
    QString toDisplayString() const;
    /// The full URL including the password (for settings only).
    QString toString() const { return m_text; }

private:
    Backend m_backend = Backend::Sqlite;
    QString m_text;
    QString m_path;
    QString m_host;
    int m_port = 5432;
    QString m_user;
    QString m_password;
    QString m_database;
    QString m_sslMode;
    QString m_options;
};

} // namespace Ud::Core
