#pragma once

#include <QSqlDatabase>

namespace Ud::Core {

class Database;

/// RAII guard for one unit of work on the calling thread's connection: begins on
/// construction, rolls back on destruction unless commit() was called. Guards nest: only the
/// outermost one talks to the database, so a service can call another service's method that
/// opens its own guard. SQLite write transactions take the write lock at once (BEGIN
/// IMMEDIATE) so read-then-write sequences never fail half-way with "database is locked".
class Transaction
{
public:
    enum class Mode { Write, Read };
    explicit Transaction(Database &db, Mode mode = Mode::Write);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    /// The connection this unit of work runs on.
    QSqlDatabase connection() const { return m_connection; }
    /// Throws Error(Database) if the commit fails; the guard then rolls back.
    void commit();
    bool isOutermost() const { return m_outermost; }

private:
    QSqlDatabase m_connection;
    bool m_outermost = false;
    bool m_done = false;
};

/// Runs `work` as one read-only unit of work and returns what it returns: the shape of every
/// service getter (check the permission first, then read inside a transaction).
template<typename Work>
auto readOnly(Database &db, Work &&work)
{
    Transaction tx(db, Transaction::Mode::Read);
    auto result = work();
    tx.commit();
    return result;
}

} // namespace Ud::Core
