#pragma once

#include "customer.h"

#include <core/usercontext.h>

#include <QAbstractTableModel>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>

class QThread;

namespace Ud::Accounts {

class CustomerService;

/// The customer list as a table for views: customer number, name, class, postcode, city,
/// market, phone. Rows arrive in pages of 200 through canFetchMore()/fetchMore(), so a view
/// over a million customers only ever holds what was scrolled to. Because of that, sorting
/// and filtering happen in the database: sort() and setFilter() load from the first page
/// again, and only the columns with an index behind them can be sorted (isSortable()).
///
/// With Loading::Background, queries run on a worker thread with its own connection, so a
/// search over a large database never freezes the window: isLoading() is true meanwhile, the
/// rows shown stay until the answer arrives, and answers to superseded requests are dropped.
/// With Loading::Blocking (scripts, tests) every call has finished when it returns.
/// Failures do not throw: errorMessage() holds the sentence and loadFailed() is emitted.
class CustomerListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NumberColumn, NameColumn, ClassColumn, PostcodeColumn, CityColumn, MarketColumn, PhoneColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,   ///< customer UUID
        CustomerNumberRole,
        RawValueRole,                ///< the stored value: class key, E.164 phone
    };
    enum class Loading { Blocking, Background };
    static constexpr int PageSize = 200;

    CustomerListModel(CustomerService &service, Core::UserContext user, Loading loading = Loading::Blocking,
                      QObject *parent = nullptr);
    ~CustomerListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    /// Sorts in the database; ignored for columns that are not sortable.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    static bool isSortable(int column);
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    /// Matches name, customer or account number, phone and postcode; loads again.
    void setFilter(const QString &text);
    QString filter() const { return m_filter; }
    /// All customers matching the filter, loaded or not.
    qint64 totalCount() const { return m_total; }
    /// True from a request until its answer arrived (Background only).
    bool isLoading() const { return m_loading; }
    /// True once the first answer arrived (the counts mean something).
    bool hasLoaded() const { return m_loaded; }
    /// Empty when the last load worked.
    QString errorMessage() const { return m_error; }
    QString customerId(int row) const;

    /// Loads the first page again (after changes elsewhere).
    void reload();
    /// Header and class names follow a language switch.
    void retranslate();

signals:
    void totalCountChanged(qint64 total);
    void loadingChanged(bool loading);
    void loadFailed(const QString &message);
    /// A first page (after reload, filter or sort) has replaced the rows.
    void reloaded();

private:
    struct Answer {
        quint64 generation = 0;
        int offset = 0;
        bool withCount = false;
        qint64 total = 0;
        QList<CustomerListRow> rows;
        QStringList phones;
        QString error;
    };
    CustomerListQuery query(int offset) const;
    void request(int offset, bool withCount);
    Answer run(quint64 generation, const CustomerListQuery &query, bool withCount) const;
    void apply(const Answer &answer);
    void setLoading(bool loading);

    CustomerService &m_service;
    Core::UserContext m_user;
    Loading m_loadingMode;
    QThread *m_thread = nullptr;
    QObject *m_worker = nullptr;            ///< lives in m_thread; requests run in its context
    std::atomic<quint64> m_generation{0};   ///< read by the worker to skip superseded requests
    QList<CustomerListRow> m_rows;
    QStringList m_phones;                   ///< display form of each row's phone
    QString m_filter;
    int m_sortColumn = NameColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    qint64 m_total = 0;
    bool m_exhausted = true;
    bool m_fetching = false;
    bool m_loading = false;
    bool m_loaded = false;
    QString m_error;
};

} // namespace Ud::Accounts
