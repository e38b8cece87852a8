#include "customersearchrepository.h"

#include "customerrepository.h"
#include "searchtext.h"
#include "sqlvalues.h"

#include <core/database.h>
#include <core/sqlquery.h>

namespace Ud::Accounts {

using Core::SqlQuery;

namespace {
// Codes are letters, digits and dashes, all of which sort below '~': [prefix, prefix + "~")
// is a range one B-tree index answers on both databases, where LIKE 'x%' would need
// case_sensitive_like on SQLite and text_pattern_ops on PostgreSQL.
const QString CodeEnd = QStringLiteral("~");

QString likeContains(const QString &word)
{
    return QLatin1Char('%') + SqlValues::likeLiteral(word) + QLatin1Char('%');
}

QString ftsString(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// A PostgreSQL text[] literal of character pairs of `word`, each element quoted. The index
// reads every pair's list of rows, so a long name gives only three pairs from its middle:
// the start (a city: 北京) and the end (有限公司, 合作社) of a company name are in thousands of
// names, the middle is what sets it apart. LIKE then checks the whole word.
QString bigramArray(const QString &word)
{
    QStringList items;
    const QString middle = word.size() > 6 ? word.mid(2, word.size() - 5) : word;
    const qsizetype step = middle.size() > 6 ? 2 : 1;
    for (qsizetype i = 0; i + 1 < middle.size() && items.size() < (word.size() > 6 ? 3 : 6); i += step) {
        QString pair = middle.mid(i, 2);
        pair.replace(QLatin1String("\\"), QLatin1String("\\\\")).replace(QLatin1String("\""), QLatin1String("\\\""));
        items << QLatin1Char('"') + pair + QLatin1Char('"');
    }
    return QLatin1Char('{') + items.join(QLatin1Char(',')) + QLatin1Char('}');
}

void bindAll(SqlQuery &q, const QVariantMap &values)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        q.bind(it.key(), it.value());
}
} // namespace

CustomerSearchRepository::CustomerSearchRepository(Core::Database &db, std::optional<QString> region)
    : m_db(db), m_region(std::move(region))
{
}

QString CustomerSearchRepository::andInRegion(const QString &column, QVariantMap &values) const
{
    if (!m_region)
        return {};
    values.insert(QStringLiteral(":region"), *m_region);
    return QStringLiteral(" AND ") + CustomerRepository::regionCondition(column, QStringLiteral(":region"));
}

QString CustomerSearchRepository::ftsQuery(const QStringList &words, bool any)
{
    QStringList terms;
    for (const QString &word : words) {
        if (word.size() >= 3)
            terms << ftsString(word);
        else if (word.size() == 2)
            // The stored name is padded with spaces, so " 张伟" or "张伟 " is a whole trigram.
            terms << QStringLiteral("(%1 OR %2)").arg(ftsString(QLatin1Char(' ') + word), ftsString(word + QLatin1Char(' ')));
    }
    return terms.join(any ? QStringLiteral(" OR ") : QStringLiteral(" AND "));
}

QString CustomerSearchRepository::idParams(const QStringList &ids, QVariantMap &values, const QString &prefix) const
{
    QStringList params;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const QString name = QStringLiteral(":%1%2").arg(prefix).arg(i);
        values.insert(name, ids.at(i));
        params << m_db.dialect().uuidParam(name);
    }
    return params.join(QLatin1Char(','));
}

QStringList CustomerSearchRepository::marketCountries()
{
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT DISTINCT country FROM markets ORDER BY country"));
    q.exec();
    QStringList countries;
    while (q.next())
        countries << q.value(0).toString();
    return countries;
}

QStringList CustomerSearchRepository::byPhone(const QStringList &e164, int limit)
{
    if (e164.isEmpty())
        return {};
    QVariantMap values;
    QStringList params;
    for (qsizetype i = 0; i < e164.size(); ++i) {
        params << QStringLiteral(":p%1").arg(i);
        values.insert(params.last(), e164.at(i));
    }
    SqlQuery q(m_db.connection(), QStringLiteral("SELECT id FROM customers WHERE phone IN (%1)%2 LIMIT :limit")
                                      .arg(params.join(QLatin1Char(',')), andInRegion(QStringLiteral("id"), values)));
    bindAll(q, values);
    q.bind(QStringLiteral(":limit"), limit).exec();
    QStringList ids;
    while (q.next())
        ids << SqlValues::id(q.value(0));
    return ids;
}

