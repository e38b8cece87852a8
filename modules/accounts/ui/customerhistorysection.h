#pragma once

#include <core/usercontext.h>

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace Ud::Ui {
class CustomerView;
}

namespace Ud::Accounts {

class AccountsModule;

/// The customer page's "Change history" section: the last few changed fields (when, who,
/// what, before and after) and "Show all changes", which opens the whole history as a
/// sub-page. Loads in the background and again whenever the customer page reloads.
class CustomerHistorySection : public QWidget
{
    Q_OBJECT
public:
    /// Rows shown at most, from the newest RecentEntries audit entries.
    static constexpr int RecentRows = 5;
    static constexpr int RecentEntries = 3;

    CustomerHistorySection(AccountsModule &module, const Core::UserContext &user, Ui::CustomerView &view,
                           QWidget *parent = nullptr);

    /// The lines shown, for tests and screen readers.
    QStringList lines() const;
    bool hasLoaded() const { return m_loaded; }

public slots:
    void reload();
    /// Opens (or brings forward) the full history as the customer's "history" sub-page.
    void showAll();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    AccountsModule &m_module;
    Core::UserContext m_user;
    QPointer<Ui::CustomerView> m_view;
    QString m_customerId;
    qint64 m_total = 0;
    bool m_loaded = false;
    QVBoxLayout *m_rows;
    QLabel *m_status;
    QPushButton *m_showAll;
};

} // namespace Ud::Accounts
