#pragma once

#include <QString>
#include <QStringList>

namespace Ud::Accounts {

/// Text as customer search compares it: accents removed (the same table migration 0006 folds
/// the stored names with, so that query and index agree) and letter case folded; words split
/// on white space. Also the edit distance that decides "one typo".
class SearchText
{
public:
    /// "María López" -> "maria lopez"; CJK and other letters are kept as they are.
    static QString fold(const QString &text);
    /// The folded words of `text`.
    static QStringList words(const QString &text);
    /// Optimal string alignment distance (insertions, deletions, substitutions and swaps of
    /// two neighbouring letters each count one), stopping early once it exceeds `max`:
    /// returns max + 1 then.
    static int editDistance(const QString &a, const QString &b, int max);
    /// True if the text has a character of a CJK script (Han, kana, Hangul).
    static bool hasCjk(const QString &text);
};

} // namespace Ud::Accounts
