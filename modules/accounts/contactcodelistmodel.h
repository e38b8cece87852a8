#pragma once

#include "contactcodes.h"

#include <QAbstractListModel>
#include <QList>

namespace Ud::Accounts {

/// One list of contact codes (the reasons or the wrap-up codes) for views, in list order,
/// inactive codes marked in their text. With setEditable(true), F2 edits a code's name in
/// place; the model does not write it but emits renameRequested, and the page saves it through
/// ContactCodeService and hands back the reloaded list.
class ContactCodeListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,   ///< the code's UUID
        CodeRole,                    ///< the stable key
        ActiveRole,
    };

    explicit ContactCodeListModel(QObject *parent = nullptr);

    void setCodes(const QList<ContactCode> &codes);
    const QList<ContactCode> &codes() const { return m_codes; }
    /// -1 if no code has this id.
    int rowOf(const QString &id) const;
    void setEditable(bool editable);
    /// After a language switch: the shipped codes' names and the inactive mark are re-read.
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

signals:
    void renameRequested(const QString &id, const QString &label);

private:
    QList<ContactCode> m_codes;
    bool m_editable = false;
};

} // namespace Ud::Accounts
