#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Ud::Core {
class Database;
}

namespace Ud::Accounts {

/// SQL of customer search over the indexes of migration 0006: FTS5 trigram tables on SQLite,
/// pg_trgm and bigram GIN indexes on PostgreSQL, plus the B-tree indexes on phone, account
/// number, meter serial and postcode. Every value is bound; full-text query strings are built
/// here from quoted words only. Runs on the calling thread's connection.
class CustomerSearchRepository
{
public:
    /// With `region`, every query finds only customers with an account at a premise of that
    /// region (a field officer's search, see RegionAccess).
    explicit CustomerSearchRepository(Core::Database &db, std::optional<QString> region = std::nullopt);

    /// A customer found by a code, with whether the code was typed in full.
    struct CodeHit {
        QString customerId;
        bool exact = false;
    };
    /// A customer found by text, with what the score is computed from: the folded name and email.
    struct TextHit {
        QString customerId;
        QString foldedName;
        QString email;
    };
    struct Summary {
        QString fullName;
        QStringList accountNumbers;   ///< oldest account first
        QString postcode;             ///< of the oldest account's premise
    };

    /// ISO country codes of every market, to read a national phone number in.
    QStringList marketCountries();
    QStringList byPhone(const QStringList &e164, int limit);
    /// Account numbers starting with `prefix` (upper case as stored).
    QList<CodeHit> byAccountNumber(const QString &prefix, int limit);
    /// Customers whose account has a service point with a meter whose serial starts with `prefix`.
    QList<CodeHit> byMeterSerial(const QString &prefix, int limit);
    /// `key` is the postcode in upper case without spaces.
    QStringList byPostcode(const QString &key, int limit);
    /// Customers whose folded name or email contains every one of `words` (folded, any order).
    QList<TextHit> byWords(const QStringList &words, int limit);
    /// Customers with an account at a premise whose address, city or postcode contains every word.
    QStringList byPlaceWords(const QStringList &words, int limit);
    /// The candidates of a search with one typo: rows with every word but one as typed and
    /// that one's first or last letters at a word edge. The caller measures the distance.
    QList<TextHit> typoCandidates(const QStringList &words, int limit);
    QHash<QString, Summary> summaries(const QStringList &customerIds);

    /// The FTS5 MATCH string for `words`: each word a quoted string (quotes doubled), so
    /// nothing the user typed is read as FTS5 syntax; two-character words are matched at a
    /// word boundary; shorter words are left to the caller. `any` joins with OR, else AND.
    static QString ftsQuery(const QStringList &words, bool any);

private:
    QList<TextHit> byIndexedWords(const QStringList &words, int limit);
    QString idParams(const QStringList &ids, QVariantMap &values, const QString &prefix) const;
    /// " AND <customer in the region>" on `column`, with the region in `values`; empty without one.
    QString andInRegion(const QString &column, QVariantMap &values) const;

    Core::Database &m_db;
    std::optional<QString> m_region;
};

} // namespace Ud::Accounts
