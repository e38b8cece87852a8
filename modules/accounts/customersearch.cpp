#include "customersearch.h"

#include "customersearchrepository.h"
#include "phonenumbers.h"
#include "regionaccess.h"
#include "searchtext.h"

#include <core/database.h>
#include <core/error.h>
#include <core/transaction.h>
#include <core/usercontext.h>

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>

#include <algorithm>

namespace Ud::Accounts {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::CustomerSearch)
};

using Field = CustomerMatch::Field;

struct Found {
    double score = 0;
    Field field = Field::Name;
    bool typo = false;
};

class Results
{
public:
    void add(const QString &id, double score, Field field, bool typo = false)
    {
        auto it = m_found.find(id);
        if (it == m_found.end())
            m_found.insert(id, Found{score, field, typo});
        else if (score > it->score)
            *it = Found{score, field, typo};
    }
    bool isEmpty() const { return m_found.isEmpty(); }
    const QHash<QString, Found> &found() const { return m_found; }

private:
    QHash<QString, Found> m_found;
};

// How much of the name the query covers, 0..1: "maria lopez" covers "maria lopez" fully and
// "maria lopez garcia" in part, so the exact name ranks first.
double coverage(const QStringList &words, const QString &foldedName)
{
    qsizetype typed = 0;
    for (const QString &w : words)
        typed += w.size();
    qsizetype stored = 0;
    for (QChar c : foldedName) {
        if (!c.isSpace())
            ++stored;
    }
    return stored == 0 ? 0 : qMin(1.0, double(typed) / double(stored));
}

// The summed distance of each typed word to its closest word of the name (a typed word that
// is part of a name word costs nothing), or max + 1.
int typoDistance(const QStringList &words, const QString &foldedName, int max)
{
    const QStringList nameWords = foldedName.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    int total = 0;
    for (const QString &w : words) {
        int best = max + 1;
        for (const QString &n : nameWords) {
            best = n.contains(w) ? 0 : std::min(best, SearchText::editDistance(w, n, max));
            if (best == 0)
                break;
        }
        total += best;
        if (total > max)
            return max + 1;
    }
    return total;
}

bool isPhoneLike(const QString &text, QString *digits)
{
    static const QRegularExpression pattern(QStringLiteral("^\\+?[0-9 ()./-]+$"));
    if (!pattern.match(text).hasMatch())
        return false;
    for (QChar c : text) {
        if (c.isDigit())
            digits->append(c);
    }
    return digits->size() >= 6 && digits->size() <= 15;
}
} // namespace

QString customerMatchFieldKey(CustomerMatch::Field field)
{
    switch (field) {
    case Field::Phone: return QStringLiteral("phone");
    case Field::AccountNumber: return QStringLiteral("account_number");
    case Field::MeterSerial: return QStringLiteral("meter_serial");
    case Field::Postcode: return QStringLiteral("postcode");
    case Field::Name: return QStringLiteral("name");
    case Field::Email: return QStringLiteral("email");
    case Field::Address: return QStringLiteral("address");
    }
    return QStringLiteral("name");
}

CustomerSearch::CustomerSearch(Core::Database &db) : m_db(db)
{
}

