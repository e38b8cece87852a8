#pragma once

#include <segments/segmentquery.h>

#include <core/querycancel.h>
#include <core/usercontext.h>

#include <QAbstractTableModel>

#include <memory>

class QThreadPool;

namespace Ud::Core {
class Database;
}

namespace Ud::Segments {

/// The members of the segment being built, a page at a time: setDefinition() loads the first
/// page in the background, and the view's fetchMore() (scrolling to the end) the next. A new
/// definition cancels the page being read, so rows of an older rule never appear.
class PreviewModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NumberColumn, NameColumn, ClassColumn, RegionColumn, ColumnCount };
    static constexpr int PageSize = 100;
    static constexpr int IdRole = Qt::UserRole + 1;

    /// Pages are read on `pool` (which must outlive the model's work; the page waits for it).
    PreviewModel(QThreadPool *pool, Core::Database &database, const SegmentQuery &query, Core::UserContext user,
                 QObject *parent = nullptr);
    ~PreviewModel() override;

    void setDefinition(const SegmentDefinition &definition);
    void clear();
    bool isLoading() const { return m_loading; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void loadingChanged(bool loading);
    /// A page could not be read; `message` says why.
    void failed(const QString &message);

private:
    void fetchPage();
    void setLoading(bool loading);

    QThreadPool *m_pool;
    Core::Database &m_database;
    const SegmentQuery &m_query;
    Core::UserContext m_user;
    std::optional<SegmentDefinition> m_definition;
    QList<PreviewRow> m_rows;
    std::shared_ptr<Core::QueryCancel> m_cancel;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_exhausted = true;
};

} // namespace Ud::Segments
