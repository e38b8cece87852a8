#pragma once

#include "rowbatch.h"

#include <memory>

namespace Ud::Core {
class Database;
}

namespace Ud::Demo {

/// Writes RowBatches into the calling thread's connection, inside the caller's Transaction,
/// by the fastest route each backend offers: reused prepared statements on the SQLite handle,
/// COPY FROM STDIN on the PostgreSQL connection. Both bypass QVariant per value, which would
/// cost more than the insert itself at demo volumes. Throws Core::Error naming the table.
class BulkWriter
{
public:
    virtual ~BulkWriter() = default;
    virtual void write(const RowBatch &batch) = 0;

    /// The writer for the database's backend, on the calling thread's connection.
    static std::unique_ptr<BulkWriter> create(Core::Database &db);
};

std::unique_ptr<BulkWriter> createSqliteBulkWriter(Core::Database &db);
std::unique_ptr<BulkWriter> createPostgresBulkWriter(Core::Database &db);

} // namespace Ud::Demo
