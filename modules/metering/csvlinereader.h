#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QIODevice>
#include <QString>
#include <QVarLengthArray>

namespace Ud::Metering {

/// The fields of one CSV line, as views into the line (or into the reader's scratch buffer for
/// fields that were quoted).
using CsvFieldList = QVarLengthArray<QByteArrayView, 16>;

/// Streams the lines of a CSV file: reads the device in large blocks, hands out each line as a
/// view of raw bytes (no copy, no decoding), and splits lines into fields. A UTF-8 byte-order
/// mark before the first line is dropped; lines may end in LF or CRLF. Quoted fields follow
/// RFC 4180 ("a, b" and "say ""hi""") except that a line break inside quotes is not accepted:
/// meter-data files never need one, and refusing it keeps line numbers true.
class CsvLineReader
{
public:
    CsvLineReader(QIODevice &in, const QString &fileName, qsizetype blockSize = 1 << 20);

    /// Moves to the next line; false at the end of the device. Throws ImportError if the device
    /// reports a read error.
    bool next();
    /// The current line without its line terminator; valid until the next call to next().
    QByteArrayView line() const { return m_line; }
    /// 1-based number of the current line.
    qint64 lineNumber() const { return m_lineNumber; }

    /// Splits the current line at commas into `fields`, removing the quotes of quoted fields.
    /// Throws ImportError naming the line for an unterminated quote. The views stay valid until
    /// the next call to next() or split().
    void split(CsvFieldList &fields);

    /// Splits any line; false for an unterminated quote or text after a closing quote. `scratch`
    /// holds the unquoted text of quoted fields and must outlive the views.
    static bool splitLine(QByteArrayView line, CsvFieldList &fields, QByteArray &scratch);
    /// The complete lines of a probe head (up to `maxLines`), BOM and terminators removed; a
    /// last line cut off by the end of the head is dropped unless it is the only one.
    static QList<QByteArrayView> headLines(const QByteArray &head, int maxLines);

    /// "line 12"
    QString where() const;
    /// "line 12, column value"
    QString where(const QString &column) const;
    /// Throws ImportError for the current line.
    [[noreturn]] void fail(const QString &reason) const;
    [[noreturn]] void fail(const QString &column, const QString &reason) const;
    [[noreturn]] void failAtLine(qint64 line, const QString &reason) const;

    const QString &fileName() const { return m_fileName; }

private:
    bool fill();

    QIODevice &m_in;
    QString m_fileName;
    QByteArray m_buffer;
    qsizetype m_begin = 0;   ///< first unconsumed byte
    qsizetype m_end = 0;     ///< end of the valid bytes
    bool m_eof = false;
    QByteArrayView m_line;
    qint64 m_lineNumber = 0;
    QByteArray m_scratch;
};

} // namespace Ud::Metering
