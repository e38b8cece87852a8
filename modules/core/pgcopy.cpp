#include "pgcopy.h"

#include "error.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QVariant>

#include <libpq-fe.h>

#include <charconv>

namespace Ud::Core {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Core::PgCopy)
};

constexpr std::size_t ChunkBytes = 1 << 20;

QString firstLine(const char *text)
{
    QString s = QString::fromUtf8(text).trimmed();
    const qsizetype nl = s.indexOf(QLatin1Char('\n'));
    return nl < 0 ? s : s.left(nl);
}
} // namespace

pg_conn *PgCopy::handle(const QSqlDatabase &connection)
{
    const QVariant handle = connection.driver() ? connection.driver()->handle() : QVariant();
    // Qt registers the handle under the struct's name ("pg_conn*"); older releases said "PGconn*".
    const bool libpq = handle.isValid()
                       && (qstrcmp(handle.typeName(), "pg_conn*") == 0 || qstrcmp(handle.typeName(), "PGconn*") == 0);
    if (!libpq)
        throw Error(Error::Kind::Database,
                    Tr::tr("The PostgreSQL driver does not give access to its connection, so bulk data cannot be written."));
    return *static_cast<PGconn *const *>(handle.constData());
}

PgCopy::PgCopy(const QSqlDatabase &connection, const QString &sql, QString what)
    : m_conn(handle(connection)), m_what(std::move(what))
{
    m_buffer.reserve(ChunkBytes + 4096);
    PGresult *start = PQexec(m_conn, sql.toUtf8().constData());
    const ExecStatusType status = PQresultStatus(start);
    const QString error = status == PGRES_COPY_IN ? QString() : firstLine(PQresultErrorMessage(start));
    PQclear(start);
    if (status != PGRES_COPY_IN)
        fail(error);
    m_copying = true;
}

PgCopy::~PgCopy()
{
    if (m_copying) {
        PQputCopyEnd(m_conn, "aborted");
        while (PGresult *result = PQgetResult(m_conn))
            PQclear(result);
    }
}

void PgCopy::fail(const QString &why, bool conflict)
{
    if (m_copying) {
        m_copying = false;
        PQputCopyEnd(m_conn, "aborted");
        while (PGresult *result = PQgetResult(m_conn))
            PQclear(result);
    }
    throw Error(conflict ? Error::Kind::Conflict : Error::Kind::Database,
                Tr::tr("%1 could not be written: %2.").arg(m_what, why));
}

void PgCopy::separate()
{
    if (m_rowStarted)
        m_buffer.push_back('\t');
    m_rowStarted = true;
}

PgCopy &PgCopy::integer(qint64 value)
{
    separate();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    m_buffer.append(digits, std::size_t(end - digits));
    return *this;
}

PgCopy &PgCopy::text(QStringView value)
{
    const QByteArray utf8 = value.toUtf8();
    return text(std::string_view(utf8.constData(), std::size_t(utf8.size())));
}

PgCopy &PgCopy::text(std::string_view utf8)
{
    separate();
    for (char c : utf8) {
        switch (c) {
        case '\\': m_buffer += "\\\\"; break;
        case '\t': m_buffer += "\\t"; break;
        case '\n': m_buffer += "\\n"; break;
        case '\r': m_buffer += "\\r"; break;
        default: m_buffer.push_back(c); break;
        }
    }
    return *this;
}

PgCopy &PgCopy::real(double value)
{
    // The shortest text that reads back as the same double.
    separate();
    char digits[32];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    m_buffer.append(digits, std::size_t(end - digits));
    return *this;
}

PgCopy &PgCopy::bytea(const QByteArray &value)
{
    return bytea(std::string_view(value.constData(), std::size_t(value.size())));
}

PgCopy &PgCopy::bytea(std::string_view value)
{
    static const char hex[] = "0123456789abcdef";
    separate();
    m_buffer += "\\\\x";  // bytea hex input, its backslash escaped for COPY
    const std::size_t at = m_buffer.size();
    m_buffer.resize(at + std::size_t(value.size()) * 2);
    char *out = m_buffer.data() + at;
    for (char c : value) {
        const auto b = static_cast<unsigned char>(c);
        *out++ = hex[b >> 4];
        *out++ = hex[b & 0xf];
    }
    return *this;
}

PgCopy &PgCopy::null()
{
    separate();
    m_buffer += "\\N";
    return *this;
}

void PgCopy::endRow()
{
    m_buffer.push_back('\n');
    m_rowStarted = false;
    if (m_buffer.size() >= ChunkBytes)
        flush();
}

void PgCopy::flush()
{
    if (m_buffer.empty())
        return;
    if (PQputCopyData(m_conn, m_buffer.data(), int(m_buffer.size())) != 1)
        fail(firstLine(PQerrorMessage(m_conn)));
    m_buffer.clear();
}

qint64 PgCopy::finish()
{
    flush();
    if (PQputCopyEnd(m_conn, nullptr) != 1)
        fail(firstLine(PQerrorMessage(m_conn)));
    m_copying = false;
    QString why;
    bool conflict = false;
    qint64 rows = 0;
    while (PGresult *result = PQgetResult(m_conn)) {
        if (PQresultStatus(result) != PGRES_COMMAND_OK && why.isEmpty()) {
            why = firstLine(PQresultErrorMessage(result));
            const char *state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
            conflict = state && qstrcmp(state, "23505") == 0;  // unique_violation
        } else {
            rows += QByteArray(PQcmdTuples(result)).toLongLong();
        }
        PQclear(result);
    }
    if (!why.isEmpty())
        throw Error(conflict ? Error::Kind::Conflict : Error::Kind::Database,
                    Tr::tr("%1 could not be written: %2.").arg(m_what, why));
    return rows;
}

} // namespace Ud::Core
