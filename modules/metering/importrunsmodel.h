#pragma once

#include "importlog.h"

#include <core/usercontext.h>

#include <QAbstractTableModel>

namespace Ud::Metering {

/// The import runs, newest first, fetched lazily from ImportLog in pages of PageSize rows as
/// the view scrolls (canFetchMore/fetchMore). Failures do not throw: errorMessage() holds the
/// sentence and loadFailed() is emitted.
class ImportRunsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int PageSize = 200;
    enum Column { StartedColumn, FinishedColumn, SourceColumn, UserColumn, FilesColumn, ReadingsColumn,
                  RejectedColumn, StatusColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1, ///< the run's id
        RawValueRole,              ///< epoch seconds, counts, the status or source key
    };

    ImportRunsModel(ImportLog &log, Core::UserContext user, QObject *parent = nullptr);

    /// Counts the runs and loads the first page again (new runs appear on top).
    void reload();
    qint64 totalCount() const { return m_total; }
    bool hasLoaded() const { return m_loaded; }
    QString errorMessage() const { return m_error; }
    const ImportRunEntry &run(int row) const { return m_rows.at(row); }
    /// The row of the run, -1 if not loaded.
    int rowOf(const QString &runId) const;

    static QString statusText(ImportRunEntry::Status status);
    static QString sourceText(const QString &source);

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
    QList<ImportRunEntry> m_rows;
    qint64 m_total = 0;
    bool m_loaded = false;
    QString m_error;
};

} // namespace Ud::Metering
