#pragma once

#include <core/userservice.h>

#include <QAbstractTableModel>

namespace Ud::Ui {

/// The users list behind the Users page: one row per UserService::User. Display text is
/// translated and formatted in the user's locale; SortRole gives raw values (times as epoch
/// seconds) so sorting by "last sign-in" is chronological, and UserNameRole identifies a row.
/// Region is the field officer's region as stored, empty for a user without one.
class UsersTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { UserName, DisplayName, Role, Region, Status, LastSignIn, ColumnCount };
    enum DataRole { UserNameRole = Qt::UserRole + 1, SortRole };

    using QAbstractTableModel::QAbstractTableModel;

    /// `now` (UTC epoch seconds) decides whether a lock-out is still running.
    void setUsers(const QList<Core::UserService::User> &users, qint64 now);
    const QList<Core::UserService::User> &users() const { return m_users; }
    /// The row of `userName`, or -1.
    int rowOf(const QString &userName) const;
    /// "Active", "Disabled" or "Locked until 14:05" for one user, translated.
    static QString statusText(const Core::UserService::User &user, qint64 now);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    /// Re-emits display data and headers after a language switch.
    void retranslate();

private:
    QList<Core::UserService::User> m_users;
    qint64 m_now = 0;
};

} // namespace Ud::Ui