QList<CustomerSearchRepository::CodeHit> CustomerSearchRepository::byAccountNumber(const QString &prefix, int limit)
{
    QVariantMap values;
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT customer_id, account_number FROM accounts WHERE account_number >= :p AND account_number < :end%1 "
        "ORDER BY account_number LIMIT :limit").arg(andInRegion(QStringLiteral("customer_id"), values)));
    bindAll(q, values);
    q.bind(QStringLiteral(":p"), prefix).bind(QStringLiteral(":end"), prefix + CodeEnd)
        .bind(QStringLiteral(":limit"), limit).exec();
    QList<CodeHit> hits;
    while (q.next())
        hits << CodeHit{SqlValues::id(q.value(0)), q.value(1).toString() == prefix};
    return hits;
}

QList<CustomerSearchRepository::CodeHit> CustomerSearchRepository::byMeterSerial(const QString &prefix, int limit)
{
    // A service point names its account when it has one, else its premise's accounts count.
    QVariantMap values;
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT a.customer_id, m.serial FROM (SELECT service_point_id, serial FROM meters "
        "WHERE serial >= :p AND serial < :end ORDER BY serial LIMIT :limit) m "
        "JOIN service_points sp ON sp.id = m.service_point_id "
        "JOIN accounts a ON a.id = sp.account_id OR (sp.account_id IS NULL AND a.premise_id = sp.premise_id) "
        "WHERE 1 = 1%1 LIMIT :limit").arg(andInRegion(QStringLiteral("a.customer_id"), values)));
    bindAll(q, values);
    q.bind(QStringLiteral(":p"), prefix).bind(QStringLiteral(":end"), prefix + CodeEnd)
        .bind(QStringLiteral(":limit"), limit).exec();
    QList<CodeHit> hits;
    while (q.next())
        hits << CodeHit{SqlValues::id(q.value(0)), q.value(1).toString() == prefix};
    return hits;
}

QStringList CustomerSearchRepository::byPostcode(const QString &key, int limit)
{
    QVariantMap values;
    SqlQuery q(m_db.connection(), QStringLiteral(
        "SELECT a.customer_id FROM accounts a WHERE a.premise_id IN (SELECT p.id FROM premises p "
        "WHERE upper(replace(p.postcode, ' ', '')) = :key LIMIT :limit)%1 LIMIT :limit")
        .arg(andInRegion(QStringLiteral("a.customer_id"), values)));
    bindAll(q, values);
    q.bind(QStringLiteral(":key"), key).bind(QStringLiteral(":limit"), limit).exec();
    QStringList ids;
    while (q.next())
        ids << SqlValues::id(q.value(0));
    return ids;
}

namespace {
// Abbreviations such as "S.L.", "S.A." or "&" carry fewer than three letters and digits, yet
// their trigrams are in a large share of all business names: matching them in the index makes
// it intersect huge lists for nothing. They are checked on the rows found instead.
bool isLowInformation(const QString &word)
{
    qsizetype alnum = 0;
    for (QChar c : word) {
        if (c.isLetterOrNumber())
            ++alnum;
    }
    return alnum < 3 && alnum < word.size();
}
} // namespace

QList<CustomerSearchRepository::TextHit> CustomerSearchRepository::byWords(const QStringList &words, int limit)
{
    QStringList indexed, checked;
    for (const QString &word : words)
        (isLowInformation(word) ? checked : indexed) << word;
    if (indexed.isEmpty() || !m_db.dialect().isSqlite()) {
        indexed = words;
        checked.clear();
    }
    QList<TextHit> hits = byIndexedWords(indexed, checked.isEmpty() ? limit : limit * 4);
    if (!checked.isEmpty()) {
        hits.removeIf([&](const TextHit &hit) {
            const QString email = SearchText::fold(hit.email);
            for (const QString &word : std::as_const(checked)) {
                if (!hit.foldedName.contains(word) && !email.contains(word))
                    return true;
            }
            return false;
        });
        if (hits.size() > limit)
            hits.resize(limit);
    }
    return hits;
}

