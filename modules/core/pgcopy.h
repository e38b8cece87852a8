#pragma once

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

#include <string>
#include <string_view>

struct pg_conn;

namespace Ud::Core {

/// COPY ... FROM STDIN (text format) on the libpq connection under a QPSQL connection, inside
/// the transaction the caller holds on it: Qt's drivers insert row by row, COPY streams. Fields
/// are appended in column order and rows ended with endRow(); data goes to the server in 1 MiB
/// pieces. finish() ends the COPY and throws Error(Database), or Error(Conflict) for a unique
/// violation, with `what` (a translated phrase naming the data) and the server's first line.
/// A PgCopy destroyed unfinished aborts the COPY so the caller's transaction can roll back.
class PgCopy
{
public:
    /// `sql` is the COPY statement, e.g. "COPY t (a, b) FROM STDIN".
    PgCopy(const QSqlDatabase &connection, const QString &sql, QString what);
    ~PgCopy();
    PgCopy(const PgCopy &) = delete;
    PgCopy &operator=(const PgCopy &) = delete;

    /// The libpq handle under a QPSQL connection; throws Error(Database) if there is none.
    static pg_conn *handle(const QSqlDatabase &connection);

    PgCopy &integer(qint64 value);
    PgCopy &text(QStringView value);
    PgCopy &text(std::string_view utf8);
    PgCopy &real(double value);
    PgCopy &bytea(const QByteArray &value);
    PgCopy &bytea(std::string_view value);
    PgCopy &null();
    void endRow();
    /// Ends the COPY; returns the rows the server took.
    qint64 finish();

private:
    void separate();
    void flush();
    [[noreturn]] void fail(const QString &why, bool conflict = false);

    pg_conn *m_conn = nullptr;
    QString m_what;
    std::string m_buffer;
    bool m_rowStarted = false;
    bool m_copying = false;
};

} // namespace Ud::Core
