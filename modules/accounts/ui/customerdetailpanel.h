#pragma once

#include <core/usercontext.h>

#include <QWidget>

class QLabel;
class QTextBrowser;
class QToolButton;

namespace Ud::Accounts {

class AccountsModule;

/// A read-only side panel with everything about one customer: details, vulnerability flags,
/// accounts, premises, meters, appliances and the last contacts, all read through the
/// module's services as the signed-in user (so sensitive values show only to those allowed).
class CustomerDetailPanel : public QWidget
{
    Q_OBJECT
public:
    CustomerDetailPanel(AccountsModule &module, Core::UserContext user, QWidget *parent = nullptr);

    /// Loads and shows the customer; a failure is shown in the panel, never thrown.
    void showCustomer(const QString &customerId);
    QString customerId() const { return m_customerId; }
    /// The panel's text as shown (for tests and screen readers' sake, plain text).
    QString plainText() const;

signals:
    void closeRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void render();

    AccountsModule &m_module;
    Core::UserContext m_user;
    QString m_customerId;
    QLabel *m_title = nullptr;
    QToolButton *m_close = nullptr;
    QTextBrowser *m_browser = nullptr;
};

} // namespace Ud::Accounts
