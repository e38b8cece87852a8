#pragma once

#include <QString>

#include <functional>

namespace Ud::Core {
class Database;
}

namespace Ud::Accounts {

/// Human-facing numbers (account and customer numbers): a site prefix and a zero-padded
/// sequence, e.g. "UD00000042". The last number handed out per sequence lives in the
/// number_sequences table. reserve() must run inside a write Transaction: SQLite's
/// BEGIN IMMEDIATE and PostgreSQL's advisory lock then serialise concurrent writers, so no
/// two of them receive the same number, and a rolled-back transaction gives its numbers back.
class NumberSequence
{
public:
    /// `name` identifies the sequence (e.g. "accounts:UD"). `seed` is called once, when the
    /// sequence has no row yet, and returns the highest number already in use (so a database
    /// filled by an older program or an import continues after its last number).
    NumberSequence(Core::Database &db, QString name, std::function<qint64()> seed);

    /// Reserves `count` consecutive numbers and returns the first.
    qint64 reserve(qint64 count = 1);

    /// prefix + the number zero-padded to `width` digits.
    static QString format(const QString &prefix, qint64 number, int width);
    /// The number in `text` if it is `prefix` followed by digits only, else -1.
    static qint64 parse(const QString &prefix, const QString &text);

private:
    Core::Database &m_db;
    QString m_name;
    std::function<qint64()> m_seed;
};

} // namespace Ud::Accounts
