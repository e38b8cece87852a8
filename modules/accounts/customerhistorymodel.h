#pragma once

#include "customerhistory.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace Ud::Accounts {

/// A customer's change history as a table: When, Who, Change, Field, Before, After, newest
/// first (the order of the log; the rows are not sorted otherwise, because only part of the
/// history is loaded). Rows arrive in pages of PageSize audit entries as the view scrolls:
/// fetchMore() asks for the next page with fetchRequested(), and whoever runs the query (in
/// the background, with CustomerHistory::changes) hands the answer to addPage() or
/// pageFailed(). So the model itself never blocks on the database and needs no widgets.
class CustomerHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { WhenColumn, WhoColumn, ChangeColumn, FieldColumn, BeforeColumn, AfterColumn, ColumnCount };
    enum Role {
        AtRole = Qt::UserRole + 1,   ///< UTC epoch seconds
        SeqRole,                     ///< the audit entry's sequence number
        FieldKeyRole,                ///< e.g. "email"
        ActionKeyRole,               ///< e.g. "customer.update"
    };
    static constexpr int PageSize = 50;

    explicit CustomerHistoryModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /// Forgets the rows and asks for the first page (with the count).
    void reload();
    /// The answer to fetchRequested(generation, offset, ...): `rows` of the entries from
    /// `offset`, and the number of entries there are (counted with the page). Answers to a
    /// request made before the last reload() are dropped.
    void addPage(quint64 generation, int offset, const QList<CustomerChange> &rows, qint64 totalEntries);
    void pageFailed(quint64 generation, const QString &message);

    /// Audit entries of the customer, loaded or not.
    qint64 totalEntries() const { return m_totalEntries; }
    bool hasLoaded() const { return m_loaded; }
    bool isFetching() const { return m_fetching; }
    QString errorMessage() const { return m_error; }
    CustomerChange change(int row) const { return m_rows.value(row); }
    /// Headers follow a language switch.
    void retranslate();

signals:
    /// Run CustomerHistory::changes(user, id, limit, offset) and count(), then addPage().
    void fetchRequested(quint64 generation, int offset, int limit);
    void loadFailed(const QString &message);
    /// The first page arrived (the counts mean something).
    void reloaded();

private:
    quint64 m_generation = 0;
    QList<CustomerChange> m_rows;
    int m_loadedEntries = 0;
    qint64 m_totalEntries = 0;
    bool m_fetching = false;
    bool m_loaded = false;
    QString m_error;
};

} // namespace Ud::Accounts
