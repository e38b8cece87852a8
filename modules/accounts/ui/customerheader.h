#pragma once

#include <accounts/account.h>
#include <accounts/customer.h>
#include <accounts/premise.h>

#include <QFrame>
#include <QList>

#include <optional>

class QGridLayout;
class QHBoxLayout;
class QLabel;
class QToolButton;

namespace Ud::Accounts {

/// What the customer header shows, read in one go in the background.
struct CustomerHeaderData {
    Customer customer;
    QList<Account> accounts;          ///< oldest first
    std::optional<Premise> premise;   ///< of the oldest account with a premise, else the first one
};

/// The header of a customer tab, visible above every sub-page: name, class and language,
/// phone and email, the customer number and each account number with a one-click copy
/// button, the address of the first premise, the vulnerability flags (icon and text) and
/// whether the caller's identity was verified in this contact. Shows "Loading…" until
/// setData() and a sentence from setError().
class CustomerHeader : public QFrame
{
    Q_OBJECT
public:
    explicit CustomerHeader(QWidget *parent = nullptr);

    void setLoading();
    void setData(const CustomerHeaderData &data);
    void setError(const QString &message);
    /// Empty `how`: not verified.
    void setIdentity(const QString &how);

    bool hasData() const { return m_data.has_value(); }
    /// Every text shown, one item a line (for tests and the bench).
    QString plainText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void render();
    void renderIdentity();
    QToolButton *copyButton(const QString &objectName, const QString &value, const QString &what);

    std::optional<CustomerHeaderData> m_data;
    QString m_error;
    QString m_identity;
    QLabel *m_name;
    QLabel *m_details;
    QLabel *m_identityIcon;
    QLabel *m_identityText;
    QWidget *m_numbers;
    QHBoxLayout *m_numbersLayout;
    QLabel *m_address;
    QWidget *m_flags;
    QHBoxLayout *m_flagsLayout;
};

} // namespace Ud::Accounts
