#include "bulkwriter.h"

#include <core/database.h>
#include <core/pgcopy.h>

#include <QCoreApplication>

#include <string>

namespace Ud::Demo {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Demo::Generator)
};

/// COPY ... FROM STDIN of each table's rows on the thread's PostgreSQL connection, inside the
/// transaction the caller opened on it (Core::PgCopy does the COPY text format and errors).
class PostgresBulkWriter : public BulkWriter
{
public:
    explicit PostgresBulkWriter(Core::Database &db) : m_connection(db.connection())
    {
        Core::PgCopy::handle(m_connection); // fails now, not half-way, if there is no libpq handle
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
    void copy(Table table, const TableRows &rows)
    {
        const TableSpec &spec = tableSpec(table);
        std::string columns;
        for (std::size_t c = 0; c < spec.columns.size(); ++c) {
            if (c)
                columns += ", ";
            columns += spec.columns[c];
        }
        Core::PgCopy copy(m_connection,
                          QStringLiteral("COPY %1 (%2) FROM STDIN")
                              .arg(QLatin1String(spec.name), QString::fromLatin1(columns.c_str())),
                          Tr::tr("Demo data for the table %1").arg(QLatin1String(spec.name)));
        const qsizetype count = rows.rowCount();
        const int width = rows.columns();
        for (qsizetype r = 0; r < count; ++r) {
            for (int c = 0; c < width; ++c) {
                const TableRows::Cell &cell = rows.cell(r, c);
                switch (cell.kind) {
                case TableRows::Kind::Null: copy.null(); break;
                case TableRows::Kind::Integer: copy.integer(cell.integer); break;
                case TableRows::Kind::Real: copy.real(cell.real); break;
                case TableRows::Kind::Text: copy.text(rows.bytes(cell)); break;
                case TableRows::Kind::Blob: copy.bytea(rows.bytes(cell)); break;
                }
            }
            copy.endRow();
        }
        copy.finish();
    }

    QSqlDatabase m_connection;
};

} // namespace

std::unique_ptr<BulkWriter> createPostgresBulkWriter(Core::Database &db)
{
    return std::make_unique<PostgresBulkWriter>(db);
}

} // namespace Ud::Demo
