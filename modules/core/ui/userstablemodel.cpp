#include "userstablemodel.h"

#include <QDateTime>
#include <QLocale>

namespace Ud::Ui {

namespace {
QString localTime(qint64 epochSecs)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(epochSecs).toLocalTime(), QLocale::ShortFormat);
}
} // namespace

void UsersTableModel::setUsers(const QList<Core::UserService::User> &users, qint64 now)
{
    beginResetModel();
    m_users = users;
    m_now = now;
    endResetModel();
}

int UsersTableModel::rowOf(const QString &userName) const
{
    for (int i = 0; i < m_users.size(); ++i) {
        if (m_users.at(i).userName == userName)
            return i;
    }
    return -1;
}

QString UsersTableModel::statusText(const Core::UserService::User &user, qint64 now)
{
    if (user.disabled)
        return tr("Disabled");
    if (user.lockedUntil > now)
        return tr("Locked until %1").arg(localTime(user.lockedUntil));
    return tr("Active");
}

int UsersTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_users.size());
}

int UsersTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsersTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_users.size())
        return {};
    const Core::UserService::User &user = m_users.at(index.row());
    if (role == UserNameRole)
        return user.userName;
    if (role == SortRole) {
        switch (index.column()) {
        case LastSignIn: return user.lastSignInAt;
        case Role: return Core::roleDisplayName(user.role);
        case Region: return user.region;
        case Status: return statusText(user, m_now);
        case DisplayName: return user.displayName;
        default: return user.userName;
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case UserName: return user.userName;
    case DisplayName: return user.displayName;
    case Role: return Core::roleDisplayName(user.role);
    case Region: return user.region;
    case Status: return statusText(user, m_now);
    case LastSignIn: return user.lastSignInAt > 0 ? localTime(user.lastSignInAt) : tr("Never");
    default: return {};
    }
}

QVariant UsersTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case UserName: return tr("User name");
    case DisplayName: return tr("Display name");
    case Role: return tr("Role");
    case Region: return tr("Region");
    case Status: return tr("Status");
    case LastSignIn: return tr("Last sign-in");
    default: return {};
    }
}

void UsersTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_users.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_users.size()) - 1, ColumnCount - 1));
}

} // namespace Ud::Ui