QList<CustomerSearchRepository::TextHit> CustomerSearchRepository::byIndexedWords(const QStringList &words, int limit)
{
    QVariantMap values;
    QString sql;
    if (m_db.dialect().isSqlite()) {
        const QString match = ftsQuery(words, false);
        if (match.isEmpty())
            return {};
        values.insert(QStringLiteral(":q"), QStringLiteral("{name contact} : (%1)").arg(match));
        sql = QStringLiteral("SELECT s.customer_id, s.name, s.contact FROM customer_search_fts f "
                             "JOIN customer_search s ON s.doc_id = f.rowid WHERE customer_search_fts MATCH :q%1 LIMIT :limit")
                  .arg(andInRegion(QStringLiteral("s.customer_id"), values));
    } else {
        QStringList conditions;
        for (qsizetype i = 0; i < words.size(); ++i) {
            const QString &word = words.at(i);
            const QString param = QStringLiteral(":w%1").arg(i);
            if (SearchText::hasCjk(word) && word.size() >= 2) {
                // pg_trgm finds no trigrams in CJK text under the C locale: the bigram index
                // narrows, LIKE keeps the characters in their order.
                conditions << QStringLiteral("(search_bigrams @> CAST(%1b AS text[]) AND full_name LIKE %1 ESCAPE '\\')").arg(param);
                values.insert(param + QLatin1Char('b'), bigramArray(word));
                values.insert(param, likeContains(word));
            } else if (word.size() >= 3) {
                conditions << QStringLiteral("search_document LIKE %1 ESCAPE '\\'").arg(param);
                values.insert(param, likeContains(word));
            }
        }
        if (conditions.isEmpty())
            return {};
        sql = QStringLiteral("SELECT id, full_name, email FROM customers WHERE %1%2 LIMIT :limit")
                  .arg(conditions.join(QStringLiteral(" AND ")), andInRegion(QStringLiteral("id"), values));
    }
    SqlQuery q(m_db.connection(), sql);
    bindAll(q, values);
    q.bind(QStringLiteral(":limit"), limit).exec();
    QList<TextHit> hits;
    while (q.next())
        hits << TextHit{SqlValues::id(q.value(0)), SearchText::fold(q.value(1).toString()).trimmed(), q.value(2).toString()};
    return hits;
}

QStringList CustomerSearchRepository::byPlaceWords(const QStringList &words, int limit)
{
    QVariantMap values;
    QString premises;
    if (m_db.dialect().isSqlite()) {
        // Addresses are indexed by words: each typed word is the start of one, as a quoted
        // prefix query ("downi" *).
        // An abbreviation ("S.L.", "C/") would be a prefix query over single letters, matching
        // most of the index; the other words find the address.
        QStringList terms;
        for (const QString &w : words) {
            if (w.size() >= 3 && !isLowInformation(w))
                terms << ftsString(w) + QStringLiteral(" *");
        }
        if (terms.isEmpty())
            return {};
        values.insert(QStringLiteral(":q"), terms.join(QStringLiteral(" AND ")));
        premises = QStringLiteral("SELECT s.premise_id FROM premise_search_fts f JOIN premise_search s "
                                  "ON s.doc_id = f.rowid WHERE premise_search_fts MATCH :q LIMIT :limit");
    } else {
        QStringList conditions;
        for (qsizetype i = 0; i < words.size(); ++i) {
            // No trigrams come out of CJK text under the C locale: LIKE would read the whole
            // index. Chinese addresses are searched on SQLite only.
            if (words.at(i).size() < 3 || SearchText::hasCjk(words.at(i)))
                continue;
            const QString param = QStringLiteral(":w%1").arg(i);
            conditions << QStringLiteral("search_place LIKE %1 ESCAPE '\\'").arg(param);
            values.insert(param, likeContains(words.at(i)));
        }
        if (conditions.isEmpty())
            return {};
        premises = QStringLiteral("SELECT id FROM premises WHERE %1 LIMIT :limit").arg(conditions.join(QStringLiteral(" AND ")));
    }
    SqlQuery q(m_db.connection(),
               QStringLiteral("SELECT a.customer_id FROM accounts a WHERE a.premise_id IN (%1)%2 LIMIT :limit")
                   .arg(premises, andInRegion(QStringLiteral("a.customer_id"), values)));
    bindAll(q, values);
    q.bind(QStringLiteral(":limit"), limit).exec();
    QStringList ids;
    while (q.next())
        ids << SqlValues::id(q.value(0));
    return ids;
}

