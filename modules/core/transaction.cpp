#include "transaction.h"

#include "database.h"
#include "error.h"
#include "sqlquery.h"

#include <QHash>
#include <QSqlQuery>

namespace Ud::Core {

namespace {
// Nesting depth per connection; connections are per thread, so thread_local suffices.
thread_local QHash<QString, int> t_depth;
}

Transaction::Transaction(Database &db, Mode mode) : m_connection(db.connection())
{
    int &depth = t_depth[m_connection.connectionName()];
    m_outermost = depth == 0;
    if (m_outermost) {
        const QString begin = mode == Mode::Write ? db.dialect().beginWriteTransactionSql()
                                                  : QStringLiteral("BEGIN");
        SqlQuery::run(m_connection, begin);
    }
    ++depth;
}

Transaction::~Transaction()
{
    const QString name = m_connection.connectionName();
    int &depth = t_depth[name];
    --depth;
    if (depth <= 0)
        t_depth.remove(name);
    if (m_outermost && !m_done) {
        QSqlQuery q(m_connection);
        q.exec(QStringLiteral("ROLLBACK"));
    }
}

void Transaction::commit()
{
    if (m_done)
        return;
    if (m_outermost) {
        try {
            SqlQuery::run(m_connection, QStringLiteral("COMMIT"));
        } catch (...) {
            // The destructor rolls back what is left.
            throw;
        }
    }
    m_done = true;
}

} // namespace Ud::Core
