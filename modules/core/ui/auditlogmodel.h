#pragma once

#include <core/auditlog.h>
#include <core/usercontext.h>

#include <QAbstractTableModel>

namespace Ud::Ui {

/// The audit log, newest first, fetched lazily from Core::AuditLog in pages of PageSize rows
/// as the view scrolls (canFetchMore/fetchMore), so a log of millions of entries opens at once.
class AuditLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int PageSize = 200;
    enum Column { Sequence, Time, User, Role, Action, Record, ColumnCount };
    enum DataRole { SequenceRole = Qt::UserRole + 1 };

    AuditLogModel(Core::AuditLog &audit, const Core::UserContext &user, QObject *parent = nullptr);

    /// Counts the entries and loads the first page again (new entries appear on top).
    /// Throws nothing: failures are reported through loadFailed().
    void reload();
    qint64 totalCount() const { return m_total; }
    const Core::AuditLog::Entry &entry(int row) const { return m_entries.at(row); }
    /// The role key shown translated ("admin" -> "Administrator"); unknown keys as stored.
    static QString roleText(const QString &roleKey);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void retranslate();

signals:
    void loadFailed(const QString &message);

private:
    Core::AuditLog &m_audit;
    Core::UserContext m_user;
    QList<Core::AuditLog::Entry> m_entries;
    qint64 m_total = 0;
};

} // namespace Ud::Ui
