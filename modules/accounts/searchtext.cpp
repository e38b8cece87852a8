#include "searchtext.h"

#include <QHash>

#include <algorithm>
#include <vector>

namespace Ud::Accounts {

namespace {
// Latin letters U+00C0..U+024F that decompose into an ASCII letter and marks, and that letter.
// Generated from Unicode NFD; sql/0006_customer_search.*.sql holds the same two strings.
const char16_t Accented[] = u"ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳ";
const char16_t Plain[] = u"aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyy";

const QHash<char16_t, char16_t> &foldTable()
{
    static const QHash<char16_t, char16_t> table = [] {
        QHash<char16_t, char16_t> t;
        for (std::size_t i = 0; Accented[i] != 0; ++i)
            t.insert(Accented[i], Plain[i]);
        return t;
    }();
    return table;
}
} // namespace

QString SearchText::fold(const QString &text)
{
    QString out = text;
    const auto &table = foldTable();
    for (QChar &c : out) {
        const auto it = table.constFind(c.unicode());
        if (it != table.cend())
            c = QChar(*it);
    }
    return out.toLower();
}

QStringList SearchText::words(const QString &text)
{
    return fold(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

int SearchText::editDistance(const QString &a, const QString &b, int max)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    if (std::abs(n - m) > max)
        return max + 1;
    // Three rows of the dynamic programme: the swap needs the row before the previous one.
    std::vector<int> twoBack(m + 1), previous(m + 1), current(m + 1);
    for (qsizetype j = 0; j <= m; ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        current[0] = int(i);
        int rowMin = current[0];
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            int best = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a.at(i - 1) == b.at(j - 2) && a.at(i - 2) == b.at(j - 1))
                best = std::min(best, twoBack[j - 2] + 1);
            current[j] = best;
            rowMin = std::min(rowMin, best);
        }
        if (rowMin > max)
            return max + 1;
        std::swap(twoBack, previous);
        std::swap(previous, current);
    }
    return std::min(previous[m], max + 1);
}

bool SearchText::hasCjk(const QString &text)
{
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if ((u >= 0x2E80 && u <= 0x9FFF) || (u >= 0xAC00 && u <= 0xD7AF) || c.isSurrogate())
            return true;
    }
    return false;
}

} // namespace Ud::Accounts
