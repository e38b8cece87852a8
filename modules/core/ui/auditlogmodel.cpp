#include "auditlogmodel.h"

#include <core/error.h>
#include <core/permissions.h>

#include <QDateTime>
#include <QLocale>

namespace Ud::Ui {

AuditLogModel::AuditLogModel(Core::AuditLog &audit, const Core::UserContext &user, QObject *parent)
    : QAbstractTableModel(parent), m_audit(audit), m_user(user)
{
}

void AuditLogModel::reload()
{
    beginResetModel();
    m_entries.clear();
    m_total = 0;
    QString error;
    try {
        m_total = m_audit.count(m_user);
        m_entries = m_audit.list(m_user, PageSize, 0);
    } catch (const Core::Error &e) {
        error = e.message();
        m_total = 0;
    }
    endResetModel();
    if (!error.isEmpty())
        emit loadFailed(error);
}

QString AuditLogModel::roleText(const QString &roleKey)
{
    const auto role = Core::roleFromKey(roleKey);
    return role ? Core::roleDisplayName(*role) : roleKey;
}

int AuditLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AuditLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const Core::AuditLog::Entry &e = m_entries.at(index.row());
    if (role == SequenceRole)
        return e.seq;
    if (role == Qt::TextAlignmentRole && index.column() == Sequence)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Sequence: return QLocale().toString(e.seq);
    case Time: {
        // Seconds matter in an audit trail, so the locale's long time format.
        const QDateTime local = QDateTime::fromSecsSinceEpoch(e.at).toLocalTime();
        return QLocale().toString(local.date(), QLocale::ShortFormat) + QLatin1Char(' ')
               + QLocale().toString(local.time(), QLocale::LongFormat);
    }
    case User: return e.actor;
    case Role: return roleText(e.actorRole);
    case Action: return e.action;
    case Record: return e.entityId.isEmpty() ? e.entity : e.entity + QLatin1Char(' ') + e.entityId;
    default: return {};
    }
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Sequence: return tr("No.");
    case Time: return tr("Time");
    case User: return tr("User");
    case Role: return tr("Role");
    case Action: return tr("Action");
    case Record: return tr("Record");
    default: return {};
    }
}

bool AuditLogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_entries.size() < m_total;
}

void AuditLogModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    QList<Core::AuditLog::Entry> more;
    try {
        more = m_audit.list(m_user, PageSize, int(m_entries.size()));
    } catch (const Core::Error &e) {
        m_total = m_entries.size();   // stop asking until the user reloads
        emit loadFailed(e.message());
        return;
    }
    if (more.isEmpty()) {
        m_total = m_entries.size();
        return;
    }
    beginInsertRows({}, int(m_entries.size()), int(m_entries.size() + more.size()) - 1);
    m_entries.append(more);
    endInsertRows();
}

void AuditLogModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_entries.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_entries.size()) - 1, ColumnCount - 1));
}

} // namespace Ud::Ui
