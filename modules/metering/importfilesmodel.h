#pragma once

#include "importlog.h"

#include <core/usercontext.h>

#include <QAbstractTableModel>

namespace Ud::Metering {

/// The files of one import run in the order they were read, or of every run newest first
/// (setRun with an empty id), fetched lazily in pages of PageSize rows. Rejected files say why
/// and where they were moved. Failures do not throw: errorMessage() and loadFailed().
class ImportFilesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int PageSize = 200;
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
    void reload();
    qint64 totalCount() const { return m_total; }
    bool hasLoaded() const { return m_loaded; }
    QString errorMessage() const { return m_error; }
    const ImportFileEntry &file(int row) const { return m_rows.at(row); }

    static QString statusText(FileResult::Status status);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void retranslate();

signals:
    void loadFailed(const QString &message);

private:
    ImportLog &m_log;
    Core::UserContext m_user;
    QString m_runId;
    QList<ImportFileEntry> m_rows;
    qint64 m_total = 0;
    bool m_loaded = false;
    QString m_error;
};

} // namespace Ud::Metering
