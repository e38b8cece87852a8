#pragma once

#include <QCoreApplication>
#include <QString>

#include <exception>

namespace Ud::Core {

/// A failure that reaches the user. The message is one translated sentence that names the
/// outside cause (URL, file, line, field or user) and never contains SQL or bare codes.
/// The kind decides the command-line exit code (see DESIGN.md).
class Error : public std::exception
{
public:
    enum class Kind {
        BadInput = 1,    ///< the user gave something we cannot use
        Usage = 2,       ///< wrong command-line usage
        Database = 3,    ///< cannot reach, open, read or write the database
        Denied = 4,      ///< the signed-in user lacks the permission
        NotFound = 5,    ///< the record asked for does not exist
        Conflict = 6,    ///< the record changed or already exists
        Cancelled = 7,   ///< the work was stopped on request (Core::QueryCancel); there is no result
    };

    Error(Kind kind, QString message, QString detail = {})
        : m_kind(kind), m_message(std::move(message)), m_detail(std::move(detail)),
          m_what(m_message.toUtf8()) {}

    Kind kind() const noexcept { return m_kind; }
    /// The sentence shown to the user.
    QString message() const { return m_message; }
    /// Technical detail for logs (driver text); never shown as the main message.
    QString detail() const { return m_detail; }
    /// Exit code for the command line: 1 bad input, 2 usage, 3 database.
    int exitCode() const noexcept
    {
        switch (m_kind) {
        case Kind::Usage: return 2;
        case Kind::Database: return 3;
        default: return 1;
        }
    }
    const char *what() const noexcept override { return m_what.constData(); }

private:
    Kind m_kind;
    QString m_message;
    QString m_detail;
    QByteArray m_what;
};

} // namespace Ud::Core
