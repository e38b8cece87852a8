#include "bulkwriter.h"

#include <core/database.h>
#include <core/error.h>

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

#include <string>

namespace Ud::Demo {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Demo::Generator)
};

/// Rows per multi-row INSERT, largest first. Each statement execution carries fixed costs
/// (opening a cursor per index, a statement savepoint, closing it all again) that dwarf a
/// single row's insert; the smaller sizes take what is left of a batch.
constexpr int RowsPerStatement[] = {256, 16, 1};
constexpr int StatementSizes = 3;

/// Multi-row INSERTs on the raw handle of the thread's QSQLITE connection (the Qt plugin links
/// the same system libsqlite3), prepared once.
///
/// While the writer lives, the connection runs with a 128 MiB page cache (a batch touches index
/// pages of nine tables), without re-checking CHECK constraints and without foreign-key
/// lookups. SQLite turns every `x IN ('a','b','c')` CHECK into a temporary index built afresh
/// for each row, which alone costs a third of the insert time; the values here come from the
/// generator's fixed key lists and its own ids, so they cannot break those rules. PostgreSQL,
/// fed the very same values, enforces both during COPY, and the tests run SQLite's
/// integrity_check and foreign_key_check over generated data. The previous settings are restored
/// afterwards. (PRAGMA foreign_keys is a no-op inside a transaction: a caller holding one keeps
/// the checks, only slower.)
class SqliteBulkWriter : public BulkWriter
{
public:
    explicit SqliteBulkWriter(Core::Database &db) : m_connection(db.connection())
    {
        const QVariant handle = m_connection.driver()->handle();
        if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
            throw Core::Error(Core::Error::Kind::Database,
                              Tr::tr("The SQLite driver does not give access to its connection, so demo data cannot be written."));
        m_db = *static_cast<sqlite3 *const *>(handle.constData());

        m_previousCacheSize = pragma(QStringLiteral("cache_size"), QStringLiteral("-131072"));  // 128 MiB
        m_previousForeignKeys = pragma(QStringLiteral("foreign_keys"), QStringLiteral("OFF"));
        m_previousIgnoreChecks = pragma(QStringLiteral("ignore_check_constraints"), QStringLiteral("ON"));

        for (int t = 0; t < TableCount; ++t) {
            for (int k = 0; k < StatementSizes; ++k)
                m_statements[t][k] = prepare(Table(t), RowsPerStatement[k]);
        }
    }

    ~SqliteBulkWriter() override
    {
        finalize();
        pragma(QStringLiteral("ignore_check_constraints"), QString::number(m_previousIgnoreChecks));
        pragma(QStringLiteral("foreign_keys"), QString::number(m_previousForeignKeys));
        pragma(QStringLiteral("cache_size"), QString::number(m_previousCacheSize));
    }

    void write(const RowBatch &batch) override
    {
        for (int t = 0; t < TableCount; ++t) {
            const TableRows &rows = batch.tables[std::size_t(t)];
            const qsizetype count = rows.rowCount();
            qsizetype r = 0;
            for (int k = 0; k < StatementSizes; ++k) {
                for (; r + RowsPerStatement[k] <= count; r += RowsPerStatement[k])
                    insert(Table(t), m_statements[t][k], rows, r, RowsPerStatement[k]);
            }
        }
    }

private:
    /// Sets a connection PRAGMA and returns its previous value. PRAGMAs take no bound
    /// parameters; names and values here are the constants above or integers read back.
    qint64 pragma(const QString &name, const QString &value)
    {
        QSqlQuery q(m_connection);
        qint64 previous = 0;
        if (q.exec(QStringLiteral("PRAGMA ") + name) && q.next())
            previous = q.value(0).toLongLong();
        q.finish();
        q.exec(QStringLiteral("PRAGMA %1 = %2").arg(name, value));
        return previous;
    }

    sqlite3_stmt *prepare(Table table, int rows)
    {
        const TableSpec &spec = tableSpec(table);
        std::string sql = "INSERT INTO ";
        sql += spec.name;
        sql += " (";
        for (std::size_t c = 0; c < spec.columns.size(); ++c) {
            if (c)
                sql += ", ";
            sql += spec.columns[c];
        }
        sql += ") VALUES ";
        for (int r = 0; r < rows; ++r) {
            sql += r ? ", (" : "(";
            for (std::size_t c = 0; c < spec.columns.size(); ++c)
                sql += c ? ", ?" : "?";
            sql += ")";
        }
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v3(m_db, sql.c_str(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
            const QString why = QString::fromUtf8(sqlite3_errmsg(m_db));
            finalize();
            throw Core::Error(Core::Error::Kind::Database,
                              Tr::tr("The database has no usable table %1 for demo data (%2); run \"utilitydesk migrate\" first.")
                                  .arg(QLatin1String(spec.name), why));
        }
        return stmt;
    }

    void insert(Table table, sqlite3_stmt *stmt, const TableRows &rows, qsizetype first, int count)
    {
        const int columns = rows.columns();
        int parameter = 1;
        for (qsizetype r = first; r < first + count; ++r) {
            for (int c = 0; c < columns; ++c, ++parameter) {
                const TableRows::Cell &cell = rows.cell(r, c);
                switch (cell.kind) {
                case TableRows::Kind::Null:
                    sqlite3_bind_null(stmt, parameter);
                    break;
                case TableRows::Kind::Integer:
                    sqlite3_bind_int64(stmt, parameter, cell.integer);
                    break;
                case TableRows::Kind::Real:
                    sqlite3_bind_double(stmt, parameter, cell.real);
                    break;
                case TableRows::Kind::Text: {
                    const std::string_view s = rows.bytes(cell);
                    sqlite3_bind_text(stmt, parameter, s.data(), int(s.size()), SQLITE_STATIC);
                    break;
                }
                case TableRows::Kind::Blob: {
                    const std::string_view s = rows.bytes(cell);
                    sqlite3_bind_blob(stmt, parameter, s.data(), int(s.size()), SQLITE_STATIC);
                    break;
                }
                }
            }
        }
        const int rc = sqlite3_step(stmt);
        if (rc != SQLITE_DONE) {
            const QString why = QString::fromUtf8(sqlite3_errmsg(m_db));
            sqlite3_reset(stmt);
            const bool conflict = (rc & 0xff) == SQLITE_CONSTRAINT;
            throw Core::Error(conflict ? Core::Error::Kind::Conflict : Core::Error::Kind::Database,
                              Tr::tr("Demo data could not be written to the table %1: %2.")
                                  .arg(QLatin1String(tableSpec(table).name), why));
        }
        sqlite3_reset(stmt);
    }

    void finalize()
    {
        for (auto &statements : m_statements) {
            for (sqlite3_stmt *&stmt : statements) {
                sqlite3_finalize(stmt);
                stmt = nullptr;
            }
        }
    }

    QSqlDatabase m_connection;
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statements[TableCount][StatementSizes] = {};
    qint64 m_previousCacheSize = -2000;
    qint64 m_previousForeignKeys = 1;
    qint64 m_previousIgnoreChecks = 0;
};

} // namespace

std::unique_ptr<BulkWriter> createSqliteBulkWriter(Core::Database &db)
{
    return std::make_unique<SqliteBulkWriter>(db);
}

std::unique_ptr<BulkWriter> BulkWriter::create(Core::Database &db)
{
    return db.dialect().isSqlite() ? createSqliteBulkWriter(db) : createPostgresBulkWriter(db);
}

} // namespace Ud::Demo
