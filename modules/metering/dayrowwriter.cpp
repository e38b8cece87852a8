#include "dayrowwriter.h"

#include <core/database.h>
#include <core/error.h>
#include <core/pgcopy.h>

#include <QCoreApplication>
#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

namespace Ud::Metering {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::ReadingStore)
};

const char InsertSql[] =
    "INSERT INTO interval_days (channel_id, local_day, interval_minutes, reading_count, readings, quality, "
    "day_total, present_count, estimated_count, updated_at, peak_total, night_total, max_value) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

class SqliteDayRowWriter : public DayRowWriter
{
public:
    explicit SqliteDayRowWriter(const QSqlDatabase &connection)
    {
        const QVariant handle = connection.driver()->handle();
        if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
            throw Core::Error(Core::Error::Kind::Database,
                              Tr::tr("The SQLite driver does not give access to its connection, so readings cannot be stored."));
        m_db = *static_cast<sqlite3 *const *>(handle.constData());
        if (sqlite3_prepare_v3(m_db, InsertSql, -1, SQLITE_PREPARE_PERSISTENT, &m_insert, nullptr) != SQLITE_OK)
            fail();
    }
    ~SqliteDayRowWriter() override { sqlite3_finalize(m_insert); }

    void insert(const QList<DayRow> &rows) override
    {
        for (const DayRow &row : rows) {
            const QByteArray channel = row.channelId.toUtf8();
            const QByteArray day = row.localDay.toUtf8();
            sqlite3_bind_text(m_insert, 1, channel.constData(), int(channel.size()), SQLITE_STATIC);
            sqlite3_bind_text(m_insert, 2, day.constData(), int(day.size()), SQLITE_STATIC);
            sqlite3_bind_int(m_insert, 3, row.intervalMinutes);
            sqlite3_bind_int(m_insert, 4, row.readingCount);
            sqlite3_bind_blob(m_insert, 5, row.readings.constData(), int(row.readings.size()), SQLITE_STATIC);
            sqlite3_bind_blob(m_insert, 6, row.quality.constData(), int(row.quality.size()), SQLITE_STATIC);
            sqlite3_bind_int64(m_insert, 7, row.total);
            sqlite3_bind_int(m_insert, 8, row.presentCount);
            sqlite3_bind_int(m_insert, 9, row.estimatedCount);
            sqlite3_bind_int64(m_insert, 10, row.updatedAt);
            if (row.peakTotal)
                sqlite3_bind_int64(m_insert, 11, *row.peakTotal);
            else
                sqlite3_bind_null(m_insert, 11);
            if (row.nightTotal)
                sqlite3_bind_int64(m_insert, 12, *row.nightTotal);
            else
                sqlite3_bind_null(m_insert, 12);
            sqlite3_bind_int64(m_insert, 13, row.maxValue);
            const int rc = sqlite3_step(m_insert);
            sqlite3_reset(m_insert);
            if (rc != SQLITE_DONE)
                fail();
        }
        sqlite3_clear_bindings(m_insert);
    }

private:
    [[noreturn]] void fail()
    {
        const int code = sqlite3_extended_errcode(m_db);
        const QString why = QString::fromUtf8(sqlite3_errmsg(m_db));
        const bool conflict = code == SQLITE_CONSTRAINT_PRIMARYKEY || code == SQLITE_CONSTRAINT_UNIQUE;
        throw Core::Error(conflict ? Core::Error::Kind::Conflict : Core::Error::Kind::Database,
                          Tr::tr("Readings could not be stored: %1.").arg(why));
    }

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insert = nullptr;
};

class PostgresDayRowWriter : public DayRowWriter
{
public:
    explicit PostgresDayRowWriter(const QSqlDatabase &connection) : m_connection(connection) {}

    void insert(const QList<DayRow> &rows) override
    {
        if (rows.isEmpty())
            return;
        Core::PgCopy copy(m_connection,
                          QStringLiteral("COPY interval_days (channel_id, local_day, interval_minutes, reading_count, "
                                         "readings, quality, day_total, present_count, estimated_count, updated_at, "
                                         "peak_total, night_total, max_value) "
                                         "FROM STDIN"),
                          Tr::tr("Readings"));
        for (const DayRow &row : rows) {
            copy.text(row.channelId)
                .text(row.localDay)
                .integer(row.intervalMinutes)
                .integer(row.readingCount)
                .bytea(row.readings)
                .bytea(row.quality)
                .integer(row.total)
                .integer(row.presentCount)
                .integer(row.estimatedCount)
                .integer(row.updatedAt);
            if (row.peakTotal)
                copy.integer(*row.peakTotal);
            else
                copy.null();
            if (row.nightTotal)
                copy.integer(*row.nightTotal);
            else
                copy.null();
            copy.integer(row.maxValue).endRow();
        }
        copy.finish();
    }

private:
    QSqlDatabase m_connection;
};
} // namespace

std::unique_ptr<DayRowWriter> DayRowWriter::create(Core::Database &db)
{
    if (db.dialect().isSqlite())
        return std::make_unique<SqliteDayRowWriter>(db.connection());
    return std::make_unique<PostgresDayRowWriter>(db.connection());
}

} // namespace Ud::Metering
