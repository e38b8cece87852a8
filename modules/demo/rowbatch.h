#pragma once

#include "meterprofile.h"

#include <QtGlobal>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace Ud::Demo {

/// The tables the generator fills, in foreign-key order (parents first).
enum class Table { Customers, Vulnerabilities, Premises, Accounts, ServicePoints, Meters, Channels, Appliances,
                   Interactions, AccountTariffs };
inline constexpr int TableCount = 10;

/// Name and column list of a table, as the bulk writers need them.
struct TableSpec {
    const char *name;
    std::vector<const char *> columns;
};
const TableSpec &tableSpec(Table table);

/// One table's rows of a batch, row-major, without QVariant or QString per value: text lives
/// in one UTF-8 arena and each value is a 16-byte cell. Both writers read the same cells, so
/// SQLite and PostgreSQL receive identical values. Text is appended piecewise between
/// beginText() and endText() so numbers and names are formatted straight into the arena.
class TableRows
{
public:
    enum class Kind : quint8 { Null, Text, Integer, Real, Blob };
    struct Cell {
        Kind kind = Kind::Null;
        quint32 length = 0;
        union {
            qint64 integer;
            double real;
            quint64 offset;
        };
        Cell() : integer(0) {}
    };

    explicit TableRows(int columns = 1) : m_columns(columns) {}
    void reset(int columns)
    {
        m_columns = columns;
        m_cells.clear();
        m_arena.clear();
    }

    int columns() const { return m_columns; }
    qsizetype rowCount() const { return qsizetype(m_cells.size()) / m_columns; }
    const Cell &cell(qsizetype row, int column) const { return m_cells[std::size_t(row * m_columns + column)]; }
    std::string_view bytes(const Cell &c) const { return std::string_view(m_arena.data() + c.offset, c.length); }

    void null() { m_cells.emplace_back(); }
    void integer(qint64 v)
    {
        Cell &c = m_cells.emplace_back();
        c.kind = Kind::Integer;
        c.integer = v;
    }
    void real(double v)
    {
        Cell &c = m_cells.emplace_back();
        c.kind = Kind::Real;
        c.real = v;
    }
    void text(std::string_view s)
    {
        beginText();
        m_arena.append(s);
        endText();
    }
    void blob(const char *data, qsizetype size)
    {
        Cell &c = m_cells.emplace_back();
        c.kind = Kind::Blob;
        c.offset = m_arena.size();
        c.length = quint32(size);
        m_arena.append(data, std::size_t(size));
    }

    /// Starts a text value; append to the returned string, then call endText().
    std::string &beginText()
    {
        m_textStart = m_arena.size();
        return m_arena;
    }
    void endText()
    {
        Cell &c = m_cells.emplace_back();
        c.kind = Kind::Text;
        c.offset = m_textStart;
        c.length = quint32(m_arena.size() - m_textStart);
    }

private:
    int m_columns;
    std::vector<Cell> m_cells;
    std::string m_arena;
    std::size_t m_textStart = 0;
};

/// All rows of one batch of customers, and what its meters' readings will be made from.
struct RowBatch {
    std::array<TableRows, TableCount> tables;
    std::vector<MeterProfile> meters;  ///< in row order; only when the run generates readings
    qint64 customers = 0;

    RowBatch()
    {
        for (int t = 0; t < TableCount; ++t)
            tables[std::size_t(t)].reset(int(tableSpec(Table(t)).columns.size()));
    }
    void clear()
    {
        for (int t = 0; t < TableCount; ++t)
            tables[std::size_t(t)].reset(int(tableSpec(Table(t)).columns.size()));
        meters.clear();
        customers = 0;
    }
    TableRows &operator[](Table t) { return tables[std::size_t(t)]; }
    const TableRows &operator[](Table t) const { return tables[std::size_t(t)]; }
};

} // namespace Ud::Demo
