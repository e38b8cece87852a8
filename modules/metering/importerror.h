#pragma once

#include <core/error.h>

#include <QString>

namespace Ud::Metering {

/// A file that cannot be imported: which file, where in it ("line 12", "column USAGE of line 7",
/// "feed/entry[3]/content/IntervalBlock/IntervalReading[5]/value") and why, in one translated
/// sentence. The whole file is then rejected: nothing of it is written and it is quarantined
/// with the message in a .reason file beside it.
class ImportError : public Core::Error
{
public:
    ImportError(const QString &file, const QString &where, const QString &reason);

    QString file() const { return m_file; }
    QString where() const { return m_where; }
    QString reason() const { return m_reason; }

private:
    QString m_file;
    QString m_where;
    QString m_reason;
};

/// Thrown out of a ReadingSink (or a parser's cancel check) to stop a parse cleanly.
class ImportCancelled : public std::exception
{
public:
    const char *what() const noexcept override { return "import cancelled"; }
};

} // namespace Ud::Metering
