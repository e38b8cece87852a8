#pragma once

// What bench_search and bench_workspace share: the sampled customers (the same ones on every
// run and on both databases), their search texts, and percentiles.

#include <accounts/phonenumbers.h>
#include <accounts/searchtext.h>
#include <core/database.h>
#include <core/error.h>
#include <core/sqlquery.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <vector>

namespace Ud::Bench {

inline double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t index = std::min(values.size() - 1, std::size_t(p * double(values.size() - 1) + 0.5));
    return values[index];
}

struct Sample {
    QString id;
    QString name;
    QString phone;
    QString account;
    QString postcode;
};

// Two neighbouring letters of the longest word swapped (or its last letter doubled when they
// are equal): one typo. Empty for names without a Latin word of five letters.
inline QString withTypo(const QString &name)
{
    QStringList words = name.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    qsizetype longest = -1;
    for (qsizetype i = 0; i < words.size(); ++i) {
        if (words.at(i).size() >= 5 && !Accounts::SearchText::hasCjk(words.at(i))
            && (longest < 0 || words.at(i).size() > words.at(longest).size()))
            longest = i;
    }
    if (longest < 0)
        return {};
    QString &w = words[longest];
    const qsizetype mid = w.size() / 2;
    if (w.at(mid) != w.at(mid - 1))
        std::swap(w[mid], w[mid - 1]);
    else
        w.insert(w.size(), w.back());
    return words.join(QLatin1Char(' '));
}

inline qint64 customerCount(Core::Database &db)
{
    try {
        return Core::SqlQuery(db.connection(), QStringLiteral("SELECT count(*) FROM customers")).scalar(0).toLongLong();
    } catch (const Core::Error &) {
        return 0;
    }
}

inline QList<Sample> samples(Core::Database &db, int count)
{
    // Every k-th customer by number: the same customers on every run and both databases.
    const qint64 total = customerCount(db);
    const qint64 step = std::max<qint64>(1, total / count);
    Core::SqlQuery q(db.connection(), QStringLiteral(
        "SELECT c.id, c.full_name, c.phone, a.account_number, p.postcode FROM "
        "(SELECT id, full_name, phone, customer_number FROM customers ORDER BY customer_number) c "
        "JOIN accounts a ON a.customer_id = c.id JOIN premises p ON p.id = a.premise_id "
        "WHERE a.account_number = (SELECT min(o.account_number) FROM accounts o WHERE o.customer_id = c.id)"));
    q.exec();
    QList<Sample> out;
    qint64 row = 0;
    while (q.next() && out.size() < count) {
        if (row++ % step != 0)
            continue;
        Sample s;
        s.id = q.value(0).toString();
        s.name = q.value(1).toString();
        s.phone = Accounts::PhoneNumbers::formatInternational(q.value(2).toString());
        s.account = q.value(3).toString();
        s.postcode = q.value(4).toString();
        out << s;
    }
    return out;
}

} // namespace Ud::Bench
