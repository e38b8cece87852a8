#pragma once

#include "importlog.h"
#include "pagedlogmodel.h"

#include <core/usercontext.h>


namespace Ud::Metering {

/// The import runs, newest first, fetched lazily from ImportLog in pages of PageSize rows as
/// the view scrolls (canFetchMore/fetchMore). Failures do not throw: errorMessage() holds the
/// sentence and loadFailed() is emitted.
class ImportRunsModel : public PagedLogModel<ImportRunEntry>
{
    Q_OBJECT
public:
    enum Column { StartedColumn, FinishedColumn, SourceColumn, UserColumn, FilesColumn, ReadingsColumn,
                  RejectedColumn, StatusColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1, ///< the run's id
        RawValueRole,              ///< epoch seconds, counts, the status or source key
    };

    ImportRunsModel(ImportLog &log, Core::UserContext user, QObject *parent = nullptr);

    const ImportRunEntry &run(int row) const { return rows().at(row); }
    /// The row of the run, -1 if not loaded.
    int rowOf(const QString &runId) const;

    static QString statusText(ImportRunEntry::Status status);
    static QString sourceText(const QString &source);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    qint64 countAll() override;
    QList<ImportRunEntry> page(int limit, int offset) override;

private:
    ImportLog &m_log;
    Core::UserContext m_user;
};

} // namespace Ud::Metering
