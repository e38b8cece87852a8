#include "csvlinereader.h"

#include "importerror.h"

#include <QCoreApplication>

#include <cstring>

namespace Ud::Metering {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::CsvLineReader)
};

constexpr char Bom[] = "\xEF\xBB\xBF";
constexpr qsizetype MaxLineBytes = 16 * 1024 * 1024;

QByteArrayView withoutTerminator(QByteArrayView line)
{
    if (!line.isEmpty() && line.back() == '\r')
        line.chop(1);
    return line;
}
} // namespace

CsvLineReader::CsvLineReader(QIODevice &in, const QString &fileName, qsizetype blockSize)
    : m_in(in), m_fileName(fileName)
{
    m_buffer.resize(qMax<qsizetype>(blockSize, 4096));
}

bool CsvLineReader::fill()
{
    if (m_begin > 0) {
        const qsizetype rest = m_end - m_begin;
        if (rest > 0)
            std::memmove(m_buffer.data(), m_buffer.constData() + m_begin, size_t(rest));
        m_begin = 0;
        m_end = rest;
    }
    if (m_end == m_buffer.size()) {
        // One line longer than a block: rare, keep going, but not without bound (a file that is
        // not text may have no line break at all).
        if (m_buffer.size() >= MaxLineBytes)
            throw ImportError(m_fileName, Tr::tr("line %1").arg(m_lineNumber + 1),
                              Tr::tr("The line is longer than %1 MiB; this is not a meter-data CSV file.")
                                  .arg(MaxLineBytes / (1024 * 1024)));
        m_buffer.resize(m_buffer.size() * 2);
    }
    for (;;) {
        const qint64 got = m_in.read(m_buffer.data() + m_end, m_buffer.size() - m_end);
        if (got < 0)
            throw ImportError(m_fileName, QString(),
                              Tr::tr("The file cannot be read: %1.").arg(m_in.errorString()));
        if (got > 0) {
            m_end += qsizetype(got);
            return true;
        }
        // A sequential device (a pipe, a socket) may have nothing yet without being at its end.
        if (m_in.isSequential() && !m_in.atEnd() && m_in.waitForReadyRead(30000))
            continue;
        m_eof = true;
        return false;
    }
}

bool CsvLineReader::next()
{
    for (;;) {
        const char *base = m_buffer.constData();
        const void *nl = std::memchr(base + m_begin, '\n', size_t(m_end - m_begin));
        QByteArrayView found;
        if (nl) {
            const char *stop = static_cast<const char *>(nl);
            found = QByteArrayView(base + m_begin, stop - (base + m_begin));
            m_begin = (stop - base) + 1;
        } else if (m_eof) {
            if (m_begin >= m_end)
                return false;
            found = QByteArrayView(base + m_begin, m_end - m_begin);
            m_begin = m_end;
        } else {
            fill();
            continue;
        }
        m_line = withoutTerminator(found);
        if (++m_lineNumber == 1 && m_line.startsWith(QByteArrayView(Bom, 3)))
            m_line = m_line.sliced(3);
        return true;
    }
}

void CsvLineReader::split(CsvFieldList &fields)
{
    if (!splitLine(m_line, fields, m_scratch))
        fail(Tr::tr("A quoted field is not closed, or text follows its closing quote; "
                    "a field that contains a comma must be written as \"text, more text\"."));
}

bool CsvLineReader::splitLine(QByteArrayView line, CsvFieldList &fields, QByteArray &scratch)
{
    fields.clear();
    const char *p = line.data();
    const char *const end = p + line.size();
    if (!std::memchr(p, '"', size_t(line.size()))) {
        for (;;) {
            const void *comma = std::memchr(p, ',', size_t(end - p));
            if (!comma) {
                fields.append(QByteArrayView(p, end - p));
                return true;
            }
            const char *c = static_cast<const char *>(comma);
            fields.append(QByteArrayView(p, c - p));
            p = c + 1;
        }
    }
    // Unquoted text is never longer than the line, so the views into scratch stay put.
    scratch.resize(line.size());
    char *out = scratch.data();
    for (;;) {
        const char *q = p;
        while (q != end && (*q == ' ' || *q == '\t'))
            ++q;
        if (q != end && *q == '"') {
            ++q;
            char *const fieldStart = out;
            for (;;) {
                if (q == end)
                    return false;
                if (*q == '"') {
                    if (q + 1 != end && q[1] == '"') {
                        *out++ = '"';
                        q += 2;
                        continue;
                    }
                    ++q;
                    break;
                }
                *out++ = *q++;
            }
            fields.append(QByteArrayView(fieldStart, out - fieldStart));
            while (q != end && (*q == ' ' || *q == '\t'))
                ++q;
            if (q == end)
                return true;
            if (*q != ',')
                return false;
            p = q + 1;
        } else {
            const void *comma = std::memchr(p, ',', size_t(end - p));
            if (!comma) {
                fields.append(QByteArrayView(p, end - p));
                return true;
            }
            const char *c = static_cast<const char *>(comma);
            fields.append(QByteArrayView(p, c - p));
            p = c + 1;
        }
    }
}

QList<QByteArrayView> CsvLineReader::headLines(const QByteArray &head, int maxLines)
{
    QList<QByteArrayView> lines;
    QByteArrayView rest(head);
    if (rest.startsWith(QByteArrayView(Bom, 3)))
        rest = rest.sliced(3);
    while (!rest.isEmpty() && lines.size() < maxLines) {
        const qsizetype nl = rest.indexOf('\n');
        if (nl < 0) {
            if (lines.isEmpty())
                lines.append(withoutTerminator(rest));
            break;
        }
        lines.append(withoutTerminator(rest.first(nl)));
        rest = rest.sliced(nl + 1);
    }
    return lines;
}

QString CsvLineReader::where() const { return Tr::tr("line %1").arg(m_lineNumber); }

QString CsvLineReader::where(const QString &column) const
{
    return Tr::tr("line %1, column %2").arg(m_lineNumber).arg(column);
}

void CsvLineReader::fail(const QString &reason) const { throw ImportError(m_fileName, where(), reason); }

void CsvLineReader::fail(const QString &column, const QString &reason) const
{
    throw ImportError(m_fileName, where(column), reason);
}

void CsvLineReader::failAtLine(qint64 line, const QString &reason) const
{
    throw ImportError(m_fileName, Tr::tr("line %1").arg(line), reason);
}

} // namespace Ud::Metering
