#pragma once

#include "error.h"

#include <QList>
#include <QMutex>
#include <QSqlDatabase>
#include <QString>

#include <atomic>
#include <memory>
#include <type_traits>

struct pg_cancel;
struct sqlite3;

namespace Ud::Core {

/// A way to stop a running query from another thread, so that a newer request (the segment
/// builder's next edit) does not wait for an older one that nobody wants any more. The UI
/// thread keeps the token and calls cancel(); the worker thread wraps each statement in a
/// QueryCancel::Scope over its own connection. cancel() then interrupts the statement in the
/// database itself: sqlite3_interrupt() on the SQLite handle, a PQcancel() request for the
/// PostgreSQL backend. A SQLite progress handler also checks the flag, so a cancel that lands
/// between statements (when sqlite3_interrupt() has nothing to stop) still stops the next one.
///
/// A cancelled statement never yields a result: Scope::check() (and the statement's failure)
/// become Error(Cancelled). Tokens are shared (std::shared_ptr) so either side may outlive the
/// other; a token is cancelled once and stays cancelled. Several workers may run scopes over
/// one token at once (each on its own connection); cancel() stops them all.
class QueryCancel
{
public:
    static std::shared_ptr<QueryCancel> create() { return std::make_shared<QueryCancel>(); }

    QueryCancel() = default;
    ~QueryCancel();
    QueryCancel(const QueryCancel &) = delete;
    QueryCancel &operator=(const QueryCancel &) = delete;

    /// Any thread. Marks the token and interrupts the statement running under a Scope, if any.
    void cancel();
    bool isCancelled() const { return m_cancelled.load(std::memory_order_acquire); }
    /// Throws Error(Cancelled) if cancel() was called.
    void throwIfCancelled() const;

    /// The error a cancelled piece of work throws.
    static Error cancelledError();

    /// While alive, cancel() interrupts what runs on `connection` (the calling thread's own).
    /// Throws Error(Cancelled) at once if the token is already cancelled. A null token makes
    /// the scope do nothing, for callers that cannot be cancelled.
    class Scope
    {
    public:
        Scope(QueryCancel *token, const QSqlDatabase &connection);
        ~Scope();
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;

        /// After a statement (and after reading its rows): throws Error(Cancelled) if the
        /// token was cancelled meanwhile, because the statement then stopped early or its rows
        /// were cut short.
        void check() const;

        /// Runs `statement` (a callable that executes and reads a query) and turns any
        /// failure after a cancel into Error(Cancelled), so an interrupted statement is never
        /// reported as a database fault, then calls check().
        template<typename Statement>
        auto run(Statement &&statement) const
        {
            try {
                if constexpr (std::is_void_v<decltype(statement())>) {
                    statement();
                    check();
                } else {
                    auto result = statement();
                    check();
                    return result;
                }
            } catch (...) {
                check();
                throw;
            }
        }

    private:
        friend class QueryCancel;
        void interrupt();
        void release();

        QueryCancel *m_token;
        sqlite3 *m_sqlite = nullptr;
        pg_cancel *m_pg = nullptr;
    };

private:
    std::atomic<bool> m_cancelled{false};
    QMutex m_mutex; // guards m_scopes: cancel() may run while a worker attaches or detaches
    QList<Scope *> m_scopes;
};

} // namespace Ud::Core
