#pragma once

#include "customersearch.h"

#include <QAbstractTableModel>
#include <QList>

namespace Ud::Accounts {

/// The customer search results as a table, best match first: name, account numbers, postcode
/// and what matched ("Phone", "Name (typo)"). The rows are set whole from one
/// CustomerSearch::search answer; the order is the search's ranking, so the view does not sort.
class CustomerMatchModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, AccountsColumn, PostcodeColumn, MatchedColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,   ///< customer UUID
        ScoreRole,                   ///< CustomerMatch::score
        FieldKeyRole,                ///< customerMatchFieldKey() of what matched
    };

    explicit CustomerMatchModel(QObject *parent = nullptr);

    /// Replaces every row.
    void setMatches(const QList<CustomerMatch> &matches);
    const QList<CustomerMatch> &matches() const { return m_matches; }
    QString customerId(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "Phone", "Account number", …, translated.
    static QString fieldName(CustomerMatch::Field field);
    /// What the "Matched" column shows: the field name, with "(typo)" for a typo match.
    static QString matchedText(const CustomerMatch &match);

    /// Header and field names follow a language switch.
    void retranslate();

private:
    QList<CustomerMatch> m_matches;
};

} // namespace Ud::Accounts
