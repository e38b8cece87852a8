#pragma once

// What every benchmark's raw sqlite3 baseline needs: stop with the SQLite error on failure.

#include <sqlite3.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

namespace Ud::Bench {

/// Exits with the benchmark's name, `what` and SQLite's message when `rc` is an error.
inline void check(int rc, sqlite3 *db, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        std::fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, what, sqlite3_errmsg(db));
        std::exit(1);
    }
}

inline void exec(sqlite3 *db, const char *sql)
{
    check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql);
}

} // namespace Ud::Bench