QList<CustomerMatch> CustomerSearch::search(const Core::UserContext &user, const QString &rawText, int limit)
{
    user.require(Core::Permission::ViewCustomers);
    if (limit < 1 || limit > 1000)
        throw Core::Error(Core::Error::Kind::BadInput,
                          Tr::tr("The number of search results must be from 1 to 1000, not %1.").arg(limit));
    const QString text = rawText.simplified();
    if (text.isEmpty() || RegionAccess::seesNoCustomers(user))
        return {};
    // Enough candidates that the best of them are still among those ranked.
    const int candidates = qMax(200, limit * 10);

    return Core::readOnly(m_db, [&] {
        CustomerSearchRepository repo(m_db, RegionAccess::limit(user));
        Results results;

        QString digits;
        if (isPhoneLike(text, &digits)) {
            QStringList numbers;
            const bool international = text.startsWith(QLatin1Char('+')) || text.startsWith(QLatin1String("00"));
            if (international) {
                const QString withPlus = text.startsWith(QLatin1Char('+')) ? digits : digits.mid(2);
                numbers << PhoneNumbers::toE164(QLatin1Char('+') + withPlus, {});
                // Stored as typed when libphonenumber did not know the number range yet.
                numbers << QLatin1Char('+') + withPlus;
            } else {
                for (const QString &country : repo.marketCountries())
                    numbers << PhoneNumbers::toE164(text, country);
                numbers << PhoneNumbers::toE164(QLatin1Char('+') + digits, {});
            }
            numbers.removeAll(QString());
            numbers.removeDuplicates();
            for (const QString &id : repo.byPhone(numbers, candidates))
                results.add(id, 1.0, Field::Phone);
        }

        const QString compact = QString(text).remove(QLatin1Char(' ')).toUpper();
        static const QRegularExpression codePattern(QStringLiteral("^[A-Z0-9][A-Z0-9-]{3,39}$"));
        const bool hasDigit = std::any_of(compact.cbegin(), compact.cend(), [](QChar c) { return c.isDigit(); });
        if (!text.contains(QLatin1Char(' ')) && hasDigit && codePattern.match(compact).hasMatch()) {
            for (const auto &hit : repo.byAccountNumber(compact, candidates))
                results.add(hit.customerId, hit.exact ? 1.0 : 0.95, Field::AccountNumber);
            for (const auto &hit : repo.byMeterSerial(compact, candidates))
                results.add(hit.customerId, hit.exact ? 1.0 : 0.95, Field::MeterSerial);
        }
        static const QRegularExpression postcodePattern(QStringLiteral("^[A-Z0-9]{3,10}$"));
        if (hasDigit && text.count(QLatin1Char(' ')) <= 1 && postcodePattern.match(compact).hasMatch()) {
            for (const QString &id : repo.byPostcode(compact, candidates))
                results.add(id, 0.9, Field::Postcode);
        }

        const QStringList words = SearchText::words(text);
        const bool hasLetter = std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isLetter(); });
        if (hasLetter) {
            for (const auto &hit : repo.byWords(words, candidates)) {
                const bool inName = std::all_of(words.cbegin(), words.cend(),
                                                [&](const QString &w) { return hit.foldedName.contains(w); });
                if (inName)
                    results.add(hit.customerId, 0.5 + 0.4 * coverage(words, hit.foldedName), Field::Name);
                else
                    results.add(hit.customerId, 0.5, Field::Email);
            }
            for (const QString &id : repo.byPlaceWords(words, candidates))
                results.add(id, 0.45, Field::Address);
            // A typo is looked for only when the words matched nothing as typed: a name that
            // exists is what the agent meant, and the exact search stays fast.
            if (results.isEmpty()) {
                for (const auto &hit : repo.typoCandidates(words, qMax(2000, candidates))) {
                    if (typoDistance(words, hit.foldedName, 1) <= 1)
                        results.add(hit.customerId, 0.3 + 0.15 * coverage(words, hit.foldedName), Field::Name, true);
                }
            }
        }

        struct Ranked {
            QString id;
            Found found;
        };
        QList<Ranked> ranked;
        for (auto it = results.found().cbegin(); it != results.found().cend(); ++it)
            ranked << Ranked{it.key(), it.value()};
        std::sort(ranked.begin(), ranked.end(), [](const Ranked &a, const Ranked &b) {
            return a.found.score != b.found.score ? a.found.score > b.found.score : a.id < b.id;
        });
        if (ranked.size() > limit)
            ranked.resize(limit);
        QStringList ids;
        for (const Ranked &r : std::as_const(ranked))
            ids << r.id;
        const auto summaries = repo.summaries(ids);
        QList<CustomerMatch> matches;
        for (const Ranked &r : std::as_const(ranked)) {
            const auto summary = summaries.value(r.id);
            matches << CustomerMatch{r.id, summary.fullName, summary.accountNumbers, summary.postcode,
                                     r.found.score, r.found.field, r.found.typo};
        }
        // Equal scores: by name, so that the order is the same on both databases.
        std::stable_sort(matches.begin(), matches.end(), [](const CustomerMatch &a, const CustomerMatch &b) {
            return a.score > b.score || (a.score == b.score && a.name < b.name);
        });
        return matches;
    });
}

} // namespace Ud::Accounts
