#include "bulkwriter.h"

#include <core/database.h>
#include <core/error.h>

#include <QCoreApplication>
#include <QSqlDriver>
#include <QVariant>

#include <libpq-fe.h>

#include <charconv>
#include <string>

namespace Ud::Demo {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Demo::Generator)
};

/// COPY data goes to the server in pieces of this size. (At namespace scope: as a static
/// class member of type std::size_t it makes lupdate lose track of Tr::tr.)
constexpr std::size_t ChunkBytes = 1 << 20;

QString firstLine(const char *text)
{
    QString s = QString::fromUtf8(text).trimmed();
    const qsizetype nl = s.indexOf(QLatin1Char('\n'));
    return nl < 0 ? s : s.left(nl);
}

/// COPY ... FROM STDIN (text format) on the libpq connection under the thread's QPSQL
/// connection, inside the transaction the caller opened on it. Values travel as COPY text:
/// backslash, tab, newline and carriage return escaped, NULL as \N, bytea as \\x hex.
class PostgresBulkWriter : public BulkWriter
{
public:
    explicit PostgresBulkWriter(Core::Database &db) : m_connection(db.connection())
    {
        const QVariant handle = m_connection.driver()->handle();
        // Qt registers the handle under the struct's name ("pg_conn*"); older releases said "PGconn*".
        const bool libpq = handle.isValid()
                           && (qstrcmp(handle.typeName(), "pg_conn*") == 0 || qstrcmp(handle.typeName(), "PGconn*") == 0);
        if (!libpq)
            throw Core::Error(Core::Error::Kind::Database,
                              Tr::tr("The PostgreSQL driver does not give access to its connection, so demo data cannot be written."));
        m_conn = *static_cast<PGconn *const *>(handle.constData());
        m_buffer.reserve(ChunkBytes + 4096);
    }

    void write(const RowBatch &batch) override
    {
        for (int t = 0; t < TableCount; ++t) {
            const TableRows &rows = batch.tables[std::size_t(t)];
            if (rows.rowCount() > 0)
                copy(Table(t), rows);
        }
    }

private:

    [[noreturn]] void fail(Table table, const QString &why, bool conflict = false)
    {
        if (m_copying) {
            // Leave COPY mode so the connection can roll the transaction back.
            m_copying = false;
            PQputCopyEnd(m_conn, "demo data generation failed");
            while (PGresult *result = PQgetResult(m_conn))
                PQclear(result);
        }
        throw Core::Error(conflict ? Core::Error::Kind::Conflict : Core::Error::Kind::Database,
                          Tr::tr("Demo data could not be written to the table %1: %2.")
                              .arg(QLatin1String(tableSpec(table).name), why));
    }

    void flush(Table table)
    {
        if (m_buffer.empty())
            return;
        if (PQputCopyData(m_conn, m_buffer.data(), int(m_buffer.size())) != 1)
            fail(table, firstLine(PQerrorMessage(m_conn)));
        m_buffer.clear();
    }

    void appendText(std::string_view s)
    {
        for (char c : s) {
            switch (c) {
            case '\\': m_buffer += "\\\\"; break;
            case '\t': m_buffer += "\\t"; break;
            case '\n': m_buffer += "\\n"; break;
            case '\r': m_buffer += "\\r"; break;
            default: m_buffer.push_back(c); break;
            }
        }
    }

    void copy(Table table, const TableRows &rows)
    {
        const TableSpec &spec = tableSpec(table);
        std::string sql = "COPY ";
        sql += spec.name;
        sql += " (";
        for (std::size_t c = 0; c < spec.columns.size(); ++c) {
            if (c)
                sql += ", ";
            sql += spec.columns[c];
        }
        sql += ") FROM STDIN";
        PGresult *start = PQexec(m_conn, sql.c_str());
        const ExecStatusType status = PQresultStatus(start);
        const QString startError = status == PGRES_COPY_IN ? QString() : firstLine(PQresultErrorMessage(start));
        PQclear(start);
        if (status != PGRES_COPY_IN)
            fail(table, startError);
        m_copying = true;

        static const char hex[] = "0123456789abcdef";
        const qsizetype count = rows.rowCount();
        const int columns = rows.columns();
        m_buffer.clear();
        for (qsizetype r = 0; r < count; ++r) {
            for (int c = 0; c < columns; ++c) {
                if (c)
                    m_buffer.push_back('\t');
                const TableRows::Cell &cell = rows.cell(r, c);
                switch (cell.kind) {
                case TableRows::Kind::Null:
                    m_buffer += "\\N";
                    break;
                case TableRows::Kind::Integer: {
                    char digits[24];
                    const auto end = std::to_chars(digits, digits + sizeof digits, cell.integer).ptr;
                    m_buffer.append(digits, std::size_t(end - digits));
                    break;
                }
                case TableRows::Kind::Real: {
                    // Shortest text that reads back as the same double: both backends hold equal values.
                    char digits[32];
                    const auto end = std::to_chars(digits, digits + sizeof digits, cell.real).ptr;
                    m_buffer.append(digits, std::size_t(end - digits));
                    break;
                }
                case TableRows::Kind::Text:
                    appendText(rows.bytes(cell));
                    break;
                case TableRows::Kind::Blob: {
                    m_buffer += "\\\\x";  // bytea hex input, its backslash escaped for COPY
                    for (unsigned char b : rows.bytes(cell)) {
                        m_buffer.push_back(hex[b >> 4]);
                        m_buffer.push_back(hex[b & 0xf]);
                    }
                    break;
                }
                }
            }
            m_buffer.push_back('\n');
            if (m_buffer.size() >= ChunkBytes)
                flush(table);
        }
        flush(table);
        if (PQputCopyEnd(m_conn, nullptr) != 1)
            fail(table, firstLine(PQerrorMessage(m_conn)));
        m_copying = false;
        QString why;
        bool conflict = false;
        while (PGresult *result = PQgetResult(m_conn)) {
            if (PQresultStatus(result) != PGRES_COMMAND_OK && why.isEmpty()) {
                why = firstLine(PQresultErrorMessage(result));
                const char *state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
                conflict = state && qstrcmp(state, "23505") == 0;  // unique_violation
            }
            PQclear(result);
        }
        if (!why.isEmpty())
            fail(table, why, conflict);
    }

    QSqlDatabase m_connection;
    PGconn *m_conn = nullptr;
    std::string m_buffer;
    bool m_copying = false;
};

} // namespace

std::unique_ptr<BulkWriter> createPostgresBulkWriter(Core::Database &db)
{
    return std::make_unique<PostgresBulkWriter>(db);
}

} // namespace Ud::Demo
