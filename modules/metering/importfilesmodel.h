#pragma once

#include "importlog.h"
#include "pagedlogmodel.h"

#include <core/usercontext.h>


namespace Ud::Metering {

/// The files of one import run in the order they were read, or of every run newest first
/// (setRun with an empty id), fetched lazily in pages of PageSize rows. Rejected files say why
/// and where they were moved. Failures do not throw: errorMessage() and loadFailed().
class ImportFilesModel : public PagedLogModel<ImportFileEntry>
{
    Q_OBJECT
public:
    enum Column { TimeColumn, FileColumn, StatusColumn, FormatColumn, ReadingsColumn, InsertedColumn,
                  UpdatedColumn, EstimatedColumn, UnknownColumn, MessageColumn, QuarantineColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1, ///< the file's log id
        RawValueRole,              ///< epoch seconds, counts, the status as int, the full path
        PathRole,                  ///< where the file was read
        QuarantinePathRole,        ///< where a rejected file now is, empty otherwise
        StatusRole,                ///< FileResult::Status as int
    };

    ImportFilesModel(ImportLog &log, Core::UserContext user, QObject *parent = nullptr);

    /// Shows the files of `runId` (empty: every run's); loads the first page.
    void setRun(const QString &runId);
    QString runId() const { return m_runId; }
    const ImportFileEntry &file(int row) const { return rows().at(row); }

    static QString statusText(FileResult::Status status);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    qint64 countAll() override;
    QList<ImportFileEntry> page(int limit, int offset) override;

private:
    ImportLog &m_log;
    Core::UserContext m_user;
    QString m_runId;
};

} // namespace Ud::Metering