QList<CustomerSearchRepository::TextHit> CustomerSearchRepository::typoCandidates(const QStringList &words, int limit)
{
    QVariantMap values;
    QString sql;
    if (m_db.dialect().isSqlite()) {
        // One typo changes one word, and leaves that word's first or last letters as they
        // were (the stored name is padded with spaces, so " lo" and "ez " are word edges):
        // for each word, the other words as typed and one of this word's edges. In a word of
        // five letters or more the edges leave a middle letter free, so one edit (a swap of
        // two letters included) breaks at most one edge.
        QStringList clauses;
        for (qsizetype i = 0; i < words.size(); ++i) {
            const QString &w = words.at(i);
            if (w.size() < 3)
                continue;
            const qsizetype edge = qMax<qsizetype>(2, (w.size() - 1) / 2);
            QStringList others = words;
            others.removeAt(i);
            const QString exact = ftsQuery(others, false);
            const QString edges = QStringLiteral("(%1 OR %2)").arg(ftsString(QLatin1Char(' ') + w.left(edge)),
                                                                  ftsString(w.right(edge) + QLatin1Char(' ')));
            clauses << (exact.isEmpty() ? edges : QStringLiteral("(%1 AND %2)").arg(exact, edges));
        }
        if (clauses.isEmpty())
            return {};
        values.insert(QStringLiteral(":q"), QStringLiteral("name : (%1)").arg(clauses.join(QStringLiteral(" OR "))));
        // The region applies after the candidates are taken: a field officer's typo search
        // may miss a customer whose candidates fall beyond the limit.
        sql = QStringLiteral("SELECT s.customer_id, s.name, s.contact FROM (SELECT rowid FROM customer_search_fts "
                             "WHERE customer_search_fts MATCH :q LIMIT :limit) f "
                             "JOIN customer_search s ON s.doc_id = f.rowid WHERE 1 = 1%1")
                  .arg(andInRegion(QStringLiteral("s.customer_id"), values));
    } else {
        // The same candidates as on SQLite, as LIKE patterns on the padded search document.
        QStringList clauses;
        for (qsizetype i = 0; i < words.size(); ++i) {
            const QString &w = words.at(i);
            if (w.size() < 3 || SearchText::hasCjk(w))
                continue;
            const qsizetype edge = qMax<qsizetype>(2, (w.size() - 1) / 2);
            QStringList parts;
            for (qsizetype j = 0; j < words.size(); ++j) {
                if (j == i || words.at(j).size() < 3)
                    continue;
                const QString param = QStringLiteral(":t%1_%2").arg(i).arg(j);
                parts << QStringLiteral("search_document LIKE %1 ESCAPE '\\'").arg(param);
                values.insert(param, likeContains(words.at(j)));
            }
            const QString start = QStringLiteral(":t%1_s").arg(i);
            const QString end = QStringLiteral(":t%1_e").arg(i);
            parts << QStringLiteral("(search_document LIKE %1 ESCAPE '\\' OR search_document LIKE %2 ESCAPE '\\')").arg(start, end);
            values.insert(start, QLatin1String("% ") + SqlValues::likeLiteral(w.left(edge)) + QLatin1Char('%'));
            values.insert(end, QLatin1Char('%') + SqlValues::likeLiteral(w.right(edge)) + QLatin1String(" %"));
            clauses << QLatin1Char('(') + parts.join(QStringLiteral(" AND ")) + QLatin1Char(')');
        }
        if (clauses.isEmpty())
            return {};
        sql = QStringLiteral("SELECT id, full_name, email FROM customers WHERE (%1)%2 LIMIT :limit")
                  .arg(clauses.join(QStringLiteral(" OR ")), andInRegion(QStringLiteral("id"), values));
    }
    SqlQuery q(m_db.connection(), sql);
    bindAll(q, values);
    q.bind(QStringLiteral(":limit"), limit).exec();
    QList<TextHit> hits;
    while (q.next())
        hits << TextHit{SqlValues::id(q.value(0)), SearchText::fold(q.value(1).toString()).trimmed(), q.value(2).toString()};
    return hits;
}

QHash<QString, CustomerSearchRepository::Summary> CustomerSearchRepository::summaries(const QStringList &customerIds)
{
    QHash<QString, Summary> out;
    if (customerIds.isEmpty())
        return out;
    QVariantMap values;
    const QString ids = idParams(customerIds, values, QStringLiteral("c"));
    SqlQuery names(m_db.connection(), QStringLiteral("SELECT id, full_name FROM customers WHERE id IN (%1)").arg(ids));
    bindAll(names, values);
    names.exec();
    while (names.next())
        out[SqlValues::id(names.value(0))].fullName = names.value(1).toString();
    SqlQuery accounts(m_db.connection(), QStringLiteral(
        "SELECT a.customer_id, a.account_number, p.postcode FROM accounts a LEFT JOIN premises p ON p.id = a.premise_id "
        "WHERE a.customer_id IN (%1) ORDER BY a.opened_on, a.account_number").arg(ids));
    bindAll(accounts, values);
    accounts.exec();
    while (accounts.next()) {
        Summary &s = out[SqlValues::id(accounts.value(0))];
        if (s.accountNumbers.isEmpty())
            s.postcode = accounts.value(2).toString();
        s.accountNumbers << accounts.value(1).toString();
    }
    return out;
}

} // namespace Ud::Accounts
