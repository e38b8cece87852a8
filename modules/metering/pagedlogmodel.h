#pragma once

#include <core/error.h>

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace Ud::Metering {

/// The signal of every PagedLogModel (a class template cannot declare signals itself).
class PagedLogModelBase : public QAbstractTableModel
{
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

signals:
    void loadFailed(const QString &message);
};

/// A table of import-log entries fetched lazily in pages of PageSize rows as the view scrolls
/// (canFetchMore/fetchMore). A subclass says how to count the entries and fetch a page, and
/// shows them; this class keeps the rows. Failures do not throw: errorMessage() holds the
/// sentence and loadFailed() is emitted; after a failed page no more are asked for until
/// reload().
template<typename Entry>
class PagedLogModel : public PagedLogModelBase
{
public:
    static constexpr int PageSize = 200;

    using PagedLogModelBase::PagedLogModelBase;

    /// Counts the entries and loads the first page again.
    void reload()
    {
        beginResetModel();
        m_rows.clear();
        m_total = 0;
        m_error.clear();
        try {
            m_total = countAll();
            m_rows = page(PageSize, 0);
        } catch (const Core::Error &e) {
            m_error = e.message();
            m_total = 0;
        }
        m_loaded = true;
        endResetModel();
        if (!m_error.isEmpty())
            emit loadFailed(m_error);
    }

    qint64 totalCount() const { return m_total; }
    bool hasLoaded() const { return m_loaded; }
    QString errorMessage() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    bool canFetchMore(const QModelIndex &parent) const override { return !parent.isValid() && m_rows.size() < m_total; }
    void fetchMore(const QModelIndex &parent) override
    {
        if (!canFetchMore(parent))
            return;
        QList<Entry> more;
        try {
            more = page(PageSize, int(m_rows.size()));
        } catch (const Core::Error &e) {
            m_total = m_rows.size(); // stop asking until the user reloads
            m_error = e.message();
            emit loadFailed(m_error);
            return;
        }
        if (more.isEmpty()) {
            m_total = m_rows.size();
            return;
        }
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + more.size()) - 1);
        m_rows.append(more);
        endInsertRows();
    }

    /// Headers and texts follow a language switch.
    void retranslate()
    {
        const int columns = columnCount();
        emit headerDataChanged(Qt::Horizontal, 0, columns - 1);
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, columns - 1));
    }

protected:
    /// All entries there are (may throw Core::Error).
    virtual qint64 countAll() = 0;
    /// Up to `limit` entries from `offset` (may throw Core::Error).
    virtual QList<Entry> page(int limit, int offset) = 0;
    const QList<Entry> &rows() const { return m_rows; }

private:
    QList<Entry> m_rows;
    qint64 m_total = 0;
    bool m_loaded = false;
    QString m_error;
};

} // namespace Ud::Metering
